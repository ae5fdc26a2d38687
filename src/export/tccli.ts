import type { CreateNetworkRequest } from '../domain/model';
import type { OwnerRef } from '../domain/networkOwner';
import { unreachableOwner } from '../domain/networkOwner';
import { shellQuote } from './shellQuote';

/**
 * The Tencent Cloud CLI call that makes the same CreateReadOnlyGroupNetworkAccess request as the extension.
 *
 * Booleans are written `True` / `False`: tccli releases before late 2025 accept only those two spellings, one
 * release read any non-empty word as true, and current ones accept both cases; the capitalised form means the
 * same thing to all of them.
 */
export const TCCLI_CREATE_NETWORK = ['tccli', 'postgres', 'CreateReadOnlyGroupNetworkAccess'] as const;

/** One `--Name=value` argument: tccli reads it with Python's argparse, which takes a value starting with "-" only in this form. */
export interface TccliOption {
  readonly name: string;
  readonly value: string;
}

/** The options after `tccli postgres CreateReadOnlyGroupNetworkAccess`, in order. */
export function tccliCreateNetworkOptions(request: CreateNetworkRequest): TccliOption[] {
  return createOptions(request.region, { name: 'ReadOnlyGroupId', value: request.groupId }, request);
}

/**
 * The create command for any owner of networks: CreateReadOnlyGroupNetworkAccess with ReadOnlyGroupId, or
 * CreateDBInstanceNetworkAccess with DBInstanceId; the other options are the same for both.
 */
export function tccliAddNetworkCommand(owner: OwnerRef, network: { readonly vpcId: string; readonly subnetId: string; readonly vip?: string }): string {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return tccliCreateNetworkCommand({ region: owner.region, groupId: owner.id, ...network });
    case 'primaryInstance': {
      const options = createOptions(owner.region, { name: 'DBInstanceId', value: owner.id }, network);
      return ['tccli', 'postgres', 'CreateDBInstanceNetworkAccess', ...tccliShellWords(options)].join(' ');
    }
    default:
      return unreachableOwner(owner);
  }
}

function createOptions(region: string, ownerOption: TccliOption, request: { readonly vpcId: string; readonly subnetId: string; readonly vip?: string }): TccliOption[] {
  const options = [{ name: 'region', value: region }, ownerOption, { name: 'VpcId', value: request.vpcId }, { name: 'SubnetId', value: request.subnetId }];
  // No VIP means "assign one automatically", which the API spells IsAssignVip=false.
  if (request.vip === undefined) return [...options, { name: 'IsAssignVip', value: 'False' }];
  return [...options, { name: 'IsAssignVip', value: 'True' }, { name: 'Vip', value: request.vip }];
}

/** @internal The arguments as the program receives them (unquoted): `--Name=value` each; what the tests run a fake tccli with. */
export function tccliCreateNetworkArgs(request: CreateNetworkRequest): string[] {
  return tccliCreateNetworkOptions(request).map(({ name, value }) => `--${name}=${value}`);
}

/** Options as shell words: the fixed `--Name=` as it is, every value quoted. */
export function tccliShellWords(options: readonly TccliOption[]): string[] {
  return options.map(({ name, value }) => `--${name}=${shellQuote(value)}`);
}

/** One command line for a POSIX shell. */
export function tccliCreateNetworkCommand(request: CreateNetworkRequest): string {
  return [...TCCLI_CREATE_NETWORK, ...tccliShellWords(tccliCreateNetworkOptions(request))].join(' ');
}
