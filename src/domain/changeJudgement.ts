import type { GroupNetwork } from './model';
import { findCreatedNetwork, findNetwork } from './networkMatch';
import type { NetworkOwner } from './networkOwner';
import { ownerIsChanging, ownerNetworks, ownerStatus } from './networkOwner';
import { isTransitionalNetworkStatus } from './networkRules';

/** The two changes Add Network and Remove Network make, to any owner of networks. */
export type NetworkChangeKind = 'addNetwork' | 'removeNetwork';

/** The compile-time proof that a switch over change kinds handled every case. */
export function unreachableChange(kind: never): never {
  throw new Error(`Unknown network change: ${JSON.stringify(kind)}`);
}

/** One change to an owner's networks: what is asked for, and how to recognise it in the owner afterwards. */
export type RequestedChange =
  | { readonly kind: 'addNetwork'; readonly vpcId: string; readonly subnetId: string; /** Undefined: assigned automatically. */ readonly vip?: string }
  | { readonly kind: 'removeNetwork'; readonly vpcId: string; readonly subnetId: string; readonly vip: string };

/** The change whose progress is judged from its owner alone. */
export interface WatchedChange {
  readonly kind: NetworkChangeKind;
  readonly vpcId: string;
  readonly subnetId: string;
  /** Add: the VIP asked for (undefined = automatic). Remove: the VIP of the network removed. */
  readonly vip?: string;
  /** The owner's addresses before an add: how an automatically assigned network is recognised. */
  readonly ipsBefore: readonly string[];
}

export type ChangeVerdict =
  | { readonly state: 'succeeded'; readonly network?: GroupNetwork }
  | { readonly state: 'failed' }
  /** `inFlight`: the owner or the network shows the change under way. `step`: what to show as progress. */
  | { readonly state: 'running'; readonly inFlight: boolean; readonly step?: string };

/**
 * Decides from the owner alone (a read-only group or a primary instance, as just read) whether a change is done,
 * failed or still running. An owner that is idle without the change means "not started yet" until `mayHaveEnded`
 * (activity was seen, or a grace period passed), then "failed": the API may take a moment before it shows the
 * owner busy.
 */
export function judgeChange(change: WatchedChange, owner: NetworkOwner | undefined, mayHaveEnded: boolean): ChangeVerdict {
  if (owner === undefined) return { state: 'failed' };
  const ownerBusy = ownerIsChanging(owner);
  const networks = ownerNetworks(owner);
  const running = (inFlight: boolean, network: GroupNetwork | undefined): ChangeVerdict => {
    if (!inFlight && mayHaveEnded) return { state: 'failed' };
    return { state: 'running', inFlight, step: network?.status ?? (ownerBusy ? ownerStatus(owner) : undefined) };
  };
  switch (change.kind) {
    case 'addNetwork': {
      const network = findCreatedNetwork(networks, change, change.ipsBefore);
      if (network?.status === 'opened' && !ownerBusy) return { state: 'succeeded', network };
      // The network listed at all, opening or not, is the change under way.
      return running(ownerBusy || network !== undefined, network);
    }
    case 'removeNetwork': {
      const network = change.vip !== undefined ? findNetwork(networks, change.vpcId, change.subnetId, change.vip) : undefined;
      if ((network === undefined || network.status === 'closed') && !ownerBusy) return { state: 'succeeded' };
      return running(ownerBusy || (network !== undefined && isTransitionalNetworkStatus(network.status)), network);
    }
    default:
      return unreachableChange(change.kind);
  }
}
