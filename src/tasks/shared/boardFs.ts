/**
 * The few file operations the shared task board needs, on one folder shared by the user's windows. A port, so the
 * board's rules are tested in plain mocha over memory, and the real folder (node:fs) is wired in by the feature.
 */
export interface BoardFs {
  /** The names of the files in the folder (none when it does not exist yet). */
  list(): Promise<string[]>;
  /** The file's text, or undefined when it does not exist. */
  read(name: string): Promise<string | undefined>;
  /** Replaces the file atomically (a temporary file renamed over it): a reader sees the old text or the new. */
  write(name: string, text: string): Promise<void>;
  /** Creates the file only if it does not exist (`wx`): resolves false when another writer has it. */
  create(name: string, text: string): Promise<boolean>;
  /**
   * Replaces the file with `text` only if it still reads `expected`, atomically against every other replacer:
   * of several windows replacing the same stale record, exactly one wins (false for the others, and when the
   * file has changed or gone).
   */
  replace(name: string, expected: string, text: string): Promise<boolean>;
  /** Deletes the file; nothing happens when it is already gone. */
  remove(name: string): Promise<void>;
  /** Calls back when the folder may have changed (best effort: the board rescans on a timer too). */
  watch(onChange: () => void): { dispose(): void };
}
