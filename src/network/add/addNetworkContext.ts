import type { PrimaryInstance, Subnet, TaskRef, Vpc } from '../../domain/model';
import type { NetworkOwner } from '../../domain/networkOwner';

/** How the VIP is chosen: by Tencent Cloud, typed by the user, or one of the free addresses the wizard offered. */
export type VipMode = 'auto' | 'specify' | 'suggested';

/**
 * Everything the Add Network wizard knows so far. Steps fill it in order; going back leaves the values in place,
 * so each step shows the previous choice as its default.
 */
export interface AddNetworkContext {
  /** True when started from the command palette: region, instance and owner (the instance or one of its groups) are asked first. */
  readonly pickGroup: boolean;
  region?: string;
  primaryInstance?: PrimaryInstance;
  /** What gets the network: a read-only group or the primary instance itself. */
  owner?: NetworkOwner;
  vpc?: Vpc;
  subnet?: Subnet;
  vipMode?: VipMode;
  /** The address to create the network with (vipMode "specify" or "suggested"). */
  vip?: string;
  /** The text last typed in the VIP box, kept when going back even if it was never accepted. */
  typedVip?: string;
  /** Set by the confirm step once the create action has answered. */
  result?: TaskRef;
}

/** The choices of a finished (or failed) wizard, to reopen it where the user left it. */
export function choicesOf(context: AddNetworkContext): AddNetworkContext {
  return {
    pickGroup: false,
    region: context.region,
    primaryInstance: context.primaryInstance,
    owner: context.owner,
    vpc: context.vpc,
    subnet: context.subnet,
    vipMode: context.vipMode,
    vip: context.vip,
    typedVip: context.typedVip,
  };
}

/** The VIP to send: undefined means "assign automatically". */
export function chosenVip(context: AddNetworkContext): string | undefined {
  return context.vipMode === 'auto' ? undefined : context.vip;
}
