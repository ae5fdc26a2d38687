import type { CreateNetworkRequest } from '../domain/model';
import { shellQuote } from './shellQuote';

/**
 * The Tencent Cloud CLI call that makes the same CreateReadOnlyGroupNetworkAccess request as the extension.
 *
 * Booleans are written `True` / `False`: tccli releases before late 2025 accept only those two spellings, one
 * release read any non-empty word as true, and current ones accept both cases; the capitalised form means the
 * same thing to all of them.
 */
export const TCCLI_CREATE_NETWORK = ['tccli', 'postgres', 'CreateReadOnlyGroupNetworkAccess'] as const;

/** The arguments after `tccli postgres CreateReadOnlyGroupNetworkAccess`, unquoted (as the program receives them). */
export function tccliCreateNetworkArgs(request: CreateNetworkRequest): string[] {
  const args = [
    '--region',
    request.region,
    '--ReadOnlyGroupId',
    request.groupId,
    '--VpcId',
    request.vpcId,
    '--SubnetId',
    request.subnetId,
  ];
  // No VIP means "assign one automatically", which the API spells IsAssignVip=false.
  if (request.vip === undefined) return [...args, '--IsAssignVip', 'False'];
  return [...args, '--IsAssignVip', 'True', '--Vip', request.vip];
}

/** One command line for a POSIX shell: the fixed words as they are, every value quoted. */
export function tccliCreateNetworkCommand(request: CreateNetworkRequest): string {
  const args = tccliCreateNetworkArgs(request);
  // Flags (even positions) are fixed names; only the values that follow them come from the API or the user.
  const words = args.map((arg, index) => (index % 2 === 0 ? arg : shellQuote(arg)));
  return [...TCCLI_CREATE_NETWORK, ...words].join(' ');
}
