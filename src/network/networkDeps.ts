import type { CloudApi } from '../cloud/cloudApi';
import type { Site } from '../domain/model';
import type { Translate } from '../domain/translate';
import type { TaskTracker } from '../tasks/taskTracker';
import type { Prompter } from '../wizard/prompter';
import type { NetworkChanges } from './change/networkChanges';
import type { GroupView, NetworkLog, NetworkUi } from './ports';

/** What the Add Network and Remove Network commands work with, built once in the feature's activation. */
export interface NetworkCommandDeps {
  readonly api: CloudApi;
  readonly groupView: GroupView;
  readonly tracker: TaskTracker;
  readonly prompter: Prompter;
  readonly ui: NetworkUi;
  readonly log: NetworkLog;
  readonly t: Translate;
  /** The regions the explorer shows: offered when Add Network starts from the palette. */
  readonly regions: () => readonly string[];
  readonly site: () => Site;
  /** The profile `api` speaks for now (undefined when signed out): recorded with each task it starts. */
  readonly activeProfileId: () => string | undefined;
  /** The one change operation: Add and Remove send through it. */
  readonly changes: NetworkChanges;
}
