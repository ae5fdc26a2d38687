import type {
  CreateDBInstanceNetworkAccessRequest,
  CreateReadOnlyGroupNetworkAccessRequest,
  DeleteDBInstanceNetworkAccessRequest,
  DeleteReadOnlyGroupNetworkAccessRequest,
} from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_models';
import type { CreateInstanceNetworkRequest, CreateNetworkRequest, DeleteInstanceNetworkRequest, DeleteNetworkRequest } from '../domain/model';

/**
 * The bodies of the two create/delete pairs (postgres 2017-03-12). They differ only in the owner's id field, and
 * both send Vip only when IsAssignVip is true: an automatic address is asked for by leaving it out.
 */
export function createGroupNetworkBody(request: CreateNetworkRequest): CreateReadOnlyGroupNetworkAccessRequest {
  return { ReadOnlyGroupId: request.groupId, ...createFields(request) };
}

export function deleteGroupNetworkBody(request: DeleteNetworkRequest): DeleteReadOnlyGroupNetworkAccessRequest {
  return { ReadOnlyGroupId: request.groupId, VpcId: request.vpcId, SubnetId: request.subnetId, Vip: request.vip };
}

export function createInstanceNetworkBody(request: CreateInstanceNetworkRequest): CreateDBInstanceNetworkAccessRequest {
  return { DBInstanceId: request.instanceId, ...createFields(request) };
}

export function deleteInstanceNetworkBody(request: DeleteInstanceNetworkRequest): DeleteDBInstanceNetworkAccessRequest {
  return { DBInstanceId: request.instanceId, VpcId: request.vpcId, SubnetId: request.subnetId, Vip: request.vip };
}

function createFields(request: { readonly vpcId: string; readonly subnetId: string; readonly vip?: string }): {
  VpcId: string;
  SubnetId: string;
  IsAssignVip: boolean;
  Vip?: string;
} {
  return {
    VpcId: request.vpcId,
    SubnetId: request.subnetId,
    IsAssignVip: request.vip !== undefined,
    ...(request.vip !== undefined ? { Vip: request.vip } : {}),
  };
}
