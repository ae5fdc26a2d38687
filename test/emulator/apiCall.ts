/**
 * One API call in two stages, as a real cloud has them: the gateway (signature, action, region, rate limit, body
 * and parameter checks) on arrival, then the action itself, which for a late write may run long after.
 */
import type * as http from 'node:http';
import { resolveAction } from './actions/router';
import type { ActionDefinition } from './actions/action';
import { ApiError } from './apiError';
import { authenticate } from './auth';
import { validateParams, type Params } from './params';
import type { EmulatorRuntime } from './runtime';

export type Headers = Record<string, string | undefined>;

/** A call the gateway let through. */
export interface AdmittedCall {
  readonly action: ActionDefinition;
  readonly regionName: string | undefined;
  readonly params: Params;
  readonly secretId: string;
}

/** What the cloud decided: the fields of a success, or an API error. */
export type CallResult =
  | { readonly ok: true; readonly fields: Record<string, unknown> }
  | { readonly ok: false; readonly error: ApiError };

export function admit(runtime: EmulatorRuntime, req: http.IncomingMessage, headers: Headers, body: Buffer): AdmittedCall {
  const model = runtime.model;
  if (req.method !== 'POST') throw new ApiError('UnsupportedProtocol', 'Only POST requests with a JSON body are supported.');
  const auth = authenticate({ method: req.method, url: req.url ?? '/', headers, body }, (id) => model.credential(id), runtime.clock.nowSeconds());
  const secretId = auth.secretId;
  const action = resolveAction(auth.service, headers['x-tc-action'], headers['x-tc-version']);

  const regionName = headers['x-tc-region'];
  if (action.regional || (regionName !== undefined && regionName !== '')) {
    if (regionName === undefined || regionName === '') throw new ApiError('MissingParameter', 'The request is missing a required parameter `Region`.');
    const region = model.region(regionName);
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
  return { action, regionName: regionName || undefined, params: validateParams(parsed, action.params), secretId };
}

/**
 * Runs an admitted call. Writes check and change the live state; a lagged listing reads the state as it was.
 * Never throws: an unexpected failure is an InternalError (and reported on stderr).
 */
export function execute(runtime: EmulatorRuntime, call: AdmittedCall): CallResult {
  try {
    const model = runtime.modelFor(call.action.name);
    const region = call.regionName === undefined ? undefined : model.region(call.regionName);
    const fields = call.action.handle({ model, region }, call.params);
    if (call.action.writes) runtime.recordChange();
    return { ok: true, fields };
  } catch (error) {
    return { ok: false, error: asApiError(error) };
  }
}

/** Gateway and action at once, as for a call that meets no fault. */
export function admitAndExecute(
  runtime: EmulatorRuntime,
  req: http.IncomingMessage,
  headers: Headers,
  body: Buffer,
): { result: CallResult; call?: AdmittedCall } {
  let call: AdmittedCall;
  try {
    call = admit(runtime, req, headers, body);
  } catch (error) {
    return { result: { ok: false, error: asApiError(error) } };
  }
  return { result: execute(runtime, call), call };
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  process.stderr.write(`emulator: internal error: ${(error as Error).stack ?? String(error)}\n`);
  return new ApiError('InternalError', 'An internal error occurred. Please try again later.');
}

/** The HTTP 200 body of a result. */
export function responseBody(result: CallResult, requestId: string): unknown {
  return result.ok
    ? { Response: { ...result.fields, RequestId: requestId } }
    : { Response: { Error: { Code: result.error.code, Message: result.error.message }, RequestId: requestId } };
}

export function outcomeOf(result: CallResult): string {
  return result.ok ? 'Success' : result.error.code;
}

/** The task a write started (its answer's TaskId). */
export function taskIdOf(result: CallResult): number | undefined {
  const taskId = result.ok ? result.fields['TaskId'] : undefined;
  return typeof taskId === 'number' ? taskId : undefined;
}
