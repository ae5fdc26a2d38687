import type { CloudApi } from './cloudApi';
import type { CloudError } from './cloudError';
import type { DisposableCloudApi } from './tencentCloudApi';

/**
 * A CloudApi whose every call goes to the client `resolve` gives at that moment: the one place that lists the
 * calls, for the clients that are built late (the SDK loaded on first use) or change (the active profile's).
 */
export function forwardingCloudApi(resolve: () => Promise<CloudApi>): CloudApi {
  return {
    listRegions: async (...args) => (await resolve()).listRegions(...args),
    listPrimaryInstances: async (...args) => (await resolve()).listPrimaryInstances(...args),
    listReadOnlyGroups: async (...args) => (await resolve()).listReadOnlyGroups(...args),
    getPrimaryInstance: async (...args) => (await resolve()).getPrimaryInstance(...args),
    getReadOnlyGroup: async (...args) => (await resolve()).getReadOnlyGroup(...args),
    listReadOnlyGroupSecurityGroups: async (...args) => (await resolve()).listReadOnlyGroupSecurityGroups(...args),
    listVpcs: async (...args) => (await resolve()).listVpcs(...args),
    listSubnets: async (...args) => (await resolve()).listSubnets(...args),
    findUsedIps: async (...args) => (await resolve()).findUsedIps(...args),
    createNetwork: async (...args) => (await resolve()).createNetwork(...args),
    deleteNetwork: async (...args) => (await resolve()).deleteNetwork(...args),
    createInstanceNetwork: async (...args) => (await resolve()).createInstanceNetwork(...args),
    deleteInstanceNetwork: async (...args) => (await resolve()).deleteInstanceNetwork(...args),
    describeTask: async (...args) => (await resolve()).describeTask(...args),
    listTasks: async (...args) => (await resolve()).listTasks(...args),
  };
}

/** A client whose every call fails with `error` before anything is sent: settings that must not reach the cloud. */
export function refusingCloudApi(error: CloudError): DisposableCloudApi {
  return { ...forwardingCloudApi(() => Promise.reject(error)), dispose: () => undefined };
}
