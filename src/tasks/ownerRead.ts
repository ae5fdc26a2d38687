import type { CallOptions, CloudApi } from '../cloud/cloudApi';
import type { NetworkOwner, OwnerRef } from '../domain/networkOwner';
import { primaryInstanceOwner, readOnlyGroupOwner, unreachableOwner } from '../domain/networkOwner';

export type OwnerReadApi = Pick<CloudApi, 'getReadOnlyGroup' | 'getPrimaryInstance'>;

/** Reads an owner of networks back as it is now: undefined when it no longer exists. Rejects as the API does. */
export async function readOwner(api: OwnerReadApi, ref: OwnerRef, options?: CallOptions): Promise<NetworkOwner | undefined> {
  switch (ref.kind) {
    case 'readOnlyGroup': {
      const group = await api.getReadOnlyGroup(ref.region, ref.primaryInstanceId, ref.id, options);
      return group && readOnlyGroupOwner(group);
    }
    case 'primaryInstance': {
      const instance = await api.getPrimaryInstance(ref.region, ref.id, options);
      return instance && primaryInstanceOwner(instance);
    }
    default:
      return unreachableOwner(ref);
  }
}
