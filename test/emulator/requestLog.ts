/** What the emulator remembers of each API call (never the signature, key or token). */

/**
 * What became of a write (Create/DeleteReadOnlyGroupNetworkAccess), answered or not: a test reads it to check a
 * write was sent once, and whether and when the cloud carried it out.
 */
export interface WriteRecord {
  /** `before`: carried out on arrival (also every write answered normally); `after`: at `dueAt`; `never`. */
  readonly apply: 'before' | 'after' | 'never';
  /** ISO 8601 (host clock): when a late write is due. */
  readonly dueAt?: string;
  /** ISO 8601 (host clock): when the cloud carried it out (or refused it); absent while pending and for `never`. */
  processedAt?: string;
  /** "Success" or the error code the cloud decided on, whether or not the client heard it; "Cancelled" when a reset dropped a pending write. */
  result?: string;
  /** Whether the write took effect (the network was added or removal started). */
  applied: boolean;
  /** The task the write started. */
  taskId?: number;
}

export interface RequestLogEntry {
  /** ISO 8601 (host clock) when the request arrived. */
  readonly time: string;
  readonly action: string;
  readonly version: string;
  readonly region: string;
  readonly secretId: string;
  /** "Success", the API error code answered, or the injected fault ("Fault.HttpError", "Fault.Stall", ...). */
  readonly outcome: string;
  /** RequestId of the answer ("" when none was sent). */
  readonly requestId: string;
  readonly durationMs: number;
  /** Writes only. Updated in place when a late write is carried out. */
  readonly write?: WriteRecord;
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  /** Copies: a late write updating its record does not change what a caller already holds. */
  list(): RequestLogEntry[] {
    return this.entries.map((entry) => (entry.write ? { ...entry, write: { ...entry.write } } : { ...entry }));
  }

  clear(): void {
    this.entries = [];
  }
}
