import { isLoopbackHost } from '../cloud/endpointOverride';

/** A loopback endpoint can only be a local emulator: the networks it lists are made up. */
export function isLoopbackEndpoint(endpoint: string | undefined): boolean {
  if (endpoint === undefined || endpoint === '') return false;
  try {
    return isLoopbackHost(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}
