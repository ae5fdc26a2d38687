import * as vscode from 'vscode';
import type { CloudError } from '../cloud/cloudError';
import { isCloudError } from '../cloud/cloudError';
import type { DeleteNetworkRequest, GroupNetwork, ReadOnlyGroup, TaskRef } from '../domain/model';
import { canRemoveNetwork } from '../domain/networkRules';
import type { NetworkCommandDeps } from '../wizard/networkDeps';
import { reportWriteFailure } from '../wizard/networkFailure';
import { readBackDelete } from '../wizard/writeOutcome';
import { UserFacingError } from './registerCommand';

export const REMOVE_NETWORK_COMMAND = 'tencentdbPostgres.removeNetwork';

/** A tree node that carries one network of a group (the explorer's network node); typed by shape. */
interface NetworkCarrier {
  readonly group: ReadOnlyGroup;
  readonly network: GroupNetwork;
}

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
export function whyNetworkCannotGo(group: ReadOnlyGroup, network: GroupNetwork, busyGroupIds: ReadonlySet<string>): string | undefined {
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
  startTracking(deps, group, request, result);
}

function startTracking(deps: NetworkCommandDeps, group: ReadOnlyGroup, request: DeleteNetworkRequest, result: TaskRef | undefined): void {
  deps.tracker.start({
    kind: 'removeNetwork',
    region: request.region,
    primaryInstanceId: group.primaryInstanceId,
    groupId: group.id,
    groupName: group.name || group.id,
    vpcId: request.vpcId,
    subnetId: request.subnetId,
    vip: request.vip,
    taskId: result?.taskId,
    requestId: result?.requestId,
    ipsBefore: group.networks.map((network) => network.ip),
  });
  void deps.groupView.refreshGroup(request.region, group.id).catch(() => undefined);
}

async function handleDeleteFailure(deps: NetworkCommandDeps, group: ReadOnlyGroup, request: DeleteNetworkRequest, error: CloudError): Promise<void> {
  const name = group.name || group.id;
  const retry = () => sendAndTrack(deps, group, request).catch((retryError: unknown) => {
    deps.messages.show('error', retryError instanceof Error ? retryError.message : String(retryError));
  });
  const refresh = () => deps.groupView.refreshGroup(request.region, group.id);
  if (error.ambiguous) {
    deps.log.warn(`DeleteReadOnlyGroupNetworkAccess on ${group.id}: no clear answer (${error.code}); reading the group back`);
    const readBack = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking whether the network {0} is being removed…', request.vip) },
      () => readBackDelete(deps.api, request, group.primaryInstanceId),
    );
    switch (readBack.outcome) {
      case 'tookEffect':
        startTracking(deps, group, request, undefined);
        deps.messages.show('info', vscode.l10n.t('The answer from Tencent Cloud was lost, but the network {0} is being removed from {1}. Its progress shows in the status bar.', request.vip, name));
        return;
      case 'didNotTakeEffect':
        deps.messages.show(
          'error',
          vscode.l10n.t('The request to remove the network {0} got no answer, and the group shows no change: nothing was removed. ({1})', request.vip, error.code),
          [
            { label: vscode.l10n.t('Retry'), run: retry },
            { label: vscode.l10n.t('Show Log'), run: () => deps.log.show(true) },
          ],
        );
        return;
      case 'groupGone':
        deps.messages.show('error', vscode.l10n.t('The read-only group {0} no longer exists.', name), [{ label: vscode.l10n.t('Refresh Group'), run: refresh }]);
        return;
      case 'unknown':
        deps.messages.show(
          'warning',
          vscode.l10n.t('The request to remove the network {0} got no answer, and the group could not be checked. Refresh the group before trying again. ({1})', request.vip, error.code),
          [
            { label: vscode.l10n.t('Refresh Group'), run: refresh },
            { label: vscode.l10n.t('Show Log'), run: () => deps.log.show(true) },
          ],
        );
        return;
    }
  }
  reportWriteFailure(deps, {
    operation: 'delete',
    error,
    region: request.region,
    groupId: group.id,
    groupName: name,
    vpcId: request.vpcId,
    subnetId: request.subnetId,
    retry,
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
