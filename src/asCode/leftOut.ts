import type { Translate } from '../domain/translate';
import type { ExportedNetwork, NotExportableReason } from '../export/exportedNetwork';
import { nextTurn } from '../export/chunked';
import { whyNotExportable } from '../export/exportedNetwork';

/** The networks an export can write, and how many of the others were left out for each reason. */
export function splitExportable<T extends Pick<ExportedNetwork, 'network'>>(
  listed: readonly T[],
  leftOut = new Map<NotExportableReason, number>(),
): { exportable: T[]; leftOut: Map<NotExportableReason, number> } {
  const exportable: T[] = [];
  for (const item of listed) {
    const why = whyNotExportable(item.network);
    if (why === undefined) exportable.push(item);
    else leftOut.set(why, (leftOut.get(why) ?? 0) + 1);
  }
  return { exportable, leftOut };
}

/** How many networks splitExportableInTurns checks between two turns of the event loop (about 5 ms of work). */
const SPLIT_SLICE = 2_000;

/**
 * splitExportable for a whole account, giving the event loop back every SPLIT_SLICE networks: checking 14,400
 * networks takes about 40 ms, one stretch of the host that every other extension shares.
 */
export async function splitExportableInTurns<T extends Pick<ExportedNetwork, 'network'>>(
  listed: readonly T[],
  leftOut = new Map<NotExportableReason, number>(),
): Promise<{ exportable: T[]; leftOut: Map<NotExportableReason, number> }> {
  const exportable: T[] = [];
  for (let start = 0; start < listed.length; start += SPLIT_SLICE) {
    if (start > 0) await nextTurn();
    exportable.push(...splitExportable(listed.slice(start, start + SPLIT_SLICE), leftOut).exportable);
  }
  return { exportable, leftOut };
}

export function leftOutText(leftOut: ReadonlyMap<NotExportableReason, number>, t: Translate): string {
  const reasons = [...leftOut].map(([reason, count]) => {
    switch (reason) {
      case 'notVpc':
        return t('{0} not in a VPC', count);
      case 'noIpv4Vip':
        return t('{0} without an IPv4 VIP', count);
      case 'noPort':
        return t('{0} without a port', count);
    }
  });
  const total = [...leftOut.values()].reduce((sum, count) => sum + count, 0);
  return t('{0} networks were left out, as they cannot be recreated: {1}.', total, reasons.join(', '));
}
