import * as vscode from 'vscode';
import type { CloudError } from '../../cloud/cloudError';
import { isCloudError } from '../../cloud/cloudError';
import type { CreateNetworkRequest, ReadOnlyGroup, TaskRef } from '../../domain/model';
import type { AddNetworkContext } from './addNetworkContext';
import { choicesOf } from './addNetworkContext';
import { whyGroupCannotTakeNetwork } from './addNetworkItems';
import { addNetworkWizardOptions } from './addNetworkSteps';
import { NetworkCatalog } from './networkCatalog';
import type { NetworkCommandDeps } from '../networkDeps';
import type { WriteFailure } from '../change/failureReport';
import { reportLostAnswer, reportWriteFailure } from '../change/failureReport';
import { WizardCancelled } from '../../wizard/prompter';
import { trackNetworkChange } from '../change/trackChange';
import { Wizard } from '../../wizard/wizard';
import { readBackCreate } from '../change/readBack';
import { describeCloudError } from '../../ui/describeError';
import { UserFacingError } from '../../ui/commands';

export const ADD_NETWORK_COMMAND = 'tencentdbPostgres.addNetwork';
export const ADD_NETWORK_FROM_PALETTE_COMMAND = 'tencentdbPostgres.addNetworkToGroup';

/** A tree node that carries a read-only group (the explorer's group node); typed by shape, not by class. */
interface GroupCarrier {
  readonly group: ReadOnlyGroup;
}

/** The argument that reopens the wizard with the choices of a failed attempt. */
interface ReopenRequest {
  readonly reopenAddNetwork: AddNetworkContext;
}

/** Groups whose create is being sent right now, in this window: a second submit on them is refused. */
const sending = new Set<string>();

/**
 * Add Network: from a right-click on a group (group known), from the palette (region > instance > group are
 * asked first), or reopened after a failure with the previous choices.
 */
export async function addNetwork(deps: NetworkCommandDeps, argument?: unknown): Promise<void> {
  const reopen = isReopenRequest(argument) ? argument.reopenAddNetwork : undefined;
  const group = reopen?.group ?? (isGroupCarrier(argument) ? argument.group : undefined);
  if (group && !reopen) {
    const why = whyGroupCannotTakeNetwork(group, deps.tracker.busyGroupIds(), vscode.l10n.t);
    if (why) {
      deps.messages.show('info', vscode.l10n.t('A network cannot be added to {0}: {1}', group.name || group.id, why));
      return;
    }
  }

  const context: AddNetworkContext = reopen ?? { pickGroup: group === undefined, region: group?.region, group };
  const abort = new AbortController();
  const catalog = new NetworkCatalog(deps.api, abort.signal);
  // The lists the first steps need start loading now, while the first quick pick opens.
  if (context.region) catalog.load(context.region);

  let sentRequest: CreateNetworkRequest | undefined;
  const wizard = new Wizard(
    addNetworkWizardOptions({
      api: deps.api,
      catalog,
      t: vscode.l10n.t,
      regions: deps.regions,
      busyGroupIds: () => deps.tracker.busyGroupIds(),
      copyToClipboard: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
      createNetwork: (request) => {
        sentRequest = request;
        return sendCreate(deps, request);
      },
      signal: abort.signal,
      describeError: describeCloudError,
    }),
    deps.prompter,
  );

  try {
    await wizard.run(context, reopen ? 'confirm' : undefined);
  } catch (error) {
    abort.abort();
    if (error instanceof WizardCancelled) return;
    if (sentRequest && isCloudError(error)) {
      await handleCreateFailure(deps, context, sentRequest, error);
      return;
    }
    throw error;
  }
  if (context.result && sentRequest) trackNetworkChange(deps, 'addNetwork', context.group as ReadOnlyGroup, sentRequest, context.result);
}

/** One CreateReadOnlyGroupNetworkAccess, refused while another change on the group is in flight. */
async function sendCreate(deps: NetworkCommandDeps, request: CreateNetworkRequest): Promise<TaskRef> {
  if (sending.has(request.groupId) || deps.tracker.busyGroupIds().has(request.groupId)) {
    throw new UserFacingError(vscode.l10n.t('A network change is already in progress on this group.'));
  }
  sending.add(request.groupId);
  try {
    deps.log.info(`CreateReadOnlyGroupNetworkAccess ${request.groupId} ${request.vpcId}/${request.subnetId} vip=${request.vip ?? 'auto'}`);
    return await deps.api.createNetwork(request);
  } finally {
    sending.delete(request.groupId);
  }
}

/** A failed create: its specific message, or, when the answer was lost, what reading the group back shows. */
async function handleCreateFailure(
  deps: NetworkCommandDeps,
  context: AddNetworkContext,
  request: CreateNetworkRequest,
  error: CloudError,
): Promise<void> {
  const group = context.group as ReadOnlyGroup;
  const name = group.name || group.id;
  const failure: WriteFailure = {
    operation: 'create',
    error,
    region: request.region,
    groupId: group.id,
    groupName: name,
    vpcId: request.vpcId,
    subnetId: request.subnetId,
    retry: () => resendCreate(deps, context, request),
    editChoices: () => vscode.commands.executeCommand(ADD_NETWORK_COMMAND, { reopenAddNetwork: choicesOf(context) } satisfies ReopenRequest),
  };
  if (!error.ambiguous) {
    reportWriteFailure(deps, failure);
    return;
  }
  await reportLostAnswer(deps, {
    ...failure,
    readBack: () => readBackCreate(deps.api, request, group),
    track: () => trackNetworkChange(deps, 'addNetwork', group, request, undefined),
    texts: {
      checking: vscode.l10n.t('Checking whether the network was added to {0}…', name),
      tookEffect: vscode.l10n.t('The answer from Tencent Cloud was lost, but the network is being added to {0}. Its progress shows in the status bar.', name),
      didNotTakeEffect: vscode.l10n.t('The request to add a network to {0} got no answer, and the group shows no change: nothing was created. ({1})', name, error.code),
      unknown: vscode.l10n.t('The request to add a network to {0} got no answer, and the group could not be checked: the network may or may not be on its way. Refresh the group before trying again. ({1})', name, error.code),
    },
  });
}

/** Retry: the same request, with the same care (a lost answer is read back, not resent). */
async function resendCreate(deps: NetworkCommandDeps, context: AddNetworkContext, request: CreateNetworkRequest): Promise<void> {
  const name = context.group?.name || request.groupId;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Adding a network to {0}…', name) },
      () => sendCreate(deps, request),
    );
    trackNetworkChange(deps, 'addNetwork', context.group as ReadOnlyGroup, request, result);
  } catch (error) {
    if (isCloudError(error)) await handleCreateFailure(deps, context, request, error);
    else deps.messages.show('error', error instanceof Error ? error.message : String(error));
  }
}

function isGroupCarrier(value: unknown): value is GroupCarrier {
  const group = (value as GroupCarrier | undefined)?.group;
  return typeof group === 'object' && group !== null && typeof group.id === 'string' && Array.isArray(group.networks);
}

function isReopenRequest(value: unknown): value is ReopenRequest {
  return typeof value === 'object' && value !== null && 'reopenAddNetwork' in value;
}
