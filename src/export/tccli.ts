import type { CreateInstanceNetworkRequest, CreateNetworkRequest } from '../domain/model';
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

/** The same for a primary instance's own network: the request differs only in naming the instance (DBInstanceId). */
export const TCCLI_CREATE_INSTANCE_NETWORK = ['tccli', 'postgres', 'CreateDBInstanceNetworkAccess'] as const;

/** One `--Name=value` argument: tccli reads it with Python's argparse, which takes a value starting with "-" only in this form. */
export interface TccliOption {
  readonly name: string;
  readonly value: string;
}

/** The options after `tccli postgres CreateReadOnlyGroupNetworkAccess`, in order. */
export function tccliCreateNetworkOptions(request: CreateNetworkRequest): TccliOption[] {
  return [{ name: 'region', value: request.region }, { name: 'ReadOnlyGroupId', value: request.groupId }, ...addressOptions(request)];
}

/** The options after `tccli postgres CreateDBInstanceNetworkAccess`, in order. */
export function tccliCreateInstanceNetworkOptions(request: CreateInstanceNetworkRequest): TccliOption[] {
  return [{ name: 'region', value: request.region }, { name: 'DBInstanceId', value: request.instanceId }, ...addressOptions(request)];
}

/** What both create actions take after the owner's id: the VPC, the subnet and the VIP. */
function addressOptions(request: { readonly vpcId: string; readonly subnetId: string; readonly vip?: string }): TccliOption[] {
  const options = [
    { name: 'VpcId', value: request.vpcId },
    { name: 'SubnetId', value: request.subnetId },
  ];
  // No VIP means "assign one automatically", which the API spells IsAssignVip=false.
  if (request.vip === undefined) return [...options, { name: 'IsAssignVip', value: 'False' }];
  return [...options, { name: 'IsAssignVip', value: 'True' }, { name: 'Vip', value: request.vip }];
}

/** @internal The arguments as the program receives them (unquoted): `--Name=value` each; what the tests run a fake tccli with. */
export function tccliCreateNetworkArgs(request: CreateNetworkRequest): string[] {
  return tccliCreateNetworkOptions(request).map(optionArg);
}

function optionArg({ name, value }: TccliOption): string {
  return `--${name}=${value}`;
}

/** Options as shell words: the fixed `--Name=` as it is, every value quoted. */
export function tccliShellWords(options: readonly TccliOption[]): string[] {
  return options.map(({ name, value }) => `--${name}=${shellQuote(value)}`);
}

/** One command line for a POSIX shell. */
export function tccliCreateNetworkCommand(request: CreateNetworkRequest): string {
  return [...TCCLI_CREATE_NETWORK, ...tccliShellWords(tccliCreateNetworkOptions(request))].join(' ');
}

/** @internal The same for a primary's network. */
export function tccliCreateInstanceNetworkArgs(request: CreateInstanceNetworkRequest): string[] {
  return tccliCreateInstanceNetworkOptions(request).map(optionArg);
}

/** One command line for a POSIX shell that creates a primary's network again. */
export function tccliCreateInstanceNetworkCommand(request: CreateInstanceNetworkRequest): string {
  return [...TCCLI_CREATE_INSTANCE_NETWORK, ...tccliShellWords(tccliCreateInstanceNetworkOptions(request))].join(' ');
}

/** The create command for any owner of networks, as the Add Network wizard offers it. */
export function tccliAddNetworkCommand(owner: OwnerRef, network: { readonly vpcId: string; readonly subnetId: string; readonly vip?: string }): string {
  switch (owner.kind) {
    case 'readOnlyGroup':
      return tccliCreateNetworkCommand({ region: owner.region, groupId: owner.id, ...network });
    case 'primaryInstance':
      return tccliCreateInstanceNetworkCommand({ region: owner.region, instanceId: owner.id, ...network });
    default:
      return unreachableOwner(owner);
  }
}
