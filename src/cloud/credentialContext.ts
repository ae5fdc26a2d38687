import type { Credentials } from './cloudApi';

/**
 * The credentials of the request being started. The call pipeline reads the provider once per attempt (so a
 * failure to get credentials is reported as such, not as a network error the SDK would wrap it in) and hands them
 * to the SDK's credential object, shared by every cached client, for the one request it starts.
 *
 * The hand-over is synchronous: the SDK asks its credential object for the keys before its first `await` in
 * `request()` (abstract_client.js: request -> doRequest -> doRequestWithSign3 -> getCredential). This replaces an
 * AsyncLocalStorage, which on Node 20 puts async hooks on every promise of the extension host. Should an SDK
 * update move that read past an `await`, every call fails with the error below, which the client tests catch.
 */
let handedOver: Credentials | undefined;

export function runWithCredentials<T>(credentials: Credentials, work: () => Promise<T>): Promise<T> {
  handedOver = credentials;
  try {
    return work();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  } finally {
    handedOver = undefined;
  }
}

/** The SDK's DynamicCredential: called by the SDK once per request, synchronously within runWithCredentials. */
export const contextCredential = {
  getCredential(): Promise<{ secretId: string; secretKey: string; token?: string }> {
    const credentials = handedOver;
    // One request per hand-over: nothing started later can pick up these keys.
    handedOver = undefined;
    if (!credentials) return Promise.reject(new Error('No credentials handed over for this request'));
    return Promise.resolve(
      credentials.token
        ? { secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.token }
        : { secretId: credentials.secretId, secretKey: credentials.secretKey },
    );
  },
};
