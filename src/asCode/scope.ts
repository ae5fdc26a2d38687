import type { Translate } from '../domain/translate';
import { networkArgument, ownerArgument, regionArgument } from '../ui/treeArguments';

/**
 * How an export names what it covers ("read-only group ro-grp (pgrogrp-1)"): a region, an instance or a group
 * node. Undefined for any other argument, a network among them (exports start from the nodes that hold networks).
 */
export function scopeOf(node: unknown, t: Translate): string | undefined {
  const region = regionArgument(node);
  if (region !== undefined) return t('region {0}', region);
  if (networkArgument(node) !== undefined) return undefined;
  const owner = ownerArgument(node);
  switch (owner?.kind) {
    case undefined:
      return undefined;
    case 'primaryInstance':
      return t('instance {0}', named(owner.instance));
    case 'readOnlyGroup':
      return t('read-only group {0}', named(owner.group));
  }
}

function named(item: { readonly id: string; readonly name: string }): string {
  return item.name && item.name !== item.id ? `${item.name} (${item.id})` : item.id;
}
