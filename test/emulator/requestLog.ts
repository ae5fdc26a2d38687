/** What the emulator remembers of each API call (never the signature, key or token). */
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
}

const MAX_ENTRIES = 10_000;

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
  }

  list(): RequestLogEntry[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}
