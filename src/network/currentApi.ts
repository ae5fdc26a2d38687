import type { CloudApi } from '../cloud/cloudApi';
import { notSignedInError } from '../cloud/cloudError';
import { forwardingCloudApi } from '../cloud/forwardingCloudApi';

/**
 * A CloudApi that sends each call to the client of the profile active at that moment: the wizard and the tracker
 * hold on to this one object while the profile (and so the client) may change underneath. Calls made before the
 * stored profiles are read (`ready`: right after activation, e.g. resuming tasks) wait for them.
 */
export function currentConnectionApi(current: () => CloudApi | undefined, ready: Promise<unknown> = Promise.resolve()): CloudApi {
  const api = async (): Promise<CloudApi> => {
    await ready;
    const active = current();
    if (!active) throw notSignedInError();
    return active;
  };
  return forwardingCloudApi(api);
}
