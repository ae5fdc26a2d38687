import * as vscode from 'vscode';
import type { CloudError } from '../cloud/cloudError';
import { isCloudError } from '../cloud/cloudError';
import type { DeleteNetworkRequest, GroupNetwork, ReadOnlyGroup, TaskRef } from '../domain/model';
import { canRemoveNetwork } from '../domain/networkRules';
import type { NetworkCommandDeps } from './networkDeps';
import type { WriteFailure } from './change/failureReport';
import { reportLostAnswer, reportWriteFailure } from './change/failureReport';
import { trackNetworkChange } from './change/trackChange';
import { readBackDelete } from './change/readBack';
import { UserFacingError } from '../ui/commands';

export const REMOVE_NETWORK_COMMAND = 'tencentdbPostgres.removeNetwork';

/** A tree node that carries one network of a group (the explorer's network node); typed by shape. */
interface NetworkCarrier {
  readonly group: ReadOnlyGroup;
  readonly network: GroupNetwork;
}

/** Groups whose delete is being sent right now, in this window: a second one on them is refused. */
const sending = new Set<string>();

/** Remove Network: a modal confirmation naming the VIP, VPC and subnet, then DeleteReadOnlyGroupNetworkAccess, tracked. */
export async function removeNetwork(deps: NetworkCommandDeps, argument?: unknown): Promise<void> {
  if (!isNetworkCarrier(argument)) {
    deps.messages.show('info', vscode.l10n.t('To remove a network, right-click it under its read-only group in the TencentDB for PostgreSQL view.'));
    return;
  }
  const { group, network } = argument;
  const name = group.name || group.id;
  const why = whyNetworkCannotGo(group, network, deps.tracker.busyGroupIds());
  if (why) {
    deps.messages.show('info', why);
    return;
  }

  const remove = vscode.l10n.t('Remove Network');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove the network {0} from the read-only group {1}?', network.ip, name),
    {
      modal: true,
      detail: vscode.l10n.t(
        'VPC {0}, subnet {1}. Clients that connect through {2}:{3} lose access; the group keeps its other network.',
        network.vpcId || vscode.l10n.t('classic network'),
        network.subnetId || '-',
        network.ip,
        network.port,
      ),
    },
    remove,
  );
  if (answer !== remove) return;

  const request: DeleteNetworkRequest = {
    region: group.region,
    groupId: group.id,
    // The API names the classic network "0".
    vpcId: network.vpcId || '0',
    subnetId: network.subnetId || '0',
    vip: network.ip,
  };
  await sendAndTrack(deps, group, request);
}

/** Why the command is not offered on this network, in the user's words; undefined when it may go. */
function whyNetworkCannotGo(group: ReadOnlyGroup, network: GroupNetwork, busyGroupIds: ReadonlySet<string>): string | undefined {
  const name = group.name || group.id;
  if (busyGroupIds.has(group.id)) return vscode.l10n.t('A network change is already in progress on {0}.', name);
  const verdict = canRemoveNetwork(group, network);
  if (verdict.ok) return undefined;
  switch (verdict.reason) {
    case 'lastNetwork':
      return vscode.l10n.t('A read-only group keeps at least one network: add another network to {0} before removing {1}.', name, network.ip);
    case 'status':
      return vscode.l10n.t('The read-only group {0} is "{1}": a network can be removed only when the group is OK.', name, group.status);
    case 'networkBusy':
      return vscode.l10n.t('The network {0} is "{1}": wait until it settles.', network.ip, network.status);
  }
}

async function sendAndTrack(deps: NetworkCommandDeps, group: ReadOnlyGroup, request: DeleteNetworkRequest): Promise<void> {
  const name = group.name || group.id;
  if (sending.has(group.id)) throw new UserFacingError(vscode.l10n.t('A network change is already in progress on {0}.', name));
  sending.add(group.id);
  let result: TaskRef;
  try {
    deps.log.info(`DeleteReadOnlyGroupNetworkAccess ${group.id} ${request.vpcId}/${request.subnetId} vip=${request.vip}`);
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Removing the network {0} from {1}…', request.vip, name) },
      () => deps.api.deleteNetwork(request),
    );
  } catch (error) {
    if (!isCloudError(error)) throw error;
    await handleDeleteFailure(deps, group, request, error);
    return;
  } finally {
    sending.delete(group.id);
  }
  trackNetworkChange(deps, 'removeNetwork', group, request, result);
}

/** A failed delete: its specific message, or, when the answer was lost, what reading the group back shows. */
async function handleDeleteFailure(deps: NetworkCommandDeps, group: ReadOnlyGroup, request: DeleteNetworkRequest, error: CloudError): Promise<void> {
  const name = group.name || group.id;
  const failure: WriteFailure = {
    operation: 'delete',
    error,
    region: request.region,
    groupId: group.id,
    groupName: name,
    vpcId: request.vpcId,
    subnetId: request.subnetId,
    retry: () => sendAndTrack(deps, group, request).catch((retryError: unknown) => {
      deps.messages.show('error', retryError instanceof Error ? retryError.message : String(retryError));
    }),
  };
  if (!error.ambiguous) {
    reportWriteFailure(deps, failure);
    return;
  }
  await reportLostAnswer(deps, {
    ...failure,
    readBack: () => readBackDelete(deps.api, request, group.primaryInstanceId),
    track: () => trackNetworkChange(deps, 'removeNetwork', group, request, undefined),
    texts: {
      checking: vscode.l10n.t('Checking whether the network {0} is being removed…', request.vip),
      tookEffect: vscode.l10n.t('The answer from Tencent Cloud was lost, but the network {0} is being removed from {1}. Its progress shows in the status bar.', request.vip, name),
      didNotTakeEffect: vscode.l10n.t('The request to remove the network {0} got no answer, and the group shows no change: nothing was removed. ({1})', request.vip, error.code),
      unknown: vscode.l10n.t('The request to remove the network {0} got no answer, and the group could not be checked. Refresh the group before trying again. ({1})', request.vip, error.code),
    },
  });
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
