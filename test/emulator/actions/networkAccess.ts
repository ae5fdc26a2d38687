/**
 * postgres 2017-03-12: the network create/delete pair, written once for every owner of networks and declared for
 * each: a read-only group (Create/DeleteReadOnlyGroupNetworkAccess) and a primary instance
 * (Create/DeleteDBInstanceNetworkAccess). Both pairs share the gateway, faults, late writes and listing lag (they
 * are `writes`), the VIP rules and the 1..2 network rule; they differ in the owner's parameter, how the owner is
 * found and checked, and a few error codes (see OwnerRules).
 */
import { ApiError } from '../apiError';
import { cidrContains, formatIpv4, isReservedAddress, lowestFreeAddress, parseIpv4 } from '../ipam';
import { ownerNetworks, type OwnerLocation, type SubnetLocation, type TaskKind } from '../model';
import { bool, str, type ParamSchema } from '../params';
import type { NetworkDefinition } from '../world';
import { API_VERSION, regionOf, type ActionContext, type ActionDefinition } from './action';

interface OwnerRules {
  /** The request parameter naming the owner. */
  readonly idParam: 'ReadOnlyGroupId' | 'DBInstanceId';
  readonly createAction: TaskKind;
  readonly deleteAction: TaskKind;
  /** "RO group" / "instance", for messages. */
  readonly noun: string;
  /** Finds the owner and checks it may change now; throws the owner's documented codes. */
  locate(context: ActionContext, id: string): OwnerLocation;
  /** Delete, VPC unknown. */
  readonly deleteVpcUnknown: string;
  /** Delete, subnet not in the VPC; undefined: no check of its own (the network is then simply not found). */
  readonly deleteSubnetUnknown?: string;
}

const GROUP_RULES: OwnerRules = {
  idParam: 'ReadOnlyGroupId',
  createAction: 'CreateReadOnlyGroupNetworkAccess',
  deleteAction: 'DeleteReadOnlyGroupNetworkAccess',
  noun: 'RO group',
  locate(context, id) {
    const location = context.model.findGroup(regionOf(context), id);
    if (!location) throw new ApiError('FailedOperation.ROGroupNotFoundError', `The RO group ${id} does not exist.`);
    if (location.group.status !== 'ok') {
      throw new ApiError('OperationDenied.ROGroupStatusError', `The RO group ${id} is ${location.group.status}; the operation needs status ok.`);
    }
    return location;
  },
  deleteVpcUnknown: 'InvalidParameter.VpcNotFoundError',
  deleteSubnetUnknown: 'FailedOperation.GetSubnetError',
};

const INSTANCE_RULES: OwnerRules = {
  idParam: 'DBInstanceId',
  createAction: 'CreateDBInstanceNetworkAccess',
  deleteAction: 'DeleteDBInstanceNetworkAccess',
  noun: 'instance',
  locate(context, id) {
    const location = context.model.findPrimary(regionOf(context), id);
    if (!location) throw new ApiError('ResourceNotFound.InstanceNotFoundError', `The instance ${id} does not exist.`);
    if (location.primary.status !== 'running') {
      throw new ApiError('OperationDenied.InstanceStatusLimitOpError', `The instance ${id} is ${location.primary.status}; the operation needs status running.`);
    }
    return location;
  },
  // The documented codes of DeleteDBInstanceNetworkAccess name GetVpcInfoError, neither VpcNotFoundError nor GetSubnetError.
  deleteVpcUnknown: 'FailedOperation.GetVpcInfoError',
};

const MAX_NETWORKS = 2;

function chooseVip(context: ActionContext, location: SubnetLocation, requested: string | undefined): string {
  const subnetId = location.subnet.subnetId;
  const used = context.model.usedIps(regionOf(context), location.vpc.vpcId, subnetId);
  if (requested === undefined) {
    const address = lowestFreeAddress(location.cidr, new Set(used.map((u) => u.address)));
    if (address === undefined) throw new ApiError('ResourceInsufficient', `Subnet ${subnetId} has no free IP address.`);
    return formatIpv4(address);
  }
  const address = parseIpv4(requested);
  if (address === undefined) throw new ApiError('InvalidParameterValue', `Vip ${requested} is not a valid IPv4 address.`);
  if (!cidrContains(location.cidr, address)) {
    throw new ApiError('InvalidParameterValue', `Vip ${requested} is outside the CIDR ${location.subnet.cidrBlock} of subnet ${subnetId}.`);
  }
  if (isReservedAddress(location.cidr, address)) {
    throw new ApiError('InvalidParameterValue', `Vip ${requested} is a reserved address of subnet ${subnetId}.`);
  }
  if (used.some((u) => u.address === address)) throw new ApiError('ResourceInUse', `Vip ${requested} is already in use.`);
  return requested;
}

function createAction(rules: OwnerRules): ActionDefinition {
  const params: ParamSchema = {
    [rules.idParam]: { type: 'String', required: true },
    VpcId: { type: 'String', required: true },
    SubnetId: { type: 'String', required: true },
    IsAssignVip: { type: 'Boolean', required: true },
    Vip: { type: 'String' },
  };
  return {
    product: 'postgres',
    name: rules.createAction,
    version: API_VERSION,
    regional: true,
    writes: true,
    rateLimitPerSecond: 100,
    params,
    handle(context, request) {
      const region = regionOf(context);
      const location = rules.locate(context, str(request, rules.idParam) as string);
      if (ownerNetworks(location).length >= MAX_NETWORKS) {
        throw new ApiError('FailedOperation.NetworkNumLimitError', `An ${rules.noun} can have at most ${MAX_NETWORKS} networks.`);
      }
      const vpcId = str(request, 'VpcId') as string;
      const subnetId = str(request, 'SubnetId') as string;
      const vpc = context.model.findVpc(region, vpcId);
      if (!vpc) throw new ApiError('FailedOperation.GetVpcInfoError', `Failed to get the information of VPC ${vpcId}.`);
      const subnet = context.model.findSubnet(vpc, subnetId);
      if (!subnet) throw new ApiError('FailedOperation.GetSubnetError', `Failed to get subnet ${subnetId} of VPC ${vpcId}.`);
      // IsAssignVip false, or true without a Vip, both mean "allocate one".
      const requested = bool(request, 'IsAssignVip') ? str(request, 'Vip') : undefined;
      const ip = chooseVip(context, subnet, requested);
      const network: NetworkDefinition = { vpcId, subnetId, ip, port: location.primary.port ?? 5432, status: 'opening', netType: 'private' };
      const task = context.model.startNetworkTask(rules.createAction, true, location, network);
      return { FlowId: task.taskId, TaskId: task.taskId };
    },
  };
}

function deleteAction(rules: OwnerRules): ActionDefinition {
  const params: ParamSchema = {
    [rules.idParam]: { type: 'String', required: true },
    VpcId: { type: 'String', required: true },
    SubnetId: { type: 'String', required: true },
    Vip: { type: 'String', required: true },
  };
  return {
    product: 'postgres',
    name: rules.deleteAction,
    version: API_VERSION,
    regional: true,
    writes: true,
    rateLimitPerSecond: 100,
    params,
    handle(context, request) {
      const region = regionOf(context);
      const location = rules.locate(context, str(request, rules.idParam) as string);
      const vpcId = str(request, 'VpcId') as string;
      const subnetId = str(request, 'SubnetId') as string;
      const vip = str(request, 'Vip') as string;
      const vpc = context.model.findVpc(region, vpcId);
      if (!vpc) throw new ApiError(rules.deleteVpcUnknown, `VPC ${vpcId} was not found.`);
      if (rules.deleteSubnetUnknown !== undefined && !context.model.findSubnet(vpc, subnetId)) {
        throw new ApiError(rules.deleteSubnetUnknown, `Failed to get subnet ${subnetId} of VPC ${vpcId}.`);
      }
      const networks = ownerNetworks(location);
      const network = networks.find((n) => n.vpcId === vpcId && n.subnetId === subnetId && n.ip === vip);
      if (!network) {
        throw new ApiError('FailedOperation.FailedOperationError', `The ${rules.noun} has no network ${vip} in ${vpcId}/${subnetId}.`);
      }
      if (networks.length <= 1) {
        throw new ApiError('FailedOperation.NetworkNumLimitError', `An ${rules.noun} must keep at least 1 network.`);
      }
      const task = context.model.startNetworkTask(rules.deleteAction, false, location, network);
      return { FlowId: task.taskId, TaskId: task.taskId };
    },
  };
}

export const NETWORK_ACCESS_ACTIONS: readonly ActionDefinition[] = [GROUP_RULES, INSTANCE_RULES].flatMap((rules) => [createAction(rules), deleteAction(rules)]);
