import type { CloudApi } from '../cloud/cloudApi';
import { systemClock, type Clock } from '../domain/clock';
import type { PrimaryInstance, PrimaryInstancePage, ReadOnlyGroup } from '../domain/model';
import { PageTurns } from './pageTurns';

/**
 * The explorer's data loading, free of VS Code so that it runs (and is measured) in plain Node.
 *
 * Groups can only be listed per primary, so a naive tree pays one round trip for the primaries and then one per
 * primary the user expands. Here the groups of every primary on a page are asked for as soon as the page arrives
 * (on the page's turn of the event loop, see PageTurns), all at once: a page of primaries and all their groups take
 * two round trips. The client's per-action rate limiter (DescribeReadOnlyGroups: 1000/s) paces the burst, so no
 * throttling error reaches the wire.
 */

export type RegionLoaderApi = Pick<CloudApi, 'listPrimaryInstances' | 'listReadOnlyGroups'>;

/** A primary instance with its groups' load already under way. */
export interface LoadedPrimary {
  readonly instance: PrimaryInstance;
  /** Rejects with the CloudError of the load; never reported as unhandled while nobody awaits it. */
  readonly groups: Promise<ReadOnlyGroup[]>;
}

/** One API page of DescribeDBInstances as the tree takes it: primaries only, at most what the tree page still needs. */
export interface LoadedInstancePage {
  readonly primaries: readonly LoadedPrimary[];
  /** Offset of the next instance the tree has not taken; undefined when this was the last. */
  readonly nextOffset: number | undefined;
  /** Instances of every type the API reported. */
  readonly totalCount: number;
  /** The primaries of the API page beyond the tree page, for the next "Load more" (see InstancesAhead). */
  readonly ahead: InstancesAhead | undefined;
}

/**
 * Primaries an API page brought in beyond the tree page, starting exactly at the tree's next offset. Their groups
 * are not asked for: the page shows only `pageSize` primaries, so only those cost group calls. A "Load more" soon
 * after (a walk's, or a user's) takes them without asking for the instances again.
 */
export interface InstancesAhead extends PrimaryInstancePage {
  /** Offset of the first of them: only a load starting there may take them. */
  readonly offset: number;
  /** When the API answered with them (the clock's monotonic scale). */
  readonly fetchedAt: number;
}

export interface PrimaryPageRequest {
  readonly region: string;
  /** Where to start (0 for the first page, then the previous page's nextOffset). */
  readonly offset: number;
  /** How many primaries one page of the tree shows (the `pageSize` setting). */
  readonly pageSize: number;
  readonly signal?: AbortSignal;
  /** What the previous page left over; taken when it starts at `offset` and is still fresh. */
  readonly ahead?: InstancesAhead;
  /** For the age of `ahead` (the system clock when not given). */
  readonly clock?: Pick<Clock, 'monotonic'>;
}

/** An API page asked for ahead of need, by its offset. */
interface PlannedPage {
  readonly offset: number;
  readonly page: Promise<InstancesAhead>;
}

/** A region with many non-primary instances could need many API pages to fill one page of primaries. */
export const MAX_API_PAGES_PER_TREE_PAGE = 10;

/**
 * Instances asked for in one DescribeDBInstances call: the API's maximum, whatever the tree's page size.
 * DescribeDBInstances is limited to 100 calls a second per account, a tenth of DescribeReadOnlyGroups' limit, and
 * each RO instance is listed too: pages of 20 would make the instance listing, not the groups, the pace of a big
 * account (720 calls for 18 regions of 800 instances, 7 s at 100/s, where 144 calls of 100 take 1.4 s).
 */
export const INSTANCES_PER_CALL = 100;

/**
 * How long primaries left over from an API page may fill a later tree page. A walk (Find, Export) asks for the next
 * page within a second; a user who clicks "Load more" later gets primaries read at the click, not a stale list.
 */
export const AHEAD_FRESH_MS = 10_000;

/**
 * The API pages that make up one page of the tree: read on until `pageSize` primaries (or the end) are in, since
 * pages count every instance type (each RO instance is listed too). Once the first page has told the total and the
 * share of primaries, the further pages needed are asked for all at once rather than one after another. The last
 * page is cut after the tree page's last primary; the rest is handed on as `ahead`.
 * Pages are yielded in order as they arrive, with their primaries' groups already requested.
 */
export async function* primaryPages(api: RegionLoaderApi, request: PrimaryPageRequest): AsyncGenerator<LoadedInstancePage, void, undefined> {
  const clock = request.clock ?? systemClock;
  let expectedOffset: number | undefined = request.offset;
  let found = 0;
  let scanned = 0;
  let pagesRead = 0;
  let total = 0;
  const ahead = request.ahead;
  const fresh = ahead !== undefined && ahead.offset === request.offset && clock.monotonic() - ahead.fetchedAt <= AHEAD_FRESH_MS;
  let pending: PlannedPage[] = fresh ? [{ offset: ahead.offset, page: Promise.resolve(ahead) }] : [];
  try {
    while (found < request.pageSize && expectedOffset !== undefined && pagesRead < MAX_API_PAGES_PER_TREE_PAGE) {
      if (pending.length === 0 || pending[0].offset !== expectedOffset) {
        // Nothing planned, or the list moved under us (a page came back short): plan again from where we are.
        const count = pagesRead === 0 ? 1 : Math.min(pagesToFill(request.pageSize - found, found, scanned), Math.ceil((total - expectedOffset) / INSTANCES_PER_CALL));
        pending = planPages(api, request, clock, expectedOffset, Math.max(1, count), pagesRead);
      }
      // Never undefined: the plan above holds at least one page.
      const next = pending.shift() as PlannedPage;
      const page = await next.page;
      pagesRead++;
      scanned += (page.nextOffset ?? page.totalCount) - next.offset;
      const cut = cutAfter(page, request.pageSize - found);
      found += cut.taken.length;
      expectedOffset = cut.nextOffset;
      total = page.totalCount;
      yield {
        primaries: startGroupLoadsOnTurn(api, cut.taken, request.signal),
        nextOffset: cut.nextOffset,
        totalCount: page.totalCount,
        ahead: cut.ahead,
      };
    }
  } finally {
    // Pages planned but not needed (or after a failure): their answers are dropped, unhandled or not.
    for (const planned of pending) planned.page.catch(() => undefined);
  }
}

/** The first `wanted` primaries of a page, where the tree goes on after them, and the rest of the page. */
function cutAfter(page: InstancesAhead, wanted: number): { taken: readonly PrimaryInstance[]; nextOffset: number | undefined; ahead: InstancesAhead | undefined } {
  if (page.instances.length <= wanted) return { taken: page.instances, nextOffset: page.nextOffset, ahead: undefined };
  const offset = page.positions[wanted];
  return {
    taken: page.instances.slice(0, wanted),
    nextOffset: offset,
    ahead: { ...page, offset, instances: page.instances.slice(wanted), positions: page.positions.slice(wanted) },
  };
}

/** Starts `count` consecutive API pages from `offset`, never past the per-tree-page cap. */
function planPages(
  api: RegionLoaderApi,
  request: PrimaryPageRequest,
  clock: Pick<Clock, 'monotonic'>,
  offset: number,
  count: number,
  pagesRead: number,
): PlannedPage[] {
  const planned: PlannedPage[] = [];
  for (let i = 0; i < Math.min(count, MAX_API_PAGES_PER_TREE_PAGE - pagesRead); i++) {
    const pageOffset = offset + i * INSTANCES_PER_CALL;
    const page = fetchPage(api, request, clock, pageOffset);
    page.catch(() => undefined);
    planned.push({ offset: pageOffset, page });
  }
  return planned;
}

/** How many more API pages probably hold `missing` primaries, judging by the share of primaries seen so far. */
function pagesToFill(missing: number, found: number, scanned: number): number {
  const share = scanned > 0 ? Math.max(found, 1) / scanned : 1;
  return Math.max(1, Math.ceil(missing / share / INSTANCES_PER_CALL));
}

async function fetchPage(api: RegionLoaderApi, request: PrimaryPageRequest, clock: Pick<Clock, 'monotonic'>, offset: number): Promise<InstancesAhead> {
  const page = await api.listPrimaryInstances(request.region, { offset, limit: INSTANCES_PER_CALL }, { signal: request.signal });
  return { ...page, offset, fetchedAt: clock.monotonic() };
}

/** One event loop per process, so one queue of pages for every region and every tree. */
const pageTurns = new PageTurns();

/** The groups of a page's primaries, asked for together on the page's turn (see PageTurns). */
function startGroupLoadsOnTurn(api: RegionLoaderApi, instances: readonly PrimaryInstance[], signal: AbortSignal | undefined): LoadedPrimary[] {
  const starts: Array<() => void> = [];
  const primaries = instances.map((instance) => {
    const groups = new Promise<ReadOnlyGroup[]>((resolve) => starts.push(() => resolve(startGroupLoad(api, instance, signal))));
    groups.catch(() => undefined);
    return { instance, groups };
  });
  pageTurns.run(() => {
    for (const start of starts) start();
  });
  return primaries;
}

function startGroupLoad(api: RegionLoaderApi, instance: PrimaryInstance, signal: AbortSignal | undefined): Promise<ReadOnlyGroup[]> {
  const groups = api.listReadOnlyGroups(instance.region, instance.id, { signal });
  // Whoever awaits the promise sees its failure; this only keeps a load nobody awaited yet from counting as unhandled.
  groups.catch(() => undefined);
  return groups;
}
