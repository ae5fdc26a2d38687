import type { GroupNetwork, ReadOnlyGroup } from './model';
import { findCreatedNetwork, findNetwork } from './networkMatch';
import { isTransitionalGroupStatus, isTransitionalNetworkStatus } from './networkRules';

export type NetworkChangeKind = 'addNetwork' | 'removeNetwork';

/** The change whose progress is judged from its group alone. */
export interface WatchedChange {
  readonly kind: NetworkChangeKind;
  readonly vpcId: string;
  readonly subnetId: string;
  /** Add: the VIP asked for (undefined = automatic). Remove: the VIP of the network removed. */
  readonly vip?: string;
  /** The group's addresses before an add: how an automatically assigned network is recognised. */
  readonly ipsBefore: readonly string[];
}

export type GroupVerdict =
  | { readonly state: 'succeeded'; readonly network?: GroupNetwork }
  | { readonly state: 'failed' }
  /** `inFlight`: the group or the network shows the change under way. `step`: what to show as progress. */
  | { readonly state: 'running'; readonly inFlight: boolean; readonly step?: string };

/**
 * Decides from the group alone whether a change is done, failed or still running. A group that is idle without
 * the change means "not started yet" until `mayHaveEnded` (activity was seen, or a grace period passed), then
 * "failed": the API may take a moment before it shows the group busy.
 */
export function judgeChangeFromGroup(change: WatchedChange, group: ReadOnlyGroup | undefined, mayHaveEnded: boolean): GroupVerdict {
  if (group === undefined) return { state: 'failed' };
  const groupBusy = isTransitionalGroupStatus(group.status);
  const network =
    change.kind === 'addNetwork'
      ? findCreatedNetwork(group, change, change.ipsBefore)
      : change.vip !== undefined
        ? findNetwork(group, change.vpcId, change.subnetId, change.vip)
        : undefined;
  const networkBusy = network !== undefined && isTransitionalNetworkStatus(network.status);
  const done =
    change.kind === 'addNetwork'
      ? network?.status === 'opened' && !groupBusy
      : (network === undefined || network.status === 'closed') && !groupBusy;
  if (done) return { state: 'succeeded', network: change.kind === 'addNetwork' ? network : undefined };
  const inFlight = groupBusy || networkBusy || (change.kind === 'addNetwork' && network !== undefined);
  if (!inFlight && mayHaveEnded) return { state: 'failed' };
  return { state: 'running', inFlight, step: network?.status ?? (groupBusy ? group.status : undefined) };
}
