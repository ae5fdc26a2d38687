import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BoardFs } from '../../tasks/shared/boardFs';

/**
 * The shared task board on disk: one folder under the extension's global storage, which every window of the user
 * on this machine shares. Writes go to a temporary file renamed over the target, so a reader never sees half a
 * record; exclusive creates link a complete temporary file
 * into place, which fails when the name exists (the `wx` rule without a moment where the file is empty).
 */
export function nodeBoardFs(folder: string): BoardFs {
  const at = (name: string): string => path.join(folder, name);
  let made: Promise<unknown> | undefined;
  // A failure is not kept: once the user has fixed the folder (space, permissions), the next write makes it.
  const ensureFolder = (): Promise<unknown> =>
    (made ??= fs.promises.mkdir(folder, { recursive: true }).catch((error: unknown) => {
      made = undefined;
      throw error;
    }));
  /** A complete copy of `text` beside the target; its name starts with a dot, so no listing takes it for a record. */
  const writeTemporary = async (name: string, text: string): Promise<string> => {
    await ensureFolder();
    const temporary = at(`.${name}.${randomUUID()}.tmp`);
    await fs.promises.writeFile(temporary, text, 'utf8');
    return temporary;
  };
  /** Links a complete temporary copy of `text` into place: false when the name exists. */
  const create = async (name: string, text: string): Promise<boolean> => {
    // Linking a complete temporary file is as exclusive as `wx`, and no reader ever sees the file empty.
    const temporary = await writeTemporary(name, text);
    try {
      await fs.promises.link(temporary, at(name));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    } finally {
      await fs.promises.rm(temporary, { force: true });
    }
  };
  return {
    list: () => orIfMissing(fs.promises.readdir(folder), []),
    read: (name) => orIfMissing(fs.promises.readFile(at(name), 'utf8'), undefined),
    async write(name, text) {
      const temporary = await writeTemporary(name, text);
      try {
        await fs.promises.rename(temporary, at(name));
      } catch (error) {
        await fs.promises.rm(temporary, { force: true });
        throw error;
      }
    },
    create,
    async replace(name, expected, text) {
      // Renaming the file away is the takeover: of several windows, only one can move the file that is there.
      // What it moved is checked: another window's fresh record (it won a moment before) is put back untouched.
      await ensureFolder();
      const moved = at(`.${name}.${randomUUID()}.old`);
      const taken = await orIfMissing(fs.promises.rename(at(name), moved).then(() => true), false);
      if (!taken) return false;
      try {
        if ((await fs.promises.readFile(moved, 'utf8')) !== expected) {
          await fs.promises.link(moved, at(name)).catch(() => undefined);
          return false;
        }
        return await create(name, text);
      } finally {
        await fs.promises.rm(moved, { force: true });
      }
    },
    async remove(name) {
      await fs.promises.rm(at(name), { force: true });
    },
    watch(onChange) {
      fs.mkdirSync(folder, { recursive: true });
      const watcher = fs.watch(folder, { persistent: false }, () => onChange());
      // A watcher that fails (the folder removed, too many watches) leaves the periodic rescan to do its work.
      watcher.on('error', () => watcher.close());
      return { dispose: () => watcher.close() };
    },
  };
}

/** What `work` reads, or `fallback` when the file or folder does not exist (yet). */
async function orIfMissing<T, F>(work: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await work;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}
