import type { CloudApi } from '../../cloud/cloudApi';
import { isCloudError } from '../../cloud/cloudError';
import type { CreateNetworkRequest, ReadOnlyGroup } from '../../domain/model';
import { WizardCancelled } from '../../wizard/prompter';
import { Wizard } from '../../wizard/wizard';
import type { ChangeSpec } from '../change/changeSpec';
import { readBackCreate } from '../change/readBack';
import type { NetworkCommandDeps } from '../networkDeps';
import type { AddNetworkContext } from './addNetworkContext';
import { choicesOf } from './addNetworkContext';
import { whyGroupCannotTakeNetwork } from './addNetworkItems';
import { addNetworkWizardOptions } from './addNetworkSteps';
import { NetworkCatalog } from './networkCatalog';

export const ADD_NETWORK_COMMAND = 'tencentdbPostgres.addNetwork';
export const ADD_NETWORK_FROM_PALETTE_COMMAND = 'tencentdbPostgres.addNetworkToGroup';

/** A tree node that carries a read-only group (the explorer's group node); typed by shape, not by class. */
interface GroupCarrier {
  readonly group: ReadOnlyGroup;
}

/** The argument that reopens the wizard with the choices of a failed attempt. */
export interface ReopenRequest {
  readonly reopenAddNetwork: AddNetworkContext;
}

/**
 * Add Network: from a right-click on a group (group known), from the palette (region > instance > group are
 * asked first), or reopened after a failure with the previous choices.
 */
export async function addNetwork(deps: NetworkCommandDeps, argument?: unknown): Promise<void> {
  const { t } = deps;
  const reopen = isReopenRequest(argument) ? argument.reopenAddNetwork : undefined;
  const group = reopen?.group ?? (isGroupCarrier(argument) ? argument.group : undefined);
  if (group && !reopen) {
    const why = whyGroupCannotTakeNetwork(group, deps.changes.busyGroupIds(), t);
    if (why) {
      deps.ui.show('info', t('A network cannot be added to {0}: {1}', group.name || group.id, why));
      return;
    }
  }

  const context: AddNetworkContext = reopen ?? { pickGroup: group === undefined, region: group?.region, group };
  const abort = new AbortController();
  const catalog = new NetworkCatalog(deps.api, abort.signal);
  // The lists the first steps need start loading now, while the first quick pick opens.
  if (context.region) catalog.load(context.region);

  let sent: ChangeSpec | undefined;
  const wizard = new Wizard(
    addNetworkWizardOptions({
      api: deps.api,
      catalog,
      t,
      regions: deps.regions,
      busyGroupIds: () => deps.changes.busyGroupIds(),
      copyToClipboard: (text) => deps.ui.copyToClipboard(text),
      createNetwork: (request) => {
        sent = createSpec(deps, context, request);
        return deps.changes.send(sent);
      },
      signal: abort.signal,
      describeError: (error) => deps.ui.describeError(error),
    }),
    deps.prompter,
  );

  try {
    await wizard.run(context, reopen ? 'confirm' : undefined);
  } catch (error) {
    abort.abort();
    if (error instanceof WizardCancelled) return;
    if (sent && isCloudError(error)) {
      await deps.changes.reportFailure(sent, error);
      return;
    }
    throw error;
  }
}

/** The create as the shared change operation runs it: its request, how the group shows it, its texts. */
function createSpec(deps: NetworkCommandDeps, context: AddNetworkContext, request: CreateNetworkRequest): ChangeSpec {
  const { t } = deps;
  const group = context.group as ReadOnlyGroup;
  const name = group.name || group.id;
  const choices = choicesOf(context);
  return {
    operation: 'create',
    group,
    target: request,
    send: (api: CloudApi) => api.createNetwork(request),
    readBack: (api: CloudApi) => readBackCreate(api, request, group),
    editChoices: () => deps.ui.reopenAddNetwork({ reopenAddNetwork: choices } satisfies ReopenRequest),
    texts: {
      sending: t('Adding a network to {0}…', name),
      checking: t('Checking whether the network was added to {0}…', name),
      tookEffect: t('The answer from Tencent Cloud was lost, but the network is being added to {0}. Its progress shows in the status bar.', name),
      didNotTakeEffect: (code) => t('The request to add a network to {0} got no answer, and the group shows no change: nothing was created. ({1})', name, code),
      unknown: (code) =>
        t('The request to add a network to {0} got no answer, and the group could not be checked: the network may or may not be on its way. Refresh the group before trying again. ({1})', name, code),
    },
  };
}

function isGroupCarrier(value: unknown): value is GroupCarrier {
  const group = (value as GroupCarrier | undefined)?.group;
  return typeof group === 'object' && group !== null && typeof group.id === 'string' && Array.isArray(group.networks);
}

function isReopenRequest(value: unknown): value is ReopenRequest {
  return typeof value === 'object' && value !== null && 'reopenAddNetwork' in value;
}
