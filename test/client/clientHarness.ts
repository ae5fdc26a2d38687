import type { Credentials, CredentialProvider } from '../../src/cloud/cloudApi';
import { CloudError } from '../../src/cloud/cloudError';
import { createTencentCloudApi, type CloudApiConfig, type DisposableCloudApi } from '../../src/cloud/tencentCloudApi';
import {
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  demoWorldPath,
  loadWorldFile,
  type CredentialDefinition,
  type RunningEmulator,
  type RequestLogEntry,
} from '../emulator';

export { waitFor } from '../contract/support';

import { RecordingLogger } from '../support/recordingLogger';

export { RecordingLogger };

/** A provider whose answer the test can change between calls (key rotation). */
export class SwitchableCredentials implements CredentialProvider {
  reads = 0;
  constructor(public current: Credentials) {}
  async getCredentials(): Promise<Credentials> {
    this.reads++;
    return this.current;
  }
}

export const DEMO_CREDENTIALS: Credentials = { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY };

/** Every key pair of the demo world, secrets included (to check none of them leaks). */
export function demoWorldCredentials(): CredentialDefinition[] {
  return loadWorldFile(demoWorldPath()).credentials;
}

export function makeApi(
  emulator: RunningEmulator,
  overrides: Partial<CloudApiConfig> = {},
): { api: DisposableCloudApi; logger: RecordingLogger; credentials: SwitchableCredentials } {
  const logger = new RecordingLogger();
  const credentials = new SwitchableCredentials(DEMO_CREDENTIALS);
  const api = createTencentCloudApi({
    site: 'intl',
    endpoint: emulator.url,
    credentials,
    logger,
    timeoutMs: 1000,
    retry: { maxAttempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    ...overrides,
  });
  return { api, logger, credentials };
}

/** Awaits a promise that must reject with a CloudError, and returns it. */
export async function cloudErrorOf(promise: Promise<unknown>): Promise<CloudError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CloudError) return error;
    throw new Error(`expected a CloudError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

export function callsOf(emulator: RunningEmulator, action: string): RequestLogEntry[] {
  return emulator.control.requests().filter((entry) => entry.action === action);
}
