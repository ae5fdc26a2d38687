/**
 * The HTTP face of the emulator: API 3.0 calls on `POST /`, the control endpoints under `/__emulator/`, and the
 * injected transport faults. Owns every socket and timer it creates so stopping leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isWriteAction } from './actions/router';
import { admitAndExecute, outcomeOf, responseBody, taskIdOf } from './apiCall';
import { ControlError, applyControlOp, emulatorStatus, worldSnapshot } from './control';
import { serveWithFault } from './faultedCall';
import type { WriteRecord } from './requestLog';
import type { EmulatorRuntime } from './runtime';
import { parseAuthorization } from './signature';

const MAX_BODY_BYTES = 1024 * 1024;
const CONTROL_PREFIX = '/__emulator/';

export interface EmulatorServer {
  readonly port: number;
  stop(): Promise<void>;
}

export async function startServer(runtime: EmulatorRuntime, port: number): Promise<EmulatorServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;

  const delay = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  const later = (ms: number, run: () => void): void => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };

  const server = http.createServer((req, res) => {
    readBody(req)
      .then(async (body) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path.startsWith(CONTROL_PREFIX)) {
          handleControl(runtime, req, res, path, body);
          return;
        }
        const arrivedAt = new Date();
        const startedMs = performance.now();
        await delay(runtime.latencyMs);
        if (stopped) return;
        serveApi(runtime, req, res, body, arrivedAt, startedMs, later);
      })
      .catch((error: unknown) => {
        if (error instanceof BodyTooLarge) {
          sendJson(res, 200, { Response: { Error: { Code: 'RequestSizeLimitExceeded', Message: 'The request body is too large.' }, RequestId: randomUUID() } });
        } else if (!res.headersSent && !res.destroyed) {
          res.destroy();
        }
      });
  });
  server.on('connection', (socket) => {
    runtime.connectionsAccepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      runtime.pendingWrites.cancelAll();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function lowerCaseHeaders(req: http.IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** One API call: its fault if one is queued for it, else the gateway and the action; then its log entry. */
function serveApi(
  runtime: EmulatorRuntime,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
  arrivedAt: Date,
  startedMs: number,
  later: (ms: number, run: () => void) => void,
): void {
  const headers = lowerCaseHeaders(req);
  const requestId = randomUUID();
  const action = headers['x-tc-action'];
  const entry = {
    time: arrivedAt.toISOString(),
    action: action ?? '',
    version: headers['x-tc-version'] ?? '',
    region: headers['x-tc-region'] ?? '',
    secretId: parseAuthorization(headers['authorization'])?.secretId ?? '',
  };
  const durationMs = (): number => Math.round(performance.now() - startedMs);
  const fault = runtime.faults.take(action);
  if (fault) {
    const faulted = { ...entry, durationMs: durationMs() };
    serveWithFault({ runtime, req, res, headers, body, requestId, entry: faulted, later, sendJson: (status, value) => sendJson(res, status, value) }, fault);
    return;
  }
  const { result, call } = admitAndExecute(runtime, req, headers, body);
  sendJson(res, 200, responseBody(result, requestId));
  const outcome = outcomeOf(result);
  const taskId = taskIdOf(result);
  const write: WriteRecord | undefined = isWriteAction(action)
    ? { apply: 'before', processedAt: new Date().toISOString(), result: outcome, applied: result.ok, ...(taskId !== undefined ? { taskId } : {}) }
    : undefined;
  runtime.log.add({
    ...entry,
    secretId: call?.secretId ?? entry.secretId,
    outcome,
    requestId,
    durationMs: durationMs(),
    ...(write ? { write } : {}),
  });
}

function handleControl(runtime: EmulatorRuntime, req: http.IncomingMessage, res: http.ServerResponse, path: string, body: Buffer): void {
  const route = `${req.method ?? ''} ${path}`;
  try {
    switch (route) {
      case 'POST /__emulator/control': {
        let op: unknown;
        try {
          op = JSON.parse(body.toString('utf8'));
        } catch {
          throw new ControlError('the body is not valid JSON');
        }
        applyControlOp(runtime, op);
        sendJson(res, 200, { ok: true, status: emulatorStatus(runtime) });
        return;
      }
      case 'GET /__emulator/world':
        sendJson(res, 200, worldSnapshot(runtime));
        return;
      case 'GET /__emulator/requests':
        sendJson(res, 200, runtime.log.list());
        return;
      case 'GET /__emulator/status':
        sendJson(res, 200, emulatorStatus(runtime));
        return;
      default:
        sendJson(res, 404, { ok: false, error: `no control endpoint ${route}` });
    }
  } catch (error) {
    if (error instanceof ControlError) sendJson(res, 400, { ok: false, error: error.message });
    else sendJson(res, 500, { ok: false, error: (error as Error).message });
  }
}
