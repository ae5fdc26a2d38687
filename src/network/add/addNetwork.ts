import type { RequestedChange } from '../../domain/changeJudgement';
import type { NetworkOwner } from '../../domain/networkOwner';
import { ownerId, ownerName, ownerRegion } from '../../domain/networkOwner';
import { whyNoNetworkCanBeAdded } from '../../ui/changeAvailability';
import { ownerArgument } from '../../ui/treeArguments';
import { WizardCancelled } from '../../wizard/prompter';
import { Wizard } from '../../wizard/wizard';
import type { ChangeSpec } from '../change/changeSpec';
import { ChangeReported } from '../change/networkChanges';
import type { NetworkCommandDeps } from '../networkDeps';
import type { AddNetworkContext } from './addNetworkContext';
import { choicesOf } from './addNetworkContext';
import { addNetworkWizardOptions } from './addNetworkSteps';
import { NetworkCatalog } from './networkCatalog';

/** The argument that reopens the wizard with the choices of a failed attempt. */
export interface ReopenRequest {
  readonly reopenAddNetwork: AddNetworkContext;
}

/**
 * Add Network: from a right-click on a read-only group or a primary instance (owner known), from the palette
 * (region > instance > the instance itself or one of its groups are asked first), or reopened after a failure
 * with the previous choices.
 */
export async function addNetwork(deps: NetworkCommandDeps, argument?: unknown): Promise<void> {
  const { t } = deps;
  const reopen = isReopenRequest(argument) ? argument.reopenAddNetwork : undefined;
  const owner = reopen?.owner ?? ownerArgument(argument);
  if (owner && !reopen) {
    const why = whyNoNetworkCanBeAdded(owner, deps.changes.isBusy(ownerId(owner)), t);
    if (why) {
      deps.ui.show('info', why);
      return;
    }
  }

  const context: AddNetworkContext = reopen ?? { pickGroup: owner === undefined, region: owner && ownerRegion(owner), owner };
  const abort = new AbortController();
  const catalog = new NetworkCatalog(deps.api, abort.signal);
  // The lists the first steps need start loading now, while the first quick pick opens.
  if (context.region) catalog.load(context.region);

  const wizard = new Wizard(
    addNetworkWizardOptions({
      api: deps.api,
      catalog,
      t,
      regions: deps.regions,
      busyOwnerIds: () => deps.changes.busyOwnerIds(),
      copyToClipboard: (text) => deps.ui.copyToClipboard(text),
      createNetwork: (chosen, change) => deps.changes.send(addSpec(deps, context, chosen, change)),
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
    // The operation is telling the user already (a failure, a lost answer being settled): the command ends with it.
    if (error instanceof ChangeReported) return error.reported;
    throw error;
  }
}

/** The addition as the shared change operation runs it: what it asks for, how to reopen the wizard, its words. */
function addSpec(deps: NetworkCommandDeps, context: AddNetworkContext, owner: NetworkOwner, change: RequestedChange): ChangeSpec {
  const { t } = deps;
  const name = ownerName(owner);
  const choices = choicesOf(context);
  return {
    owner,
    change,
    editChoices: () => deps.ui.reopenAddNetwork({ reopenAddNetwork: choices } satisfies ReopenRequest),
    texts: {
      sending: t('Adding a network to {0}…', name),
      checking: t('Checking whether the network was added to {0}…', name),
      tookEffect: t('The answer from Tencent Cloud was lost, but the network is being added to {0}. Its progress shows in the status bar.', name),
      didNotTakeEffect: (code) => t('The request to add a network to {0} got no answer, and {0} shows no change: nothing was created. ({1})', name, code),
      unknown: (code) =>
        t('The request to add a network to {0} got no answer, and {0} could not be checked: the network may or may not be on its way. Refresh it before trying again. ({1})', name, code),
    },
  };
}

function isReopenRequest(value: unknown): value is ReopenRequest {
  return typeof value === 'object' && value !== null && 'reopenAddNetwork' in value;
}
