import type { CloudApi } from '../../cloud/cloudApi';
import type { NetworkChangeKind, RequestedChange } from '../../domain/changeJudgement';
import { unreachableChange } from '../../domain/changeJudgement';
import type { TaskRef } from '../../domain/model';
import type { NetworkOwner, NetworkOwnerKind } from '../../domain/networkOwner';
import { ownerRegion, unreachableOwner } from '../../domain/networkOwner';

/** What the user is told about one change, in the words of that change ("adding a network to X"...). */
export interface ChangeTexts {
  /** The progress notification while the request is sent. */
  readonly sending: string;
  /** The progress notification while the owner is read back after a lost answer. */
  readonly checking: string;
  readonly tookEffect: string;
  /** Offers Retry (and Edit and Retry for a create): sending again is safe. */
  readonly didNotTakeEffect: (errorCode: string) => string;
  /** Offers only Refresh: sending again might make the change twice. */
  readonly unknown: (errorCode: string) => string;
}

/**
 * One change to the networks of one owner (a read-only group or a primary instance), as the shared change
 * operation (networkChanges.ts) runs it. Add and Remove differ only in what is written here.
 */
export interface ChangeSpec {
  /** The owner as the user saw it before the change. */
  readonly owner: NetworkOwner;
  readonly change: RequestedChange;
  readonly texts: ChangeTexts;
  /** Reopens the wizard with the user's choices (add only). */
  readonly editChoices?: () => unknown;
}

/** Sends the change with the action of its owner and kind: called at most once per user intent. */
export function sendChange(api: CloudApi, owner: NetworkOwner, change: RequestedChange): Promise<TaskRef> {
  const region = ownerRegion(owner);
  const { vpcId, subnetId } = change;
  switch (change.kind) {
    case 'addNetwork':
      switch (owner.kind) {
        case 'readOnlyGroup':
          return api.createNetwork({ region, groupId: owner.group.id, vpcId, subnetId, vip: change.vip });
        case 'primaryInstance':
          return api.createInstanceNetwork({ region, instanceId: owner.instance.id, vpcId, subnetId, vip: change.vip });
        default:
          return unreachableOwner(owner);
      }
    case 'removeNetwork':
      switch (owner.kind) {
        case 'readOnlyGroup':
          return api.deleteNetwork({ region, groupId: owner.group.id, vpcId, subnetId, vip: change.vip });
        case 'primaryInstance':
          return api.deleteInstanceNetwork({ region, instanceId: owner.instance.id, vpcId, subnetId, vip: change.vip });
        default:
          return unreachableOwner(owner);
      }
    default:
      return unreachableChange(change);
  }
}

/** The action of each change for each owner: a Record, so a new kind of either does not compile until it is named. */
const API_ACTIONS: Record<NetworkChangeKind, Record<NetworkOwnerKind, string>> = {
  addNetwork: { readOnlyGroup: 'CreateReadOnlyGroupNetworkAccess', primaryInstance: 'CreateDBInstanceNetworkAccess' },
  removeNetwork: { readOnlyGroup: 'DeleteReadOnlyGroupNetworkAccess', primaryInstance: 'DeleteDBInstanceNetworkAccess' },
};

/** The API action behind a change, for the log and the messages that name it. */
export function apiActionOf(kind: NetworkChangeKind, ownerKind: NetworkOwnerKind): string {
  return API_ACTIONS[kind][ownerKind];
}
