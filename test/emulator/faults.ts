/** Faults queued by the tests: each hits the next `remaining` calls of one action (or of any action). */
export type FaultKind = 'apiError' | 'httpError' | 'nonJson' | 'missingResponse' | 'stallBody' | 'dropConnection';

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
