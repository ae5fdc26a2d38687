/**
 * Serving a call that meets an injected fault. The client loses (or waits for) the answer, but a write may still
 * be carried out: before the answer is lost, some time after, or never (see ApplyWrite). The request log entry
 * is written on arrival and its `write` record updated when the write is carried out.
 */
import type * as http from 'node:http';
import { isWriteAction } from './actions/router';
import { ApiError } from './apiError';
import { admit, asApiError, execute, outcomeOf, responseBody, taskIdOf, type AdmittedCall, type CallResult, type Headers } from './apiCall';
import { effectiveApplyWrite, type ApplyWrite, type Fault } from './faults';
import type { RequestLogEntry, WriteRecord } from './requestLog';
import type { EmulatorRuntime } from './runtime';

export interface FaultedCall {
  readonly runtime: EmulatorRuntime;
  readonly req: http.IncomingMessage;
  readonly res: http.ServerResponse;
  readonly headers: Headers;
  readonly body: Buffer;
  readonly requestId: string;
  /** The log entry without what the fault decides. */
  readonly entry: Omit<RequestLogEntry, 'outcome' | 'requestId' | 'write'>;
  /** A timer owned by the server (cleared when it stops). */
  later(ms: number, run: () => void): void;
  sendJson(status: number, value: unknown): void;
}

export function serveWithFault(call: FaultedCall, fault: Fault): void {
  const { runtime } = call;
  const isWrite = isWriteAction(call.headers['x-tc-action']);
  // A read has nothing to carry out early or late: only a delayed answer computes it, when it goes out.
  const mode: ApplyWrite = isWrite ? effectiveApplyWrite(fault) : fault.kind === 'delayAnswer' ? { afterMs: fault.ms ?? 0 } : 'never';

  let admitted: AdmittedCall | undefined;
  let refused: ApiError | undefined;
  if (mode !== 'never') {
    try {
      admitted = admit(runtime, call.req, call.headers, call.body);
    } catch (error) {
      refused = asApiError(error);
    }
  }
  const afterMs = typeof mode === 'object' ? mode.afterMs : undefined;
  const write: WriteRecord | undefined = isWrite
    ? {
        apply: mode === 'never' ? 'never' : mode === 'before' ? 'before' : 'after',
        ...(afterMs !== undefined ? { dueAt: new Date(Date.now() + afterMs).toISOString() } : {}),
        applied: false,
      }
    : undefined;

  const carryOut = (): CallResult => {
    const result: CallResult = admitted ? execute(runtime, admitted) : { ok: false, error: refused as ApiError };
    if (write) {
      write.processedAt = new Date().toISOString();
      write.result = outcomeOf(result);
      write.applied = result.ok;
      const taskId = taskIdOf(result);
      if (taskId !== undefined) write.taskId = taskId;
    }
    return result;
  };
  const cancelled = (): void => {
    if (write) write.result = 'Cancelled';
  };
  /** Runs `carryOut` after `ms`: cancellable by a reset for writes, a plain server timer for reads. */
  const carryOutLater = (ms: number, then: (result: CallResult | undefined) => void): void => {
    if (isWrite) {
      runtime.pendingWrites.schedule(ms, () => then(carryOut()), () => {
        cancelled();
        then(undefined);
      });
    } else {
      call.later(ms, () => then(carryOut()));
    }
  };
  const secretId = admitted?.secretId ?? call.entry.secretId;
  const log = (outcome: string, requestId: string): void => {
    runtime.log.add({ ...call.entry, secretId, outcome, requestId, ...(write ? { write } : {}) });
  };

  if (fault.kind === 'delayAnswer') {
    serveDelayed(call, fault.ms ?? 0, refused !== undefined || mode === 'before' ? 0 : afterMs, carryOut, carryOutLater);
    log('Fault.Delay', call.requestId);
    return;
  }
  if (refused !== undefined || mode === 'before') carryOut();
  else if (afterMs !== undefined) carryOutLater(afterMs, () => undefined);
  const answered = injectFault(fault, call);
  log(answered.outcome, answered.requestId);
}

/**
 * The answer goes out `delayMs` after arrival, or when the call is carried out if that is later. A write that is
 * never carried out (or was cancelled by a reset) is answered InternalError.
 */
function serveDelayed(
  call: FaultedCall,
  delayMs: number,
  carryOutAt: number | undefined,
  carryOut: () => CallResult,
  carryOutLater: (ms: number, then: (result: CallResult | undefined) => void) => void,
): void {
  const send = (result: CallResult | undefined): void => {
    if (call.res.destroyed || call.res.headersSent) return;
    const answer = result ?? { ok: false, error: new ApiError('InternalError', 'An internal error occurred. Please try again later.') };
    call.sendJson(200, responseBody(answer, call.requestId));
  };
  if (carryOutAt === undefined) {
    call.later(delayMs, () => send(undefined));
  } else if (carryOutAt === 0) {
    const result = carryOut();
    call.later(delayMs, () => send(result));
  } else if (carryOutAt >= delayMs) {
    carryOutLater(carryOutAt, send);
  } else {
    let result: CallResult | undefined;
    carryOutLater(carryOutAt, (r) => {
      result = r;
    });
    call.later(delayMs, () => send(result));
  }
}

function injectFault(fault: Fault, call: FaultedCall): { outcome: string; requestId: string } {
  const { res, requestId } = call;
  switch (fault.kind) {
    case 'apiError': {
      const code = fault.code ?? 'InternalError';
      call.sendJson(200, { Response: { Error: { Code: code, Message: fault.message ?? `Injected ${code}.` }, RequestId: requestId } });
      return { outcome: code, requestId };
    }
    case 'httpError': {
      const status = fault.status ?? 503;
      // A JSON error body the SDK must ignore: on a non-200 it reports only the status.
      call.sendJson(status, { Response: { Error: { Code: 'InternalError', Message: 'Injected HTTP error.' }, RequestId: requestId } });
      return { outcome: `Fault.HttpError.${status}`, requestId };
    }
    case 'nonJson': {
      const html = '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>';
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) });
      res.end(html);
      return { outcome: 'Fault.NonJson', requestId: '' };
    }
    case 'missingResponse':
      call.sendJson(200, { RequestId: requestId, Data: null });
      return { outcome: 'Fault.MissingResponse', requestId };
    case 'stallBody':
      // Headers and the start of the body go out; the rest never does, until the client or stop() closes the socket.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`{"Response":{"RequestId":"${requestId}",`);
      return { outcome: 'Fault.Stall', requestId };
    case 'dropConnection':
      call.req.socket.destroy();
      return { outcome: 'Fault.DropConnection', requestId: '' };
    case 'delayAnswer':
      throw new Error('a delayed answer is served by serveDelayed');
  }
}
