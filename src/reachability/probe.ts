import { Socket } from 'node:net';

export type ProbeOutcome = 'reachable' | 'refused' | 'timedOut' | 'unreachable';

export interface ProbeResult {
  readonly outcome: ProbeOutcome;
  /** The system error code behind a failure (ECONNREFUSED, EHOSTUNREACH, ...), when there is one. */
  readonly code?: string;
}

/** Opens a TCP connection; `net.connect` by default, replaceable so tests never leave the machine. */
export type Connector = (host: string, port: number) => Socket;

export interface ProbeOptions {
  /** How long to wait for the connection, at most MAX_PROBE_TIMEOUT_MS (longer values are cut to it). */
  readonly timeoutMs?: number;
  readonly connect?: Connector;
  /** Aborting destroys the socket and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** A check someone waits for in the UI: past 3 s the answer "no" is as good as any. */
export const MAX_PROBE_TIMEOUT_MS = 3000;

const defaultConnector: Connector = (host, port) => new Socket().connect({ host, port });

/** The system's own connect timeout counts as a timeout; every other failure but a refusal means no way there. */
const TIMEOUT_CODES = new Set(['ETIMEDOUT']);
const REFUSED_CODES = new Set(['ECONNREFUSED']);

/** The wait actually used: at least 1 ms, at most MAX_PROBE_TIMEOUT_MS, the maximum when not given. */
export function probeTimeoutMs(requested: number | undefined): number {
  if (requested === undefined || Number.isNaN(requested)) return MAX_PROBE_TIMEOUT_MS;
  return Math.min(MAX_PROBE_TIMEOUT_MS, Math.max(1, requested));
}

/**
 * Tries a TCP connection and closes it at once: no byte is sent. Whatever happens, the socket is destroyed and
 * the timer and abort listener are removed before the promise settles, so nothing is left behind.
 */
export function probeTcp(host: string, port: number, options: ProbeOptions = {}): Promise<ProbeResult> {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return Promise.reject(new RangeError(`Not a TCP port: ${port}`));
  const timeoutMs = probeTimeoutMs(options.timeoutMs);
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortReason(signal));

  return new Promise<ProbeResult>((resolve, reject) => {
    const socket = (options.connect ?? defaultConnector)(host, port);
    const timer = setTimeout(() => finish(() => resolve({ outcome: 'timedOut' })), timeoutMs);
    const onConnect = (): void => finish(() => resolve({ outcome: 'reachable' }));
    const onError = (error: NodeJS.ErrnoException): void => finish(() => resolve(classify(error)));
    const onAbort = (): void => finish(() => reject(abortReason(signal)));
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });

    // Only ever called from an event or the timer, after everything above exists.
    function finish(settle: () => void): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('connect', onConnect);
      socket.removeListener('error', onError);
      // A late error after destroy must not become an uncaught exception.
      socket.on('error', ignore);
      socket.destroy();
      settle();
    }
  });
}

function classify(error: NodeJS.ErrnoException): ProbeResult {
  const code = error.code;
  if (code !== undefined && REFUSED_CODES.has(code)) return { outcome: 'refused', code };
  if (code !== undefined && TIMEOUT_CODES.has(code)) return { outcome: 'timedOut', code };
  return code === undefined ? { outcome: 'unreachable' } : { outcome: 'unreachable', code };
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('The reachability check was cancelled');
}

function ignore(): void {}
