// What the fault, secrets and soak suites share in the extension host: the emulator's control and request log,
// a recorder of the messages the extension shows, a driver for the Add Network quick inputs, the tree by id, and a
// watch for unhandled rejections. Every wait is bounded.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { ExplorerNode, NetworkNode, PrimaryInstanceNode, RegionNode, RoGroupNode } from '../../src/explorer/nodes';
import type { ShownQuickInput } from '../../src/wizard/quickInputPrompter';

export const extensionId = 'tencentdb-tools.tencentdb-postgres-networks';

export interface RequestEntry {
  readonly action: string;
  readonly outcome: string;
  readonly secretId?: string;
  readonly region?: string;
  readonly requestId?: string;
}

export function emulatorUrl(): string {
  const url = process.env.TENCENTDB_PG_EMULATOR_URL;
  assert.ok(url, 'TENCENTDB_PG_EMULATOR_URL is not set: run these tests through the harness');
  return url;
}

export async function control(op: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${emulatorUrl()}/__emulator/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(op),
    signal: AbortSignal.timeout(5000),
  });
  assert.equal(response.status, 200, `control ${JSON.stringify(op)}: ${await response.text()}`);
}

/** The emulator's request log as raw text (for scanning) and parsed. */
export async function requestLog(): Promise<{ text: string; entries: RequestEntry[] }> {
  const text = await (await fetch(`${emulatorUrl()}/__emulator/requests`, { signal: AbortSignal.timeout(5000) })).text();
  const parsed = JSON.parse(text) as RequestEntry[] | { requests: RequestEntry[] };
  return { text, entries: Array.isArray(parsed) ? parsed : parsed.requests };
}

export async function requestsOf(action: string): Promise<RequestEntry[]> {
  return (await requestLog()).entries.filter((entry) => entry.action === action);
}

export interface KeyPair { secretId: string; secretKey: string; token?: string; expiresAt?: string }

/**
 * A second, valid key of the running world: the snapshot lists secret ids only, so the key comes from the world
 * file in the repository that holds the same ids.
 */
export async function secondKey(extensionPath: string, environmentSecretId: string): Promise<KeyPair> {
  const response = await fetch(`${emulatorUrl()}/__emulator/world`, { signal: AbortSignal.timeout(5000) });
  assert.equal(response.status, 200);
  const snapshot = (await response.json()) as { credentials: Array<{ secretId: string }> };
  const served = new Set(snapshot.credentials.map((credential) => credential.secretId));
  const worldsDir = path.join(extensionPath, 'test', 'emulator', 'worlds');
  for (const file of fs.readdirSync(worldsDir).filter((name) => name.endsWith('.json'))) {
    const world = JSON.parse(fs.readFileSync(path.join(worldsDir, file), 'utf8')) as { credentials?: KeyPair[] };
    const keys = world.credentials ?? [];
    if (keys.length === 0 || !keys.every((key) => served.has(key.secretId))) continue;
    const other = keys.find(
      (key) => key.secretId !== environmentSecretId && (key.expiresAt === undefined || Date.parse(key.expiresAt) > Date.now()),
    );
    if (other) return other;
  }
  assert.fail('the running world has no second valid key pair to switch to');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Rejects when the promise takes longer than the bound: nothing a test awaits may hang. */
export async function within<T>(promise: Thenable<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve(promise),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(extensionId);
  assert.ok(extension, `${extensionId} is not installed`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

/** Collects what an event fires, so a test can wait for the next one. */
export class Recorder<T> {
  readonly seen: T[] = [];
  private readonly subscription: vscode.Disposable;
  constructor(event: vscode.Event<T>) {
    this.subscription = event((value) => this.seen.push(value));
  }
  async next(from: number, what: string, timeoutMs = 10_000): Promise<T> {
    await waitUntil(() => this.seen.length > from, what, timeoutMs);
    return this.seen[from];
  }
  dispose(): void {
    this.subscription.dispose();
  }
}

export interface ShownWindowMessage {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly modal: boolean;
  readonly items: readonly string[];
}

type MessageFunction = (message: string, ...rest: unknown[]) => Thenable<unknown>;

/**
 * Records every message the extension shows through vscode.window (the workbench offers no way to list
 * notifications, and the extension's own error reports do not all go through an event). Non-modal messages
 * resolve as dismissed; a modal confirmation is answered with `confirmModal` (its action, or dismissed).
 * The extension and these tests share one `vscode` API object, so replacing the functions reaches both.
 */
export class WindowMessages {
  readonly shown: ShownWindowMessage[] = [];
  /** What a modal question answers: its first action when true, dismissed when false. */
  confirmModal = true;
  private readonly originals: Record<'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage', MessageFunction>;

  constructor() {
    const window = vscode.window as unknown as Record<string, MessageFunction>;
    this.originals = {
      showInformationMessage: window.showInformationMessage,
      showWarningMessage: window.showWarningMessage,
      showErrorMessage: window.showErrorMessage,
    };
    const record = (severity: ShownWindowMessage['severity']): MessageFunction => (message, ...rest) => {
      const options = typeof rest[0] === 'object' && rest[0] !== null && !('title' in rest[0]) ? (rest[0] as vscode.MessageOptions) : undefined;
      const items = rest.slice(options ? 1 : 0).map((item) => (typeof item === 'string' ? item : (item as vscode.MessageItem).title));
      const modal = options?.modal === true;
      this.shown.push({ severity, message, modal, items });
      const answer = modal && this.confirmModal ? rest[options ? 1 : 0] : undefined;
      return Promise.resolve(answer);
    };
    window.showInformationMessage = record('info');
    window.showWarningMessage = record('warning');
    window.showErrorMessage = record('error');
  }

  since(index: number): ShownWindowMessage[] {
    return this.shown.slice(index);
  }

  async next(from: number, what: string, timeoutMs = 10_000, filter: (message: ShownWindowMessage) => boolean = () => true): Promise<ShownWindowMessage> {
    await waitUntil(() => this.shown.slice(from).some(filter), what, timeoutMs);
    const found = this.shown.slice(from).find(filter);
    assert.ok(found);
    return found;
  }

  dispose(): void {
    Object.assign(vscode.window, this.originals);
  }
}

/** Unhandled promise rejections in this extension host, from the moment the watch starts. */
export class RejectionWatch {
  readonly rejections: unknown[] = [];
  private readonly listener = (reason: unknown): void => {
    this.rejections.push(reason);
  };
  constructor() {
    process.on('unhandledRejection', this.listener);
  }
  describe(from = 0): string {
    return this.rejections
      .slice(from)
      .map((reason) => (reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason)))
      .join('; ');
  }
  dispose(): void {
    process.off('unhandledRejection', this.listener);
  }
}

export function isQuickPick(input: ShownQuickInput): input is vscode.QuickPick<vscode.QuickPickItem> {
  return 'items' in input;
}

/** The value behind a wizard item (the prompter keeps it on the item it gives the QuickPick). */
export function entryValue(item: vscode.QuickPickItem): unknown {
  return (item as vscode.QuickPickItem & { entry?: { value: unknown } }).entry?.value;
}

/** Drives the quick inputs the wizard shows, one after the other, by value rather than by label. */
export class WizardDriver {
  private index: number;
  constructor(private readonly shown: Recorder<ShownQuickInput>) {
    this.index = shown.seen.length;
  }

  async next(what: string, timeoutMs = 10_000): Promise<ShownQuickInput> {
    return this.shown.next(this.index++, what, timeoutMs);
  }

  async pick(what: string, timeoutMs = 10_000): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
    const input = await this.next(what, timeoutMs);
    assert.ok(isQuickPick(input), `expected a quick pick for ${what}`);
    await waitUntil(() => !input.busy && input.items.length > 0, `the items of ${what}`, timeoutMs);
    return input;
  }

  async input(what: string, timeoutMs = 10_000): Promise<vscode.InputBox> {
    const input = await this.next(what, timeoutMs);
    assert.ok(!isQuickPick(input), `expected an input box for ${what}`);
    return input;
  }

  /** Highlights the item whose value matches and presses Enter in the workbench. */
  async choose(pick: vscode.QuickPick<vscode.QuickPickItem>, matches: (value: unknown) => boolean, what: string): Promise<void> {
    const item = pick.items.find((candidate) => matches(entryValue(candidate)));
    assert.ok(item, `no item for ${what} among ${pick.items.map((candidate) => candidate.label).join(', ')}`);
    pick.activeItems = [item];
    await sleep(150);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }

  async type(input: vscode.InputBox, text: string): Promise<void> {
    input.value = text;
    await sleep(120);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  }
}

export async function regionNode(api: ExtensionApi, regionId: string): Promise<RegionNode> {
  const roots = await api.explorer.getChildren();
  const region = roots.find((node): node is RegionNode => node.kind === 'region' && node.regionId === regionId);
  assert.ok(region, `no region node ${regionId}`);
  return region;
}

/** The tree node of a group, loading pages of its region until it shows. */
export async function groupNode(api: ExtensionApi, regionId: string, groupId: string): Promise<RoGroupNode> {
  const region = await regionNode(api, regionId);
  for (let page = 0; page < 20; page++) {
    const children: ExplorerNode[] = await api.explorer.getChildren(region);
    for (const primary of children.filter((child): child is PrimaryInstanceNode => child.kind === 'primary')) {
      const groups = await api.explorer.getChildren(primary);
      const found = groups.find((child): child is RoGroupNode => child.kind === 'roGroup' && child.group.id === groupId);
      if (found) return found;
    }
    const more = children.find((child) => child.kind === 'loadMore');
    if (!more) break;
    await vscode.commands.executeCommand('tencentdbPostgres.loadMore', more);
  }
  assert.fail(`no tree node for group ${groupId}`);
}

export async function networkNode(api: ExtensionApi, regionId: string, groupId: string, ip: string): Promise<NetworkNode> {
  const group = await groupNode(api, regionId, groupId);
  const networks = await api.explorer.getChildren(group);
  const found = networks.find((child): child is NetworkNode => child.kind === 'network' && child.network.ip === ip);
  assert.ok(found, `no network ${ip} under ${groupId}`);
  return found;
}

/** Tree item labels as text. */
export function labelOf(api: ExtensionApi, node: ExplorerNode): string {
  const label = api.explorer.getTreeItem(node).label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}
