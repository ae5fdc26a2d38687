import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { parseEntry } from './sharedProfileIndex';
import type { SharedProfileEntry, SharedProfileIndex } from './sharedProfileIndex';

export interface SharedProfileFileOptions {
  /** How often the folder is looked at when no watch event came (fs.watch misses events on some file systems). */
  readonly pollMs?: number;
  /** False where fs.watch is known not to work (and in the test of the timer alone). */
  readonly watch?: boolean;
}

type Entries = ReadonlyMap<string, SharedProfileEntry>;

/**
 * The shared profile index as a folder every window of the user shares (in the extension's global storage on disk,
 * beside the task board): one small file per name, so two windows changing two names never undo each other's
 * change. Each file is written whole to a temporary file renamed over it, so a reader never sees half of one. The
 * folder is watched, and looked at on a short timer as well, so a missed watch event costs seconds at most.
 */
export function sharedProfileFile(folder: string, options: SharedProfileFileOptions = {}): SharedProfileIndex {
  const read = (): Promise<Entries> => readEntries(folder);
  return {
    read,
    async record(name, entry) {
      await fs.promises.mkdir(folder, { recursive: true });
      const file = fileOf(name);
      const temporary = path.join(folder, `.${file}.${randomUUID()}.tmp`);
      await fs.promises.writeFile(temporary, JSON.stringify({ name, ...entry }), 'utf8');
      try {
        await fs.promises.rename(temporary, path.join(folder, file));
      } catch (error) {
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
    },
    onDidChange(listener) {
      return watchEntries(folder, read, listener, { pollMs: options.pollMs ?? 2_000, watch: options.watch ?? true });
    },
  };
}

/** A name's file: a hash, so names that differ only in case stay apart on any file system, and no name is too long. */
function fileOf(name: string): string {
  return `profile-${createHash('sha256').update(name, 'utf8').digest('hex')}.json`;
}

async function readEntries(folder: string): Promise<Entries> {
  let files: string[];
  try {
    files = (await fs.promises.readdir(folder)).filter(isEntryFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  return collect(files, await Promise.all(files.map((file) => fs.promises.readFile(path.join(folder, file), 'utf8'))));
}

/** The same, at once: the first look of a watcher, so that any change after the subscription is news. */
function readEntriesNow(folder: string): Entries | undefined {
  try {
    const files = fs.existsSync(folder) ? fs.readdirSync(folder).filter(isEntryFile) : [];
    return collect(files, files.map((file) => fs.readFileSync(path.join(folder, file), 'utf8')));
  } catch {
    return undefined;
  }
}

function isEntryFile(file: string): boolean {
  return file.startsWith('profile-') && file.endsWith('.json');
}

/** The entries of the files read; a file that is torn, foreign, or not named after its name is left out. */
function collect(files: readonly string[], texts: readonly string[]): Entries {
  const entries = new Map<string, SharedProfileEntry>();
  files.forEach((file, index) => {
    const parsed = parseEntry(texts[index]);
    if (parsed && fileOf(parsed.name) === file) entries.set(parsed.name, parsed.entry);
  });
  return entries;
}

/** What the entries say, comparable between two looks. */
function signature(entries: Entries | undefined): string | undefined {
  return entries && JSON.stringify([...entries].sort(([a], [b]) => a.localeCompare(b)));
}

/** Calls `listener` once per change of the entries, whether a watch event or the timer noticed it. */
function watchEntries(
  folder: string,
  read: () => Promise<Entries>,
  listener: () => void,
  { pollMs, watch }: { pollMs: number; watch: boolean },
): vscode.Disposable {
  let seen = signature(readEntriesNow(folder));
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
        const now = signature(await read().catch(() => undefined));
        if (now === undefined || now === seen) continue;
        seen = now;
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
