// The one set-up of the extension-host suites that drive the extension: the extension activated, its settings for
// the suite (restored afterwards), the emulator put in a known state, recorders of what the extension shows, a
// watch for unhandled rejections, the log channel's file, sign-in with clean-up, and a wizard driver.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';
import type { TaskOutcome } from '../../../src/tasks/trackedTask';
import type { ShownMessage } from '../../../src/ui/windowUi';
import type { ShownQuickInput } from '../../../src/wizard/quickInputPrompter';
import { control } from './emulator';
import { answerMessages, ExtensionLogFile, Recorder, RejectionWatch } from './recorders';
import { waitUntil } from '../../support/waits';
import { WizardDriver } from './wizardDriver';

export const extensionId = 'tencentdb-tools.tencentdb-postgres-networks';
export const ENVIRONMENT_PROFILE = '(environment)';

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** The folders the harness made for this run of VS Code, code-server or desktop (test/harness/runFolders.ts; HOME is one). */
export function runFolders(): { runDir: string; userData: string; workspace: string; xdgData: string } {
  const home = process.env.HOME;
  assert.ok(home, 'HOME is not set: run these tests through the harness');
  const runDir = path.dirname(home);
  return { runDir, userData: path.join(runDir, 'user-data'), workspace: path.join(runDir, 'workspace'), xdgData: path.join(runDir, 'xdg-data') };
}

export interface ExtensionHostFixtureOptions {
  /** `tencentdbPostgres.*` user settings for the suite (names without the prefix); the old values come back after. */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** How long the emulator's tasks take; set whenever the emulator is reset. */
  readonly taskDurationMs?: number;
  /**
   * Before each test: 'world' = the emulator as loaded (faults, world and request log), the tree refreshed;
   * 'faults' = faults and request log cleared, the world kept; 'none' (default) = only once, before the suite.
   */
  readonly resetBeforeEach?: 'world' | 'faults' | 'none';
  /** Answer every message in place of the user (none is shown): a modal question gets its first action. */
  readonly answerMessages?: boolean;
}

export interface ExtensionHostFixture {
  readonly api: ExtensionApi;
  /** Every wizard prompt shown. */
  readonly prompts: Recorder<ShownQuickInput>;
  /** Every message the extension shows: notifications and modal questions. */
  readonly messages: Recorder<ShownMessage>;
  /** Every task outcome reported. */
  readonly outcomes: Recorder<TaskOutcome>;
  readonly rejections: RejectionWatch;
  /** The extension's log channel, as VS Code writes it to disk. */
  readonly log: ExtensionLogFile;
  /** A driver of the prompts shown from now on. */
  wizard(timeoutMs?: number): WizardDriver;
  /** The unhandled rejections since the current test started, described ('' when none). */
  newRejections(): string;
  /** Signs in through the extension's API; the profile is signed out after the suite. */
  signIn(profile: { profileName: string; secretId: string; secretKey: string; token?: string }): Promise<void>;
  /** Sets the emulator's task duration again (after a reset). */
  resetEmulator(what: 'world' | 'faults'): Promise<void>;
}

/**
 * Call inside a mocha `describe`. Hooks: before the suite, activates the extension, applies the settings, starts
 * the recorders and resets the emulator; before each test, marks the recorders (so `sinceMark` is this test's) and
 * resets what `resetBeforeEach` says; after each, closes any quick input and fails the test on a new unhandled
 * rejection; after the suite, signs out, resets the emulator, restores the settings and stops the recorders.
 */
export function useExtensionHost(options: ExtensionHostFixtureOptions = {}): ExtensionHostFixture {
  let api: ExtensionApi | undefined;
  let prompts: Recorder<ShownQuickInput> | undefined;
  let messages: Recorder<ShownMessage> | undefined;
  let outcomes: Recorder<TaskOutcome> | undefined;
  let answering: vscode.Disposable | undefined;
  let rejections: RejectionWatch | undefined;
  let rejectionsAtTestStart = 0;
  const saved = new Map<string, unknown>();
  const profiles = new Set<string>();
  const settings = () => vscode.workspace.getConfiguration('tencentdbPostgres');

  const resetEmulator = async (what: 'world' | 'faults'): Promise<void> => {
    await control({ op: what === 'world' ? 'reset' : 'resetFaults' });
    if (options.taskDurationMs !== undefined) await control({ op: 'setTaskDuration', durationMs: options.taskDurationMs });
    await control({ op: 'clearRequests' });
  };

  before(async () => {
    api = await activateExtension();
    for (const [key, value] of Object.entries(options.settings ?? {})) {
      saved.set(key, settings().inspect(key)?.globalValue);
      await settings().update(key, value, vscode.ConfigurationTarget.Global);
    }
    if (options.answerMessages) answering = answerMessages(api.window);
    rejections = new RejectionWatch();
    prompts = new Recorder(api.network.prompter.onDidShow);
    messages = new Recorder(api.window.onDidShowMessage);
    outcomes = new Recorder(api.network.notifications.onDidReport);
    await resetEmulator('world');
    // The tree may still show what an earlier suite changed: read the reset world again.
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
  });

  beforeEach(async () => {
    rejectionsAtTestStart = rejections?.rejections.length ?? 0;
    for (const recorder of [prompts, messages, outcomes]) recorder?.setMark();
    if (options.resetBeforeEach === 'world' || options.resetBeforeEach === 'faults') {
      await resetEmulator(options.resetBeforeEach);
      if (options.resetBeforeEach === 'world') await vscode.commands.executeCommand('tencentdbPostgres.refresh');
    }
  });

  afterEach(async () => {
    // Leave no quick input open for the next test.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    // Node reports a rejection nobody handled once the microtasks of its turn have run: one turn later it is in.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(fixture.newRejections(), '', 'no unhandled rejection');
  });

  after(async () => {
    // A task left in flight would be followed into the next suite, and hold its group busy there.
    const left = () => api?.network.tracker.tasks().map((task) => `${task.kind} on ${task.owner.id}`) ?? [];
    await waitUntil(() => left().length === 0, 'the tasks this suite started to end', 30_000).catch(() => {
      assert.fail(`tasks still in flight after the suite: ${left().join(', ')}`);
    });
    for (const profile of profiles) await api?.profiles.signOut(profile).catch(() => undefined);
    await control({ op: 'reset' }).catch(() => undefined);
    for (const [key, value] of saved) await settings().update(key, value, vscode.ConfigurationTarget.Global);
    answering?.dispose();
    rejections?.dispose();
    prompts?.dispose();
    messages?.dispose();
    outcomes?.dispose();
    await vscode.commands.executeCommand('tencentdbPostgres.refresh');
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is only available inside the tests of a describe that called useExtensionHost()`);
    return value;
  };
  const fixture: ExtensionHostFixture = {
    get api() { return need(api, 'api'); },
    get prompts() { return need(prompts, 'prompts'); },
    get messages() { return need(messages, 'messages'); },
    get outcomes() { return need(outcomes, 'outcomes'); },
    get rejections() { return need(rejections, 'rejections'); },
    log: new ExtensionLogFile(extensionId, path.join(path.dirname(process.env.HOME ?? '.'), 'user-data')),
    wizard: (timeoutMs) => new WizardDriver(need(prompts, 'prompts'), timeoutMs),
    newRejections: () => need(rejections, 'rejections').describe(rejectionsAtTestStart),
    signIn: async (profile) => {
      profiles.add(profile.profileName);
      await need(api, 'api').profiles.signIn(profile);
    },
    resetEmulator,
  };
  return fixture;
}
