import type { BoundSecurityGroups } from '../export/terraformGroup';
import { describeForLog } from '../ui/describeForLog';
import type { SecurityGroupsOf } from './ports';

/** How many groups' security groups are read at once: the cloud client paces them to the documented limit anyway. */
const CONCURRENT_READS = 16;

/**
 * The security groups bound to each group, by group id. A read that fails is kept as "unknown" with its reason,
 * never as "none bound": an empty list would make the group's resource plan to unbind them.
 */
export async function readSecurityGroups(
  groups: readonly { readonly region: string; readonly id: string }[],
  securityGroupsOf: SecurityGroupsOf,
  options: { readonly signal: AbortSignal; readonly onProgress?: (done: number) => void },
): Promise<Map<string, BoundSecurityGroups>> {
  const result = new Map<string, BoundSecurityGroups>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < groups.length) {
      options.signal.throwIfAborted();
      const group = groups[next++];
      try {
        result.set(group.id, { kind: 'known', ids: await securityGroupsOf(group, options.signal) });
      } catch (error) {
        options.signal.throwIfAborted();
        result.set(group.id, { kind: 'unknown', reason: describeForLog(error) });
      }
      options.onProgress?.(result.size);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, groups.length) }, worker));
  return result;
}
