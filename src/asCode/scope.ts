import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';
import type { Translate } from '../domain/translate';

/**
 * The tree's nodes, typed by shape (this room does not know the explorer's classes): a network carries its group
 * and network, a group its group, a primary instance its instance, a region its id.
 */
export interface GroupCarrier {
  readonly group: ReadOnlyGroup;
}

export interface NetworkCarrier extends GroupCarrier {
  readonly network: GroupNetwork;
}

export function isGroupCarrier(value: unknown): value is GroupCarrier {
  const candidate = value as Partial<GroupCarrier> | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.group?.id === 'string' && Array.isArray(candidate.group.networks);
}

export function isNetworkCarrier(value: unknown): value is NetworkCarrier {
  const candidate = value as Partial<NetworkCarrier> | undefined;
  return isGroupCarrier(value) && typeof candidate?.network?.ip === 'string' && typeof candidate.network.port === 'number';
}

/** A primary instance's own network, typed by shape: the explorer's network node under a primary fits. */
export interface InstanceNetworkCarrier {
  readonly owner: { readonly kind: 'primaryInstance'; readonly instance: PrimaryInstance };
  readonly network: GroupNetwork;
}

export function isInstanceNetworkCarrier(value: unknown): value is InstanceNetworkCarrier {
  const candidate = value as Partial<InstanceNetworkCarrier> | undefined;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.owner?.kind === 'primaryInstance' &&
    typeof candidate.owner.instance?.id === 'string' &&
    typeof candidate.network?.ip === 'string' &&
    typeof candidate.network.port === 'number'
  );
}

/** How an export names what it covers ("read-only group ro-grp (pgrogrp-1)"), or undefined for an unknown node. */
export function scopeOf(node: unknown, t: Translate): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const shape = node as { regionId?: unknown; instance?: { id?: unknown; name?: unknown }; group?: { id?: unknown; name?: unknown } };
  if (typeof shape.regionId === 'string') return t('region {0}', shape.regionId);
  if (typeof shape.instance?.id === 'string') {
    return t('instance {0}', named(String(shape.instance.name ?? ''), shape.instance.id));
  }
  if (typeof shape.group?.id === 'string') return t('read-only group {0}', named(String(shape.group.name ?? ''), shape.group.id));
  return undefined;
}

function named(name: string, id: string): string {
  return name && name !== id ? `${name} (${id})` : id;
}
