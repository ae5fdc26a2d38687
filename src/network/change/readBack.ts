import type { RequestedChange } from '../../domain/changeJudgement';
import { unreachableChange } from '../../domain/changeJudgement';
import { findCreatedNetwork, findNetwork } from '../../domain/networkMatch';
import type { NetworkOwner, OwnerRef } from '../../domain/networkOwner';
import { ownerIsChanging, ownerNetworks, refOf } from '../../domain/networkOwner';
import { isTransitionalNetworkStatus } from '../../domain/networkRules';
import type { OwnerReadApi } from '../../tasks/ownerRead';
import { readOwner } from '../../tasks/ownerRead';

/**
 * What reading the owner back says about a change whose answer was lost (timeout, dropped connection, unreadable
 * answer):
 * - tookEffect:       the change is under way or done; track it, never send it again;
 * - didNotTakeEffect: the owner is as before and idle; sending it again is safe;
 * - ownerGone:        the group or instance no longer exists;
 * - unknown:          the owner could not be read, or is busy with something that may or may not be this.
 */
export type WriteOutcome = 'tookEffect' | 'didNotTakeEffect' | 'ownerGone' | 'unknown';

export interface ReadBack {
  readonly outcome: WriteOutcome;
  /** Why the owner could not be read, when that is what left the outcome `unknown`. */
  readonly readError?: unknown;
}

/** Reads the owner and compares it with what it was before the change (`before`). Never throws. */
export function readBackChange(api: OwnerReadApi, before: NetworkOwner, change: RequestedChange): Promise<ReadBack> {
  return readBackByRef(
    api,
    refOf(before),
    ownerNetworks(before).map((network) => network.ip),
    change,
  );
}

/** The same read-back from what the board records of the owner: its reference and its addresses before the change. */
export async function readBackByRef(api: OwnerReadApi, ref: OwnerRef, ipsBefore: readonly string[], change: RequestedChange): Promise<ReadBack> {
  let owner: NetworkOwner | undefined;
  try {
    owner = await readOwner(api, ref);
  } catch (readError) {
    return { outcome: 'unknown', readError };
  }
  if (owner === undefined) return { outcome: 'ownerGone' };
  const networks = ownerNetworks(owner);
  const busy = ownerIsChanging(owner);
  switch (change.kind) {
    case 'addNetwork': {
      if (findCreatedNetwork(networks, change, ipsBefore) !== undefined) return { outcome: 'tookEffect' };
      if (busy || networks.some((network) => isTransitionalNetworkStatus(network.status))) return { outcome: 'unknown' };
      return { outcome: 'didNotTakeEffect' };
    }
    case 'removeNetwork': {
      const network = findNetwork(networks, change.vpcId, change.subnetId, change.vip);
      if (network === undefined || network.status === 'closing' || network.status === 'closed') return { outcome: 'tookEffect' };
      if (network.status === 'opened' && !busy) return { outcome: 'didNotTakeEffect' };
      return { outcome: 'unknown' };
    }
    default:
      return unreachableChange(change);
  }
}
