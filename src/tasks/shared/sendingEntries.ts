import type { SendingRecord, Unknown } from './taskRecords';
import { UNKNOWN } from './taskRecords';

/** A claim met a sending file that cannot be read: refused, and said so (not "another window is sending"). */
export class UnreadableRecord extends Error {
  constructor(readonly fileName: string) {
    super(`${fileName} cannot be read (torn, or written by a newer version): left alone`);
  }
}

/** A sending file as last read: its text (what its liveness is judged by) and what it says. */
export interface SendingEntry {
  readonly text: string;
  readonly record: SendingRecord | Unknown;
}

/** The same locks by the same writes (a renewal changes neither). */
export function sameSending(a: ReadonlyMap<string, SendingEntry>, b: ReadonlyMap<string, SendingEntry>): boolean {
  if (a.size !== b.size) return false;
  const identity = (entry: SendingEntry | undefined): string | undefined =>
    entry && (entry.record === UNKNOWN ? entry.text : `${entry.record.owner} ${entry.record.sentAt}`);
  for (const [groupId, entry] of a) if (identity(b.get(groupId)) !== identity(entry)) return false;
  return true;
}
