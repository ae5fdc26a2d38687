import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { parseRecord, withEntry } from './sharedProfileIndex';
import type { SharedProfileIndex, SharedProfileRecord } from './sharedProfileIndex';

export interface SharedProfileFileOptions {
  /** How often the file is looked at when no watch event came (fs.watch misses events on some file systems). */
  readonly pollMs?: number;
  /** False where fs.watch is known not to work (and in the test of the timer alone). */
  readonly watch?: boolean;
}

const RECORD_FILE = 'profiles.json';

/**
 * The shared profile index as one small file in a folder every window of the user shares (the extension's global
 * storage on disk, beside the task board). Written whole to a temporary file renamed over it, so a reader never
 * sees half of it; watched, and looked at on a short timer as well, so a missed watch event costs seconds at most.
 */
export function sharedProfileFile(folder: string, options: SharedProfileFileOptions = {}): SharedProfileIndex {
  const file = path.join(folder, RECORD_FILE);
  const readRecord = async (): Promise<SharedProfileRecord> => {
    try {
      return parseRecord(await fs.promises.readFile(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseRecord(undefined);
      throw error;
    }
  };
  return {
    async read() {
      return new Map(Object.entries((await readRecord()).profiles));
    },
    async record(name, entry) {
      await fs.promises.mkdir(folder, { recursive: true });
      const next = withEntry(await readRecord(), name, entry);
      const temporary = path.join(folder, `.${RECORD_FILE}.${randomUUID()}.tmp`);
      await fs.promises.writeFile(temporary, JSON.stringify(next), 'utf8');
      try {
        await fs.promises.rename(temporary, file);
      } catch (error) {
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
    },
    onDidChange(listener) {
      return watchGeneration(folder, file, readRecord, listener, { pollMs: options.pollMs ?? 2_000, watch: options.watch ?? true });
    },
  };
}

/** Calls `listener` once per new generation of the file, whether a watch event or the timer noticed it. */
function watchGeneration(
  folder: string,
  file: string,
  readRecord: () => Promise<SharedProfileRecord>,
  listener: () => void,
  { pollMs, watch }: { pollMs: number; watch: boolean },
): vscode.Disposable {
  // Read at once (a small file, once per window): any change after the subscription is news, none is missed.
  let seen = generationNow(file);
  let checking = false;
  let again = false;
  const check = async (): Promise<void> => {
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    try {
      do {
        again = false;
        const generation = (await readRecord().catch(() => undefined))?.generation;
        if (generation === undefined || generation === seen) continue;
        seen = generation;
        listener();
      } while (again);
    } finally {
      checking = false;
    }
  };
  let watcher: fs.FSWatcher | undefined;
  try {
    if (!watch) throw new Error('not watched');
    fs.mkdirSync(folder, { recursive: true });
    watcher = fs.watch(folder, { persistent: false }, () => void check());
    // A watcher that fails (the folder removed, too many watches) leaves the timer to notice changes.
    watcher.on('error', () => watcher?.close());
  } catch {
    watcher = undefined;
  }
  const timer = setInterval(() => void check(), pollMs);
  timer.unref();
  return {
    dispose: () => {
      clearInterval(timer);
      watcher?.close();
    },
  };
}

function generationNow(file: string): number {
  try {
    return parseRecord(fs.readFileSync(file, 'utf8')).generation;
  } catch {
    return parseRecord(undefined).generation;
  }
}
