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

/** The file's shape: a generation that grows with every change, so a reader knows whether anything changed. */
export interface SharedProfileRecord {
  readonly generation: number;
  readonly profiles: Readonly<Record<string, SharedProfileEntry>>;
}

export const EMPTY_RECORD: SharedProfileRecord = { generation: 0, profiles: {} };

/** Reads the file's text; anything torn or unknown is an empty record (the secrets alone then decide, as before). */
export function parseRecord(text: string | undefined): SharedProfileRecord {
  if (text === undefined) return EMPTY_RECORD;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return EMPTY_RECORD;
    const { generation, profiles } = value as { generation?: unknown; profiles?: unknown };
    if (typeof generation !== 'number' || typeof profiles !== 'object' || profiles === null) return EMPTY_RECORD;
    const entries: Record<string, SharedProfileEntry> = {};
    for (const [name, entry] of Object.entries(profiles)) {
      const { signedIn, version } = (entry ?? {}) as { signedIn?: unknown; version?: unknown };
      if (typeof signedIn === 'boolean' && typeof version === 'string') entries[name] = { signedIn, version };
    }
    return { generation, profiles: entries };
  } catch {
    return EMPTY_RECORD;
  }
}

/** The record after one name's change: a new generation, every other name kept. */
export function withEntry(record: SharedProfileRecord, name: string, entry: SharedProfileEntry): SharedProfileRecord {
  return { generation: record.generation + 1, profiles: { ...record.profiles, [name]: entry } };
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
