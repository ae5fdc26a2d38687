import type { CloudApi } from '../../cloud/cloudApi';
import type { ReadOnlyGroup, TaskRef } from '../../domain/model';
import type { TaskKind } from '../../tasks/trackedTask';
import type { NetworkOperation } from './networkErrors';
import type { ReadBack } from './readBack';

/** The network a create or delete is about: enough to find it in the group and to name it to the user. */
export interface NetworkTarget {
  readonly region: string;
  readonly groupId: string;
  readonly vpcId: string;
  readonly subnetId: string;
  /** A delete always names its VIP; a create names one only when the user chose it. */
  readonly vip?: string;
}

/** What the user is told about one change, in the words of that change ("adding a network to X"...). */
export interface ChangeTexts {
  /** The progress notification while the request is sent. */
  readonly sending: string;
  /** The progress notification while the group is read back after a lost answer. */
  readonly checking: string;
  readonly tookEffect: string;
  /** Offers Retry (and Edit and Retry for a create): sending again is safe. */
  readonly didNotTakeEffect: (errorCode: string) => string;
  /** Offers only Refresh Group: sending again might make the change twice. */
  readonly unknown: (errorCode: string) => string;
}

/**
 * One create or delete of a group's network, as the shared change operation (networkChanges.ts) runs it. Add and
 * Remove differ only in what is written here: the request, how the group shows it happened, and the texts.
 */
export interface ChangeSpec {
  readonly operation: NetworkOperation;
  /** The group as the user saw it before the change. */
  readonly group: ReadOnlyGroup;
  readonly target: NetworkTarget;
  /** Sends the request: called at most once per user intent. */
  send(api: CloudApi): Promise<TaskRef>;
  /** Reads the group back to see whether the change went through; never throws. */
  readBack(api: CloudApi): Promise<ReadBack>;
  readonly texts: ChangeTexts;
  /** Reopens the wizard with the user's choices (create only). */
  readonly editChoices?: () => unknown;
}

/** The kind of task an operation starts, as the tracker knows it. */
export function taskKindOf(operation: NetworkOperation): TaskKind {
  return operation === 'create' ? 'addNetwork' : 'removeNetwork';
}

/** The API action behind an operation, for the log. */
export function apiActionOf(operation: NetworkOperation): string {
  return operation === 'create' ? 'CreateReadOnlyGroupNetworkAccess' : 'DeleteReadOnlyGroupNetworkAccess';
}
