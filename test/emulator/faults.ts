/** Faults queued by the tests: each hits the next `remaining` calls of one action (or of any action). */
export type FaultKind = 'apiError' | 'httpError' | 'nonJson' | 'missingResponse' | 'stallBody' | 'dropConnection' | 'delayAnswer';

/**
 * When a write (Create/DeleteReadOnlyGroupNetworkAccess) hit by a fault takes effect, as real clouds keep working
 * after the client has given up: `before` the answer is lost (at once), `{afterMs}` after arrival, or `never`
 * (the request was lost on the way in). Reads have no effect to apply and ignore it.
 */
export type ApplyWrite = 'before' | 'never' | { readonly afterMs: number };

export interface Fault {
  readonly kind: FaultKind;
  /** undefined = any action. */
  readonly action?: string;
  remaining: number;
  /** apiError: the error code and message to answer with. */
  readonly code?: string;
  readonly message?: string;
  /** httpError: the status to answer with. */
  readonly status?: number;
  /** delayAnswer: how long after arrival the answer goes out. */
  readonly ms?: number;
  /** Writes only; undefined = the kind's default (see defaultApplyWrite). */
  readonly applyWrite?: ApplyWrite;
}

/**
 * A lost answer means the write never got in, unless told otherwise; a delayed answer is a slow cloud: the call
 * is carried out when the answer goes out, as with the global latency.
 */
export function effectiveApplyWrite(fault: Fault): ApplyWrite {
  if (fault.applyWrite !== undefined) return fault.applyWrite;
  return fault.kind === 'delayAnswer' ? { afterMs: fault.ms ?? 0 } : 'never';
}

export class FaultQueue {
  private faults: Fault[] = [];

  add(fault: Fault): void {
    this.faults.push(fault);
  }

  /** The first queued fault matching the action, consuming one of its uses. */
  take(action: string | undefined): Fault | undefined {
    const fault = this.faults.find((f) => f.action === undefined || f.action === action);
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }

  list(): readonly Fault[] {
    return this.faults;
  }

  clear(): void {
    this.faults = [];
  }
}
