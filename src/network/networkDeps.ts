import type * as vscode from 'vscode';
import type { CloudApi } from '../cloud/cloudApi';
import type { Site } from '../domain/model';
import type { GroupView } from '../explorer/groupView';
import type { TaskTracker } from '../tasks/taskTracker';
import type { NetworkMessages } from '../ui/messages';
import type { QuickInputPrompter } from '../wizard/quickInputPrompter';

/** What the Add Network and Remove Network commands work with, built once in the composition root. */
export interface NetworkCommandDeps {
  readonly api: CloudApi;
  readonly groupView: GroupView;
  readonly tracker: TaskTracker;
  readonly prompter: QuickInputPrompter;
  readonly messages: NetworkMessages;
  readonly log: vscode.LogOutputChannel;
  /** The regions the explorer shows: offered when Add Network starts from the palette. */
  readonly regions: () => readonly string[];
  readonly site: () => Site;
  /** The profile `api` speaks for now (undefined when signed out): recorded with each task it starts. */
  readonly activeProfileId: () => string | undefined;
}
