import { AsyncLocalStorage } from 'node:async_hooks';
import type { Credentials } from './cloudApi';

/**
 * The credentials of the call in progress. The call pipeline reads the provider once per attempt (so a failure to
 * get credentials is reported as such, not as a network error the SDK would wrap it in) and runs the SDK request
 * inside this context; the SDK's credential object, shared by every cached client, reads them back from here.
 */
const current = new AsyncLocalStorage<Credentials>();

export function runWithCredentials<T>(credentials: Credentials, work: () => Promise<T>): Promise<T> {
  return current.run(credentials, work);
}

/** The SDK's DynamicCredential: called by the SDK on every request. */
export const contextCredential = {
  async getCredential(): Promise<{ secretId: string; secretKey: string; token?: string }> {
    const credentials = current.getStore();
    if (!credentials) throw new Error('No credentials in the current call context');
    return credentials.token
      ? { secretId: credentials.secretId, secretKey: credentials.secretKey, token: credentials.token }
      : { secretId: credentials.secretId, secretKey: credentials.secretKey };
  },
};
