import type { CredentialProvider, Credentials } from './cloudApi';
import type { Logger } from '../domain/logger';
import { CloudError } from './cloudError';
import { runWithCredentials } from './credentialContext';
import { ClientErrorCode, normaliseError } from './errorNormaliser';
import type { Clock } from '../domain/clock';
import { backoffDelayMs, type RetryPolicy } from './retryPolicy';
import { requestIdOf } from './mappers';
import { redactSecrets } from './redact';
import { maskSecretIdsIn } from '../domain/secretIdMask';
import { hostSendPacer, type SendPacer } from './sendPacer';

/** The one SDK method the pipeline uses (public on every SDK client). */
export interface SdkRequester {
  request(action: string, request: unknown, options: { signal?: AbortSignal }): Promise<unknown>;
}

/** What the pipeline needs of the rate limits: one wait per request sent, per account and action. */
export interface RateBudgets {
  /** Resolves with the function to call once the request's answer (or failure) is in. */
  reserve(secretId: string, action: string, signal?: AbortSignal, lane?: string): Promise<() => void>;
}

export interface CallPipelineOptions {
  readonly credentials: CredentialProvider;
  readonly logger: Logger;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** Per-account budgets (the account is known only once the credentials are read). */
  readonly budgets: RateBudgets;
  readonly clock: Clock;
  /** Draw in [0, 1) for backoff jitter. */
  readonly random?: () => number;
  /** Spreads the sends the limits release together over turns of the event loop (default: the host's one). */
  readonly pacer?: SendPacer;
}

export interface CallSpec {
  readonly client: SdkRequester;
  readonly action: string;
  readonly region: string;
  readonly request: unknown;
  /** Writes (Create/Delete) are sent once, whatever happens. */
  readonly isWrite: boolean;
  readonly signal?: AbortSignal;
}

/**
 * One API call: rate limit, credentials, per-request timeout, cancellation, error normalisation, retries for
 * transient failures of reads, and one log line per request sent.
 */
export class CallPipeline {
  private readonly random: () => number;

  constructor(private readonly options: CallPipelineOptions) {
    this.random = options.random ?? Math.random;
  }

  async call(spec: CallSpec): Promise<unknown> {
    const maxAttempts = spec.isWrite ? 1 : this.options.retry.maxAttempts;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(spec, attempt, maxAttempts);
      if (outcome.ok) return outcome.response;
      const error = outcome.error;
      const willRetry = !spec.isWrite && error.retryable && attempt < maxAttempts && !spec.signal?.aborted;
      const delay = willRetry ? backoffDelayMs(this.options.retry, attempt, this.random()) : 0;
      this.logFailure(spec, attempt, maxAttempts, outcome.durationMs, error, willRetry ? delay : undefined);
      if (!willRetry) throw error;
      await this.sleep(delay, spec);
    }
  }

  private async attempt(
    spec: CallSpec,
    attempt: number,
    maxAttempts: number,
  ): Promise<{ ok: true; response: unknown } | { ok: false; error: CloudError; durationMs: number }> {
    const notSent = (error: CloudError) => ({ ok: false as const, error, durationMs: 0 });
    if (spec.signal?.aborted) return notSent(this.cancelledBeforeSending(spec));
    // Credentials first: the API counts its limits per account, so the budget to wait on depends on the SecretId.
    let credentials: Credentials | undefined;
    try {
      credentials = await this.options.credentials.getCredentials();
    } catch {
      return notSent(this.credentialsUnavailable(spec));
    }
    if (!credentials?.secretId || !credentials.secretKey) return notSent(this.credentialsUnavailable(spec));
    let answered: () => void;
    try {
      // One lane per region: when the budget runs short, regions take turns instead of queueing behind each other.
      // The place is held until the answer is in: only then is it certain that the request has reached the server.
      answered = await this.options.budgets.reserve(credentials.secretId, spec.action, spec.signal, spec.region);
    } catch {
      return notSent(this.cancelledBeforeSending(spec));
    }
    await (this.options.pacer ?? hostSendPacer).turn();
    if (spec.signal?.aborted) {
      answered();
      return notSent(this.cancelledBeforeSending(spec));
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = this.options.clock.setTimer(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeoutMs);
    const forwardAbort = () => controller.abort();
    spec.signal?.addEventListener('abort', forwardAbort, { once: true });
    const started = this.options.clock.monotonic();
    try {
      const response = await runWithCredentials(credentials, () =>
        spec.client.request(spec.action, spec.request, { signal: controller.signal }),
      );
      const durationMs = Math.round(this.options.clock.monotonic() - started);
      this.options.logger.info(`${attemptLabel(spec, attempt, maxAttempts, durationMs)} requestId=${requestIdOf(response) || '-'} ok`);
      return { ok: true, response };
    } catch (cause) {
      const durationMs = Math.round(this.options.clock.monotonic() - started);
      const error = normaliseError(cause, {
        action: spec.action,
        region: spec.region,
        isWrite: spec.isWrite,
        cancelled: spec.signal?.aborted === true && !timedOut,
        timedOut,
        timeoutMs: this.options.timeoutMs,
      });
      return { ok: false, error: withoutSecrets(error, credentials), durationMs };
    } finally {
      answered();
      this.options.clock.clearTimer(timer);
      spec.signal?.removeEventListener('abort', forwardAbort);
    }
  }

  private logFailure(spec: CallSpec, attempt: number, maxAttempts: number, durationMs: number, error: CloudError, retryInMs: number | undefined): void {
    const line =
      `${attemptLabel(spec, attempt, maxAttempts, durationMs)} ` +
      `requestId=${error.requestId ?? '-'} error=${error.code} kind=${error.kind}` +
      `${error.httpStatus !== undefined ? ` http=${error.httpStatus}` : ''}${error.ambiguous ? ' ambiguous' : ''}: ${error.message}` +
      (retryInMs !== undefined ? ` (retrying in ${retryInMs}ms)` : '');
    if (retryInMs !== undefined) this.options.logger.warn(line);
    else if (error.kind === 'cancelled') this.options.logger.info(line);
    else this.options.logger.error(line);
  }

  private cancelledBeforeSending(spec: CallSpec): CloudError {
    return normaliseError(undefined, { action: spec.action, region: spec.region, isWrite: spec.isWrite, cancelled: true, requestStarted: false });
  }

  /** The provider's own error could quote what it read, so it is neither quoted nor kept as the cause. */
  private credentialsUnavailable(spec: CallSpec): CloudError {
    return new CloudError({
      kind: 'auth',
      code: ClientErrorCode.credentialsUnavailable,
      message: 'No usable Tencent Cloud credentials: sign in again or check the selected profile.',
      action: spec.action,
      region: spec.region,
      retryable: false,
      ambiguous: false,
    });
  }

  private sleep(delayMs: number, spec: CallSpec): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.options.clock.clearTimer(handle);
        reject(this.cancelledBeforeSending(spec));
      };
      const handle = this.options.clock.setTimer(() => {
        spec.signal?.removeEventListener('abort', onAbort);
        resolve();
      }, delayMs);
      if (spec.signal?.aborted) onAbort();
      else spec.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** The start of every log line: which request, which attempt, how long it took. */
function attemptLabel(spec: CallSpec, attempt: number, maxAttempts: number, durationMs: number): string {
  return `${spec.action} region=${spec.region || '-'} attempt=${attempt}/${maxAttempts} duration=${durationMs}ms`;
}

/** API messages may echo request details; make sure no secret of this call survives into the error or the log. */
function withoutSecrets(error: CloudError, credentials: Credentials): CloudError {
  const secrets = [credentials.secretKey, credentials.token ?? ''];
  // A header the HTTP layer refused is quoted whole in its error: the Authorization header names the SecretId.
  const message = maskSecretIdsIn(redactSecrets(error.message, secrets));
  if (message === error.message) return error;
  // The original error would still carry the secret: drop it.
  return new CloudError({ ...detailsOf(error), message });
}

function detailsOf(error: CloudError) {
  return {
    kind: error.kind,
    code: error.code,
    message: error.message,
    requestId: error.requestId,
    action: error.action,
    region: error.region,
    httpStatus: error.httpStatus,
    retryable: error.retryable,
    ambiguous: error.ambiguous,
  };
}
