import type { BoardFs } from '../../../src/tasks/shared/boardFs';

/** One folder in memory, shared by the boards of several windows: each mutation tells every watcher. */
export class MemoryFolder {
  readonly files = new Map<string, string>();
  private readonly watchers = new Set<() => void>();
  /** When false, no watcher is told (fs.watch missing events): only the periodic rescan finds changes. */
  watching = true;
  /** Runs right after a file is read: lets a test act between a scan's read and the end of that scan. */
  afterRead: ((name: string) => void) | undefined;

  fs(): BoardFs {
    return {
      list: async () => [...this.files.keys()],
      read: async (name) => {
        const text = this.files.get(name);
        this.afterRead?.(name);
        return text;
      },
      write: async (name, text) => {
        this.files.set(name, text);
        this.changed();
      },
      create: async (name, text) => {
        if (this.files.has(name)) return false;
        this.files.set(name, text);
        this.changed();
        return true;
      },
      replace: async (name, expected, text) => {
        if (this.files.get(name) !== expected) return false;
        this.files.set(name, text);
        this.changed();
        return true;
      },
      remove: async (name) => {
        if (this.files.delete(name)) this.changed();
      },
      watch: (onChange) => {
        this.watchers.add(onChange);
        return { dispose: () => this.watchers.delete(onChange) };
      },
    };
  }

  names(prefix: string): string[] {
    return [...this.files.keys()].filter((name) => name.startsWith(prefix)).sort();
  }

  private changed(): void {
    if (this.watching) this.watchers.forEach((watcher) => watcher());
  }
}
