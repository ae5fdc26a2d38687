import type { Translate } from '../domain/translate';
import type { ExportedNetwork, NotExportableReason } from '../export/exportedNetwork';
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
