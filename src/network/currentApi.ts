import type { CloudApi } from '../cloud/cloudApi';
import { CloudError } from '../cloud/cloudError';

/**
 * A CloudApi that sends each call to the client of the profile active at that moment: the wizard and the tracker
 * hold on to this one object while the profile (and so the client) may change underneath. Calls made before the
 * stored profiles are read (`ready`: right after activation, e.g. resuming tasks) wait for them.
 */
export function currentConnectionApi(current: () => CloudApi | undefined, ready: Promise<unknown> = Promise.resolve()): CloudApi {
  const api = async (): Promise<CloudApi> => {
    await ready;
    const active = current();
    if (!active) {
      throw new CloudError({ kind: 'auth', code: 'ClientError.NotSignedIn', message: 'Not signed in', retryable: false, ambiguous: false });
    }
    return active;
  };
  return {
    listRegions: async (...args) => (await api()).listRegions(...args),
    listPrimaryInstances: async (...args) => (await api()).listPrimaryInstances(...args),
    listReadOnlyGroups: async (...args) => (await api()).listReadOnlyGroups(...args),
    getReadOnlyGroup: async (...args) => (await api()).getReadOnlyGroup(...args),
    listVpcs: async (...args) => (await api()).listVpcs(...args),
    listSubnets: async (...args) => (await api()).listSubnets(...args),
    findUsedIps: async (...args) => (await api()).findUsedIps(...args),
    createNetwork: async (...args) => (await api()).createNetwork(...args),
    deleteNetwork: async (...args) => (await api()).deleteNetwork(...args),
    describeTask: async (...args) => (await api()).describeTask(...args),
    listTasks: async (...args) => (await api()).listTasks(...args),
  };
}
