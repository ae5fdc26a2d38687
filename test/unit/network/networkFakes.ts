import type { NewTask } from '../../../src/tasks/trackedTask';
import { formatEnglish } from '../../../src/domain/translate';
import { NetworkChanges } from '../../../src/network/change/networkChanges';
import type { ChangeDeps, OwnerLock } from '../../../src/network/change/networkChanges';
import type { NetworkCommandDeps } from '../../../src/network/networkDeps';
import type { ClientLease } from '../../../src/cloud/cloudApi';
import type { NetworkUi, ProgressControl } from '../../../src/network/ports';
import type { TaskTracker } from '../../../src/tasks/taskTracker';
import type { MessageAction, MessageSeverity } from '../../../src/ui/windowUi';
import { FakeClock } from '../support/fakeClock';
import { FakeCloudApi, ScriptedPrompter } from '../support/fakes';
import type { Answer } from '../support/fakes';

export interface ShownMessage {
  readonly severity: MessageSeverity;
  readonly message: string;
  readonly actions: readonly MessageAction[];
}

/** The window as the network commands see it, recording what they show and answering their questions. */
export class RecordingUi implements NetworkUi {
  readonly shown: ShownMessage[] = [];
  readonly progressTitles: string[] = [];
  readonly progressLines: string[] = [];
  readonly copied: string[] = [];
  readonly reopened: unknown[] = [];
  readonly opened: string[] = [];
  confirmAnswer = true;
  /** Set to cancel the next cancellable progress as soon as it starts. */
  cancelProgress = false;

  async withProgress<T>(title: string, work: (progress: ProgressControl) => Promise<T>, options?: { readonly cancellable?: boolean }): Promise<T> {
    this.progressTitles.push(title);
    const abort = new AbortController();
    if (options?.cancellable && this.cancelProgress) abort.abort();
    return work({ signal: abort.signal, report: (line) => this.progressLines.push(line) });
  }
  show(severity: MessageSeverity, message: string, actions: readonly MessageAction[] = []): void {
    this.shown.push({ severity, message, actions });
  }
  async confirm(): Promise<boolean> {
    return this.confirmAnswer;
  }
  async copyToClipboard(text: string): Promise<void> {
    this.copied.push(text);
  }
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
  showLog(): void {}
  describeError(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }
  reopenAddNetwork(choices: unknown): unknown {
    this.reopened.push(choices);
    return undefined;
  }
  last(): ShownMessage | undefined {
    return this.shown[this.shown.length - 1];
  }
  labels(): string[] {
    return (this.last()?.actions ?? []).map((action) => action.label);
  }
}

/** The tracker as the change operation sees it: records what is started, busy while it tracks. */
export class RecordingTracker {
  readonly started: NewTask[] = [];
  start(task: NewTask): ReturnType<TaskTracker['start']> {
    this.started.push(task);
    return { ...task, key: String(this.started.length), startedAt: 0, source: 'task', sawActivity: false };
  }
  busyOwnerIds(): Set<string> {
    return new Set(this.started.map((task) => task.owner.id));
  }
}

export const SETTLE_WINDOW_MS = 30_000;

/** A feature wired to fakes: the API, the window, the tracker, the clock and the profile's client lease. */
export function networkFixture(answers: Answer[] = [], ownerLock?: OwnerLock, leaseFor?: ChangeDeps['leaseFor']) {
  const api = new FakeCloudApi();
  const ui = new RecordingUi();
  const tracker = new RecordingTracker();
  const clock = new FakeClock();
  const profile = { id: 'work' as string | undefined, leases: 0, released: 0, signOut: new AbortController() };
  const log: string[] = [];
  const lease = (): ClientLease | undefined => {
    if (profile.id === undefined) return undefined;
    profile.leases++;
    return { api, profileId: profile.id, connection: 'intl tencentcloudapi.com', revoked: profile.signOut.signal, release: () => profile.released++ };
  };
  const t = formatEnglish;
  const changes = new NetworkChanges({
    lease,
    tracker,
    ownerView: { refreshOwner: async () => undefined },
    ui,
    log: { info: (m) => log.push(m), warn: (m) => log.push(m), error: (m) => log.push(m) },
    t,
    clock,
    settleWindowMs: () => SETTLE_WINDOW_MS,
    site: () => 'intl',
    ownerLock,
    leaseFor,
  });
  const prompter = new ScriptedPrompter(answers);
  const deps: NetworkCommandDeps = { api, prompter, ui, t, regions: () => ['ap-guangzhou'], changes };
  return { api, ui, tracker, clock, profile, log, changes, prompter, deps };
}
