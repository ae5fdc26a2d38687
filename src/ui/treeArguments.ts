import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';
import type { NetworkOwner } from '../domain/networkOwner';
import { primaryInstanceOwner, readOnlyGroupOwner } from '../domain/networkOwner';

/**
 * What a command run from the tree's menus receives: the explorer's node, read by shape (no feature imports
 * another's classes). A region node carries `regionId`, a group node `group`, a primary node `instance`, a network
 * node its `network` and its owner; a node may also carry `owner` itself. The one place these shapes are checked.
 */

/** The owner of networks a node stands for (a read-only group or a primary instance), or undefined. */
export function ownerArgument(value: unknown): NetworkOwner | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const node = value as { owner?: unknown; group?: unknown; instance?: unknown };
  if (isOwner(node.owner)) return node.owner;
  if (isGroup(node.group)) return readOnlyGroupOwner(node.group);
  if (isInstance(node.instance)) return primaryInstanceOwner(node.instance);
  return undefined;
}

/** The region a region node stands for, or undefined for any other argument. */
export function regionArgument(value: unknown): string | undefined {
  const regionId = (value as { regionId?: unknown } | undefined)?.regionId;
  return typeof regionId === 'string' ? regionId : undefined;
}

/** The network a network node stands for, with its owner; undefined for any other argument. */
export function networkArgument(value: unknown): { readonly owner: NetworkOwner; readonly network: GroupNetwork } | undefined {
  const owner = ownerArgument(value);
  const network = (value as { network?: unknown } | undefined)?.network;
  return owner && isNetwork(network) ? { owner, network } : undefined;
}

function isOwner(value: unknown): value is NetworkOwner {
  const owner = value as Partial<{ kind: string; group: unknown; instance: unknown }> | undefined;
  return (owner?.kind === 'readOnlyGroup' && isGroup(owner.group)) || (owner?.kind === 'primaryInstance' && isInstance(owner.instance));
}

function isGroup(value: unknown): value is ReadOnlyGroup {
  const group = value as Partial<ReadOnlyGroup> | undefined;
  return typeof group?.id === 'string' && typeof group.primaryInstanceId === 'string' && Array.isArray(group.networks);
}

function isInstance(value: unknown): value is PrimaryInstance {
  const instance = value as Partial<PrimaryInstance> | undefined;
  return typeof instance?.id === 'string' && typeof instance.region === 'string' && Array.isArray(instance.networks);
}

function isNetwork(value: unknown): value is GroupNetwork {
  const network = value as Partial<GroupNetwork> | undefined;
  return typeof network?.ip === 'string' && typeof network.port === 'number';
}
