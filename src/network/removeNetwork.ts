import type { CloudApi } from '../cloud/cloudApi';
import type { DeleteNetworkRequest, GroupNetwork, ReadOnlyGroup } from '../domain/model';
import { canRemoveNetwork } from '../domain/networkRules';
import type { Translate } from '../domain/translate';
import type { ChangeSpec } from './change/changeSpec';
import { readBackDelete } from './change/readBack';
import type { NetworkCommandDeps } from './networkDeps';
import { nameOrId } from '../domain/cloudText';

export const REMOVE_NETWORK_COMMAND = 'tencentdbPostgres.removeNetwork';

/** A tree node that carries one network of a group (the explorer's network node); typed by shape. */
interface NetworkCarrier {
  readonly group: ReadOnlyGroup;
  readonly network: GroupNetwork;
}

/** Remove Network: a modal confirmation naming the VIP, VPC and subnet, then DeleteReadOnlyGroupNetworkAccess, tracked. */
export async function removeNetwork(deps: NetworkCommandDeps, argument?: unknown): Promise<void> {
  const { t } = deps;
  if (!isNetworkCarrier(argument)) {
    deps.ui.show('info', t('To remove a network, right-click it under its read-only group in the TencentDB for PostgreSQL view.'));
    return;
  }
  const { group, network } = argument;
  const name = nameOrId(group);
  const why = whyNetworkCannotGo(group, network, deps.changes.busyGroupIds(), t);
  if (why) {
    deps.ui.show('info', why);
    return;
  }

  const confirmed = await deps.ui.confirm(
    t('Remove the network {0} from the read-only group {1}?', network.ip, name),
    t(
      'VPC {0}, subnet {1}. Clients that connect through {2}:{3} lose access; the group keeps its other network.',
      network.vpcId || t('classic network'),
      network.subnetId || '-',
      network.ip,
      network.port,
    ),
    t('Remove Network'),
  );
  if (!confirmed) return;

  const request: DeleteNetworkRequest = {
    region: group.region,
    groupId: group.id,
    // The API names the classic network "0".
    vpcId: network.vpcId || '0',
    subnetId: network.subnetId || '0',
    vip: network.ip,
  };
  await deps.changes.sendAndReport(deleteSpec(deps, group, request));
}

/** The delete as the shared change operation runs it: its request, how the group shows it, its texts. */
function deleteSpec(deps: NetworkCommandDeps, group: ReadOnlyGroup, request: DeleteNetworkRequest): ChangeSpec {
  const { t } = deps;
  const name = nameOrId(group);
  return {
    operation: 'delete',
    group,
    target: request,
    send: (api: CloudApi) => api.deleteNetwork(request),
    readBack: (api: CloudApi) => readBackDelete(api, request, group.primaryInstanceId),
    texts: {
      sending: t('Removing the network {0} from {1}…', request.vip, name),
      checking: t('Checking whether the network {0} is being removed…', request.vip),
      tookEffect: t('The answer from Tencent Cloud was lost, but the network {0} is being removed from {1}. Its progress shows in the status bar.', request.vip, name),
      didNotTakeEffect: (code) => t('The request to remove the network {0} got no answer, and the group shows no change: nothing was removed. ({1})', request.vip, code),
      unknown: (code) => t('The request to remove the network {0} got no answer, and the group could not be checked. Refresh the group before trying again. ({1})', request.vip, code),
    },
  };
}

/** Why the command is not offered on this network, in the user's words; undefined when it may go. */
function whyNetworkCannotGo(group: ReadOnlyGroup, network: GroupNetwork, busyGroupIds: ReadonlySet<string>, t: Translate): string | undefined {
  const name = nameOrId(group);
  if (busyGroupIds.has(group.id)) return t('A network change is already in progress on {0}.', name);
  const verdict = canRemoveNetwork(group, network);
  if (verdict.ok) return undefined;
  switch (verdict.reason) {
    case 'lastNetwork':
      return t('A read-only group keeps at least one network: add another network to {0} before removing {1}.', name, network.ip);
    case 'status':
      return t('The read-only group {0} is "{1}": a network can be removed only when the group is OK.', name, group.status);
    case 'networkBusy':
      return t('The network {0} is "{1}": wait until it settles.', network.ip, network.status);
  }
}

function isNetworkCarrier(value: unknown): value is NetworkCarrier {
  const candidate = value as Partial<NetworkCarrier> | undefined;
  return (
    typeof candidate?.group === 'object' &&
    candidate.group !== null &&
    typeof candidate.network === 'object' &&
    candidate.network !== null &&
    typeof candidate.network.ip === 'string'
  );
}
