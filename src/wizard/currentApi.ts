import type { CloudApi } from '../cloud/cloudApi';
import { CloudError } from '../cloud/cloudError';

/**
 * A CloudApi that sends each call to the client of the profile active at that moment: the wizard and the tracker
 * hold on to this one object while the profile (and so the client) may change underneath.
 */
export function currentConnectionApi(current: () => CloudApi | undefined): CloudApi {
  const api = (): CloudApi => {
    const active = current();
    if (!active) {
      throw new CloudError({ kind: 'auth', code: 'ClientError.NotSignedIn', message: 'Not signed in', retryable: false, ambiguous: false });
    }
    return active;
  };
  return {
    listRegions: async (...args) => api().listRegions(...args),
    listPrimaryInstances: async (...args) => api().listPrimaryInstances(...args),
    listReadOnlyGroups: async (...args) => api().listReadOnlyGroups(...args),
    getReadOnlyGroup: async (...args) => api().getReadOnlyGroup(...args),
    listVpcs: async (...args) => api().listVpcs(...args),
    listSubnets: async (...args) => api().listSubnets(...args),
    findUsedIps: async (...args) => api().findUsedIps(...args),
    createNetwork: async (...args) => api().createNetwork(...args),
    deleteNetwork: async (...args) => api().deleteNetwork(...args),
    describeTask: async (...args) => api().describeTask(...args),
  };
}
