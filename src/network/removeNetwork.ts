import type { RequestedChange } from '../domain/changeJudgement';
import type { GroupNetwork } from '../domain/model';
import type { NetworkOwner } from '../domain/networkOwner';
import { ownerId, ownerName } from '../domain/networkOwner';
import { whyNetworkCannotBeRemoved } from '../ui/changeAvailability';
import { networkArgument } from '../ui/treeArguments';
import type { ChangeSpec } from './change/changeSpec';
import type { NetworkCommandDeps } from './networkDeps';

/**
 * Remove Network, on a network of a read-only group or of a primary instance: a modal confirmation naming the
 * VIP, VPC and subnet, then the owner's delete action, tracked.
 */
export async function removeNetwork(deps: NetworkCommandDeps, argument?: unknown): Promise<void> {
  const { t } = deps;
  const target = networkArgument(argument);
  if (!target) {
    deps.ui.show('info', t('To remove a network, right-click it under its read-only group or instance in the TencentDB for PostgreSQL view.'));
    return;
  }
  const { owner, network } = target;
  const why = whyNetworkCannotBeRemoved(owner, network, deps.changes.isBusy(ownerId(owner)), t);
  if (why) {
    deps.ui.show('info', why);
    return;
  }

  const confirmed = await deps.ui.confirm(
    t('Remove the network {0} from {1}?', network.ip, ownerName(owner)),
    t(
      'VPC {0}, subnet {1}. Clients that connect through {2}:{3} lose access; {4} keeps its other network.',
      network.vpcId || t('classic network'),
      network.subnetId || '-',
      network.ip,
      network.port,
      ownerName(owner),
    ),
    t('Remove Network'),
  );
  if (!confirmed) return;
  await deps.changes.sendAndReport(removeSpec(deps, owner, network));
}

/** The removal as the shared change operation runs it: what it asks for and its words. */
function removeSpec(deps: NetworkCommandDeps, owner: NetworkOwner, network: GroupNetwork): ChangeSpec {
  const { t } = deps;
  const name = ownerName(owner);
  // The API names the classic network "0".
  const change: RequestedChange = { kind: 'removeNetwork', vpcId: network.vpcId || '0', subnetId: network.subnetId || '0', vip: network.ip };
  return {
    owner,
    change,
    texts: {
      sending: t('Removing the network {0} from {1}…', change.vip, name),
      checking: t('Checking whether the network {0} is being removed…', change.vip),
      tookEffect: t('The answer from Tencent Cloud was lost, but the network {0} is being removed from {1}. Its progress shows in the status bar.', change.vip, name),
      didNotTakeEffect: (code) => t('The request to remove the network {0} got no answer, and {1} shows no change: nothing was removed. ({2})', change.vip, name, code),
      unknown: (code) => t('The request to remove the network {0} got no answer, and {1} could not be checked. Refresh it before trying again. ({2})', change.vip, name, code),
    },
  };
}
