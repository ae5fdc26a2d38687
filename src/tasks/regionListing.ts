import type { CloudApi } from '../cloud/cloudApi';
import type { TaskStatus } from '../domain/model';

export const TASK_LISTING_PAGE_SIZE = 100;
/** Past this many pages the remaining tasks are asked for by id: the account runs other work in that region. */
const TASK_LISTING_MAX_PAGES = 5;

/** What listing a region's tasks told: the statuses found, and whether the listing went to its end. */
export interface RegionListing {
  readonly found: Map<number, TaskStatus>;
  /** False when the rate budget or the page cap stopped it, or a page failed. */
  readonly complete: boolean;
  /** True when the rate budget stopped it: the tasks not found wait for the next free slot. */
  readonly outOfBudget: boolean;
}

export interface ListingRequest {
  readonly region: string;
  /** Epoch milliseconds: tasks started earlier are left out. */
  readonly since: number;
  /** The task ids tracked in the region: the statuses kept. */
  readonly tracked: ReadonlySet<number | undefined>;
  /** The task ids due now: once all are found, the listing stops. */
  readonly wanted: ReadonlySet<number | undefined>;
  /** Takes a rate slot for a page after the first (the caller took the first's); false when none is free. */
  readonly takeSlot: () => boolean;
}

/** Pages through the region's tasks started since `since` until every wanted task is found or the list ends. */
export async function listRegionTasks(api: Pick<CloudApi, 'listTasks'>, request: ListingRequest): Promise<RegionListing> {
  const found = new Map<number, TaskStatus>();
  let offset = 0;
  for (let page = 0; page < TASK_LISTING_MAX_PAGES; page++) {
    if (page > 0 && !request.takeSlot()) return { found, complete: false, outOfBudget: true };
    const answer = await api.listTasks(request.region, { since: request.since, offset, limit: TASK_LISTING_PAGE_SIZE });
    for (const status of answer.tasks) {
      if (request.tracked.has(status.taskId)) found.set(status.taskId, status);
    }
    offset += answer.tasks.length;
    if (answer.tasks.length === 0 || offset >= answer.totalCount) return { found, complete: true, outOfBudget: false };
    if ([...request.wanted].every((taskId) => taskId !== undefined && found.has(taskId))) break;
  }
  return { found, complete: false, outOfBudget: false };
}
