import type { Translate } from '../domain/translate';

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
