import type { ExplorerNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from './nodes';
import type { TreeLoadCache } from './treeLoadCache';

/** What one step of a walk brought in: the primaries of a page, then the groups of a few primaries at a time. */
export interface SubtreeBatch {
  readonly primaries: readonly PrimaryInstanceNode[];
  readonly groups: readonly RoGroupNode[];
}

export interface SubtreeWalkOptions {
  readonly signal: AbortSignal;
  /** Called as parts of the subtree come in, so a search can show them before the whole region is loaded. */
  readonly onBatch?: (batch: SubtreeBatch) => void;
}

/** How many primaries' group lists are asked for at once: the client's rate limiter paces any more. */
const GROUP_LOADS_AT_ONCE = 4;

/** A "Load more" that keeps failing must not loop forever. */
const MAX_PAGES = 1000;

/**
 * Every group below a node (a region, a primary instance or a group), loading through the tree's cache what is
 * not loaded yet, so the tree shows the same nodes afterwards and nothing is asked for twice. Throws the first
 * load failure (the tree shows it in place too) and stops when the signal aborts: the loads it started stop with it,
 * none is sent after (the tree loads again what they left out when it is next asked for).
 */
export async function groupsUnder(cache: TreeLoadCache, node: ExplorerNode, options: SubtreeWalkOptions): Promise<RoGroupNode[]> {
  switch (node.kind) {
    case 'region':
      return groupsOfRegion(cache, node, options);
    case 'primary':
      return groupsOfPrimaries(cache, [node], options);
    case 'roGroup':
      options.onBatch?.({ primaries: [], groups: [node] });
      return [node];
    case 'network':
      // A primary's own network lies below no group.
      if (node.parent.kind !== 'roGroup') return [];
      options.onBatch?.({ primaries: [], groups: [node.parent] });
      return [node.parent];
    case 'loadMore':
    case 'error':
    case 'message':
      return [];
  }
}

async function groupsOfRegion(cache: TreeLoadCache, region: RegionNode, options: SubtreeWalkOptions): Promise<RoGroupNode[]> {
  const groups: RoGroupNode[] = [];
  let walked = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    throwIfAborted(options.signal);
    const children = await cache.children(region, options.signal);
    const failure = children.find((child) => child.kind === 'error');
    if (failure?.kind === 'error') throw failure.error;
    const fresh = region.primaries.slice(walked);
    walked = region.primaries.length;
    options.onBatch?.({ primaries: fresh, groups: [] });
    groups.push(...(await groupsOfPrimaries(cache, fresh, options)));
    if (region.nextOffset === undefined) return groups;
    throwIfAborted(options.signal);
    await cache.loadMore(region, options.signal);
    throwIfAborted(options.signal);
    if (region.loadMoreError !== undefined) throw region.loadMoreError;
  }
  return groups;
}

async function groupsOfPrimaries(cache: TreeLoadCache, primaries: readonly PrimaryInstanceNode[], options: SubtreeWalkOptions): Promise<RoGroupNode[]> {
  const groups: RoGroupNode[] = [];
  for (let start = 0; start < primaries.length; start += GROUP_LOADS_AT_ONCE) {
    throwIfAborted(options.signal);
    const lists = await Promise.all(primaries.slice(start, start + GROUP_LOADS_AT_ONCE).map((primary) => cache.children(primary, options.signal)));
    const batch: RoGroupNode[] = [];
    for (const children of lists) {
      for (const child of children) {
        if (child.kind === 'error') throw child.error;
        if (child.kind === 'roGroup') batch.push(child);
      }
    }
    groups.push(...batch);
    options.onBatch?.({ primaries: [], groups: batch });
  }
  return groups;
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason ?? new Error('Cancelled');
}
