import type { CloudApi } from '../../cloud/cloudApi';
import { isCloudError } from '../../cloud/cloudError';
import { parseIpv4 } from '../../domain/ipv4';
import type { RequestedChange } from '../../domain/changeJudgement';
import type { PrimaryInstance, Subnet, TaskRef, Vpc } from '../../domain/model';
import type { NetworkOwner } from '../../domain/networkOwner';
import { ownerHomeNetwork, ownerId, ownerName, ownerRegion } from '../../domain/networkOwner';
import type { AddNetworkContext } from './addNetworkContext';
import type { ConfirmChoice, VipChoice } from './addNetworkItems';
import {
  confirmItems,
  exampleAddress,
  ownerItems,
  plannedChange,
  isSameVipChoice,
  primaryInstanceItems,
  regionItems,
  subnetItems,
  suggestedVipItems,
  tccliCommand,
  usedIpMessage,
  vipModeItems,
  vipProblem,
  vpcItems,
} from './addNetworkItems';
import type { NetworkCatalog } from './networkCatalog';
import { findFreeAddresses } from './networkCatalog';
import type { AcceptVerdict } from '../../wizard/prompter';
import type { Translate } from '../../domain/translate';
import type { PromptStep, WizardOptions } from '../../wizard/wizard';

export interface AddNetworkDeps {
  readonly api: CloudApi;
  readonly catalog: NetworkCatalog;
  readonly t: Translate;
  /** The regions offered when the wizard starts from the palette. */
  readonly regions: () => readonly string[];
  /** Owners (groups and primaries) with a network change in flight: not offered again until it ends. */
  readonly busyOwnerIds: () => ReadonlySet<string>;
  readonly copyToClipboard: (text: string) => Promise<void>;
  /**
   * Sends the owner's create action. Called at most once per wizard run: the confirm pick stays busy and
   * ignores input until it settles.
   */
  readonly createNetwork: (owner: NetworkOwner, change: RequestedChange) => Promise<TaskRef>;
  readonly signal?: AbortSignal;
  /** Why a call failed, in the user's words (e.g. "fix your clock"); without it the VIP check says only that it failed. */
  readonly describeError?: (error: unknown) => string;
}

/** How many free addresses the VIP step offers. */
const SUGGESTED_ADDRESS_COUNT = 5;

export function addNetworkWizardOptions(deps: AddNetworkDeps): WizardOptions<AddNetworkContext> {
  const { t } = deps;
  return {
    title: (context) =>
      context.owner ? t('Add Network to {0}', ownerName(context.owner)) : t('Add Network'),
    steps: [
      regionStep(deps),
      primaryInstanceStep(deps),
      ownerStep(deps),
      vpcStep(deps),
      subnetStep(deps),
      vipModeStep(deps),
      vipAddressStep(deps),
      confirmStep(deps),
    ],
  };
}

function regionStep(deps: AddNetworkDeps): PromptStep<AddNetworkContext> {
  return {
    id: 'region',
    shouldPrompt: (context) => context.pickGroup,
    async prompt(context, ui) {
      context.region = await ui.pick<string>({
        placeholder: deps.t('Region of the primary instance'),
        items: regionItems(deps.regions()),
        isActive: (region) => region === context.region,
      });
      // The VPC and subnet lists of the region are all the later steps need: start them now.
      deps.catalog.load(context.region);
    },
  };
}

function primaryInstanceStep(deps: AddNetworkDeps): PromptStep<AddNetworkContext> {
  return {
    id: 'primaryInstance',
    shouldPrompt: (context) => context.pickGroup,
    async prompt(context, ui) {
      const region = need(context.region, 'region');
      const page = deps.api.listPrimaryInstances(region, { offset: 0, limit: 100 }, { signal: deps.signal });
      context.primaryInstance = await ui.pick<PrimaryInstance>({
        placeholder: deps.t('Primary instance that gets the network, itself or through one of its read-only groups'),
        items: page.then((result) => primaryInstanceItems(result.instances, deps.t)),
        isActive: (instance) => instance.id === context.primaryInstance?.id,
      });
    },
  };
}

function ownerStep(deps: AddNetworkDeps): PromptStep<AddNetworkContext> {
  return {
    id: 'owner',
    shouldPrompt: (context) => context.pickGroup,
    async prompt(context, ui) {
      const region = need(context.region, 'region');
      const instance = need(context.primaryInstance, 'primary instance');
      const groups = deps.api.listReadOnlyGroups(region, instance.id, { signal: deps.signal });
      context.owner = await ui.pick<NetworkOwner>({
        placeholder: deps.t('The instance itself, or one of its read-only groups, to add a network to'),
        items: groups.then((list) => ownerItems(instance, list, deps.busyOwnerIds(), deps.t)),
        isActive: (owner) => context.owner !== undefined && ownerId(owner) === ownerId(context.owner),
      });
    },
  };
}

function vpcStep(deps: AddNetworkDeps): PromptStep<AddNetworkContext> {
  return {
    id: 'vpc',
    shouldPrompt: () => true,
    async prompt(context, ui) {
      const owner = need(context.owner, 'owner');
      const region = context.region ?? ownerRegion(owner);
      const { vpcs, subnets } = deps.catalog.load(region);
      const items = Promise.all([vpcs, subnets]).then(([vpcList, subnetList]) => vpcItems(vpcList, subnetList, owner, deps.t));
      items.catch(() => deps.catalog.forget(region));
      const previous = context.vpc?.id ?? ownerHomeNetwork(owner).vpcId;
      context.vpc = await ui.pick<Vpc>({
        placeholder: deps.t('VPC of the new network'),
        items,
        isActive: (vpc) => vpc.id === previous,
      });
    },
  };
}

function subnetStep(deps: AddNetworkDeps): PromptStep<AddNetworkContext> {
  return {
    id: 'subnet',
    shouldPrompt: () => true,
    async prompt(context, ui) {
      const owner = need(context.owner, 'owner');
      const vpc = need(context.vpc, 'VPC');
      const region = context.region ?? ownerRegion(owner);
      const previous = context.subnet?.vpcId === vpc.id ? context.subnet.id : ownerHomeNetwork(owner).subnetId;
      context.subnet = await ui.pick<Subnet>({
        placeholder: deps.t('Subnet of {0} for the new network', vpc.name || vpc.id),
        items: deps.catalog.load(region).subnets.then((subnets) => subnetItems(subnets, vpc.id, owner, deps.t)),
        isActive: (subnet) => subnet.id === previous,
      });
    },
  };
}

function vipModeStep(deps: AddNetworkDeps): PromptStep<AddNetworkContext> {
  return {
    id: 'vipMode',
    shouldPrompt: () => true,
    async prompt(context, ui) {
      const owner = need(context.owner, 'owner');
      const subnet = need(context.subnet, 'subnet');
      const region = context.region ?? ownerRegion(owner);
      const free = findFreeAddresses(deps.api, region, subnet, SUGGESTED_ADDRESS_COUNT, deps.signal);
      const choice: VipChoice = await ui.pick({
        placeholder: deps.t('Virtual IP (VIP) of the new network in {0}', subnet.cidr),
        items: vipModeItems(subnet, deps.t),
        lateItems: free.then((ips) => suggestedVipItems(ips, deps.t)),
        isActive: (candidate) => isSameVipChoice(candidate, context),
      });
      context.vipMode = choice.mode;
      if (choice.mode === 'suggested') context.vip = choice.ip;
    },
  };
}

function vipAddressStep(deps: AddNetworkDeps): PromptStep<AddNetworkContext> {
  return {
    id: 'vipAddress',
    continuesPreviousStep: true,
    shouldPrompt: (context) => context.vipMode === 'specify',
    async prompt(context, ui) {
      const owner = need(context.owner, 'owner');
      const subnet = need(context.subnet, 'subnet');
      const region = context.region ?? ownerRegion(owner);
      // An address whose check failed (not refused): a second Enter uses it anyway, the API has the last word.
      let uncheckedIp: string | undefined;
      const text = await ui.input({
        prompt: deps.t('The VIP, an unused address inside {0} ({1}).', subnet.cidr, subnet.name || subnet.id),
        placeholder: deps.t('e.g. {0}', exampleAddress(subnet.cidr)),
        value: context.typedVip ?? context.vip,
        validate: (typed) => {
          context.typedVip = typed;
          return vipProblem(typed, subnet.cidr, deps.t);
        },
        onAccept: async (typed): Promise<AcceptVerdict> => {
          const ip = parseIpv4(typed);
          if (ip === undefined) return { accept: false, message: vipProblem(typed, subnet.cidr, deps.t) ?? typed };
          if (ip === uncheckedIp) return { accept: true };
          try {
            const used = await deps.api.findUsedIps(region, subnet.vpcId, subnet.id, [ip], { signal: deps.signal });
            const holder = used.find((entry) => entry.ip === ip);
            return holder ? { accept: false, message: usedIpMessage(holder, deps.t) } : { accept: true };
          } catch (error) {
            if (isCloudError(error) && error.kind === 'cancelled') throw error;
            uncheckedIp = ip;
            return {
              accept: false,
              message: deps.describeError
                ? deps.t('Could not check whether {0} is free: {1} Press Enter again to use it anyway.', ip, deps.describeError(error))
                : deps.t('Could not check whether {0} is free. Press Enter again to use it anyway.', ip),
            };
          }
        },
      });
      context.vip = parseIpv4(text);
    },
  };
}

function confirmStep(deps: AddNetworkDeps): PromptStep<AddNetworkContext> {
  return {
    id: 'confirm',
    shouldPrompt: () => true,
    async prompt(context, ui) {
      await ui.pick<ConfirmChoice>({
        placeholder: deps.t('Review the new network, then choose Create'),
        items: confirmItems(context, deps.t),
        isActive: (choice) => choice === 'create',
        onAccept: async (choice): Promise<AcceptVerdict> => {
          if (choice === 'copy') {
            await deps.copyToClipboard(tccliCommand(context));
            return { accept: false, message: deps.t('Copied the tccli command to the clipboard.') };
          }
          if (choice === 'summary') {
            return { accept: false, message: deps.t('Choose Create to add the network, or go Back to change it.') };
          }
          context.result = await deps.createNetwork(need(context.owner, 'owner'), plannedChange(context));
          return { accept: true };
        },
      });
    },
  };
}

function need<T>(value: T, what: string): NonNullable<T> {
  if (value === undefined || value === null) throw new Error(`The wizard reached a step without a ${what}`);
  return value;
}
