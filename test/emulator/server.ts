/**
 * The HTTP face of the emulator: API 3.0 calls on `POST /`, the control endpoints under `/__emulator/`, and the
 * injected transport faults. Owns every socket and timer it creates so stopping leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { resolveAction } from './actions/router';
import { ApiError } from './apiError';
import { authenticate } from './auth';
import { ControlError, applyControlOp, emulatorStatus, worldSnapshot } from './control';
import type { Fault } from './faults';
import { validateParams } from './params';
import type { EmulatorRuntime } from './runtime';
import { parseAuthorization } from './signature';

const MAX_BODY_BYTES = 1024 * 1024;
const CONTROL_PREFIX = '/__emulator/';

export interface EmulatorServer {
  readonly port: number;
  stop(): Promise<void>;
}

interface ApiOutcome {
  readonly outcome: string;
  readonly requestId: string;
  readonly secretId: string;
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
        const headers = lowerCaseHeaders(req);
        const result = handleApi(runtime, req, res, headers, body);
        runtime.log.add({
          time: arrivedAt.toISOString(),
          action: headers['x-tc-action'] ?? '',
          version: headers['x-tc-version'] ?? '',
          region: headers['x-tc-region'] ?? '',
          secretId: result.secretId,
          outcome: result.outcome,
          requestId: result.requestId,
          durationMs: Math.round(performance.now() - startedMs),
        });
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

function handleApi(
  runtime: EmulatorRuntime,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string | undefined>,
  body: Buffer,
): ApiOutcome {
  const requestId = randomUUID();
  const claimedSecretId = parseAuthorization(headers['authorization'])?.secretId ?? '';
  const fault = runtime.faults.take(headers['x-tc-action']);
  if (fault) return { ...injectFault(fault, req, res, requestId), secretId: claimedSecretId };

  let secretId = claimedSecretId;
  try {
    const model = runtime.model;
    model.advance();
    if (req.method !== 'POST') throw new ApiError('UnsupportedProtocol', 'Only POST requests with a JSON body are supported.');
    const auth = authenticate({ method: req.method, url: req.url ?? '/', headers, body }, (id) => model.credential(id), runtime.clock.nowSeconds());
    secretId = auth.secretId;
    const action = resolveAction(auth.service, headers['x-tc-action'], headers['x-tc-version']);

    const regionName = headers['x-tc-region'];
    let region = undefined;
    if (action.regional || (regionName !== undefined && regionName !== '')) {
      if (regionName === undefined || regionName === '') throw new ApiError('MissingParameter', 'The request is missing a required parameter `Region`.');
      region = model.region(regionName);
      const refused = region ? !region.supported : !action.anyRegion;
      if (refused) throw new ApiError('UnsupportedRegion', `The action does not support the region \`${regionName}\`.`);
    }

    const limit = action.rateLimitPerSecond;
    if (runtime.rateLimits && limit !== undefined && !runtime.rateLimiter.tryAcquire(`${secretId}|${action.name}`, limit)) {
      throw new ApiError(
        'RequestLimitExceeded',
        `Your current request times exceeds the frequency limit \`${limit}\` for a second of ${action.name}. Please reduce the frequency of calls.`,
      );
    }

    if (!(headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
      throw new ApiError('InvalidParameter', 'The request body must be sent as application/json.');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
    } catch {
      throw new ApiError('InvalidParameter', 'The request body is not valid JSON.');
    }
    const result = action.handle({ model, region }, validateParams(parsed, action.params));
    sendJson(res, 200, { Response: { ...result, RequestId: requestId } });
    return { outcome: 'Success', requestId, secretId };
  } catch (error) {
    const apiError =
      error instanceof ApiError ? error : new ApiError('InternalError', 'An internal error occurred. Please try again later.');
    if (!(error instanceof ApiError)) process.stderr.write(`emulator: internal error: ${(error as Error).stack ?? String(error)}\n`);
    sendJson(res, 200, { Response: { Error: { Code: apiError.code, Message: apiError.message }, RequestId: requestId } });
    return { outcome: apiError.code, requestId, secretId };
  }
}

function injectFault(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse, requestId: string): { outcome: string; requestId: string } {
  switch (fault.kind) {
    case 'apiError': {
      const code = fault.code ?? 'InternalError';
      sendJson(res, 200, { Response: { Error: { Code: code, Message: fault.message ?? `Injected ${code}.` }, RequestId: requestId } });
      return { outcome: code, requestId };
    }
    case 'httpError': {
      const status = fault.status ?? 503;
      // A JSON error body the SDK must ignore: on a non-200 it reports only the status.
      sendJson(res, status, { Response: { Error: { Code: 'InternalError', Message: 'Injected HTTP error.' }, RequestId: requestId } });
      return { outcome: `Fault.HttpError.${status}`, requestId };
    }
    case 'nonJson': {
      const html = '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>';
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(html) });
      res.end(html);
      return { outcome: 'Fault.NonJson', requestId: '' };
    }
    case 'missingResponse':
      sendJson(res, 200, { RequestId: requestId, Data: null });
      return { outcome: 'Fault.MissingResponse', requestId };
    case 'stallBody':
      // Headers and the start of the body go out; the rest never does, until the client or stop() closes the socket.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`{"Response":{"RequestId":"${requestId}",`);
      return { outcome: 'Fault.Stall', requestId };
    case 'dropConnection':
      req.socket.destroy();
      return { outcome: 'Fault.DropConnection', requestId: '' };
  }
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
