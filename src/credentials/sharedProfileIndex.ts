import type * as vscode from 'vscode';

/**
 * What every window of the user shares about the stored profiles: for each name, whether it is signed in and the
 * version of its keys (a random token, never a secret). SecretStorage alone does not carry this everywhere: under
 * code-server each browser tab keeps its own copy of the secrets, loaded once, and its change event stays in the tab.
 */
export interface SharedProfileEntry {
  readonly signedIn: boolean;
  /** Changes with every Sign In of the name: a window whose secret copy has another version holds stale keys. */
  readonly version: string;
}

export interface SharedProfileIndex {
  /** The shared entries; an empty map when nothing was recorded yet (profiles saved by an older version). */
  read(): Promise<ReadonlyMap<string, SharedProfileEntry>>;
  /** Records a name's new state for every window. */
  record(name: string, entry: SharedProfileEntry): Promise<void>;
  /** Fires (within seconds, on every host) after any window recorded a change. */
  onDidChange(listener: () => void): vscode.Disposable;
}

/** One name's record as its file holds it; undefined when torn or foreign (the secrets alone then decide for it). */
export function parseEntry(text: string): { readonly name: string; readonly entry: SharedProfileEntry } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { name, signedIn, version } = value as { name?: unknown; signedIn?: unknown; version?: unknown };
    if (typeof name !== 'string' || typeof signedIn !== 'boolean' || typeof version !== 'string') return undefined;
    return { name, entry: { signedIn, version } };
  } catch {
    return undefined;
  }
}

/**
 * Whether a window may use the keys its secret storage holds for a name: not when the name is signed out
 * everywhere, nor when it was signed in again (elsewhere) with keys this window does not have. `index` is undefined
 * when the shared index cannot be read: keys saved under it (they carry a version) are then not used, since nothing
 * says they were not signed out; older keys, never recorded, are used as before.
 */
export function mayUse(index: ReadonlyMap<string, SharedProfileEntry> | undefined, name: string, localVersion: string | undefined): boolean {
  if (index === undefined) return localVersion === undefined;
  const entry = index.get(name);
  if (entry === undefined) return true; // never recorded: saved before the shared index existed
  return entry.signedIn && entry.version === localVersion;
}
