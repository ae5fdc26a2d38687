import type { GroupNetwork } from '../domain/model';
import type { NetworkOwner } from '../domain/networkOwner';
import { canAddNetworkTo, canRemoveNetworkFrom, isManagedNetwork, ownerName, ownerNetworkLimits, ownerStatus, unreachableOwner } from '../domain/networkOwner';
import { cloudText } from '../domain/cloudText';
import type { Translate } from '../domain/translate';

/**
 * Why Add Network or Remove Network is not available, in one set of words: the tree's tooltips, the wizard's
 * pick lists and the commands all say it the same way, for a read-only group and a primary instance alike.
 * `busy` is true when a change to the owner is already being sent or tracked.
 */

export function whyNoNetworkCanBeAdded(owner: NetworkOwner, busy: boolean, t: Translate): string | undefined {
  if (busy) return changeInProgress(owner, t);
  const verdict = canAddNetworkTo(owner);
  if (verdict.ok) return undefined;
  switch (verdict.reason) {
    case 'full':
      return alreadyFull(ownerName(owner), ownerNetworkLimits(owner).max, t);
    case 'status':
      return statusRefusal(owner, t);
  }
}

export function whyNetworkCannotBeRemoved(owner: NetworkOwner, network: GroupNetwork, busy: boolean, t: Translate): string | undefined {
  if (!isManagedNetwork(owner, network)) return t('The public address is switched on and off in the console, not by Remove Network.');
  if (busy) return changeInProgress(owner, t);
  const verdict = canRemoveNetworkFrom(owner, network);
  if (verdict.ok) return undefined;
  switch (verdict.reason) {
    case 'lastNetwork':
      return t('{0} keeps at least one network: add another network before removing {1}.', ownerName(owner), cloudText(network.ip));
    case 'status':
      return statusRefusal(owner, t);
    case 'networkBusy':
      return t('The network {0} is "{1}": wait until it settles.', cloudText(network.ip), cloudText(network.status));
  }
}

/** An owner holds the most networks it may: said the same whether the rules or the API's refusal found it. */
export function alreadyFull(name: string, max: number, t: Translate): string {
  return t('{0} already has {1} networks, the most it can have: remove one before adding another.', name, max);
}

export function changeInProgress(owner: NetworkOwner, t: Translate): string {
  return t('A network change is already in progress on {0}.', ownerName(owner));
}

/** The owner's status does not allow a change now: each kind has its own status that does. */
function statusRefusal(owner: NetworkOwner, t: Translate): string {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return t('The read-only group {0} is "{1}": its networks can change only when it is OK.', ownerName(owner), cloudText(ownerStatus(owner)));
    case 'primaryInstance':
      return t('The instance {0} is "{1}": its networks can change only when it is Running.', ownerName(owner), cloudText(ownerStatus(owner)));
    default:
      return unreachableOwner(owner);
  }
}
