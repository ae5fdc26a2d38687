import type { CloudError } from '../../cloud/cloudError';
import type { NetworkChangeKind } from '../../domain/changeJudgement';
import type { NetworkOwnerKind } from '../../domain/networkOwner';
import { networkLimitsOf, unreachableOwner } from '../../domain/networkOwner';
import { alreadyFull } from '../../ui/changeAvailability';
import type { Translate } from '../../domain/translate';
import { apiActionOf } from './changeSpec';

/** What a failed change offers the user, besides reading the message. */
export type NetworkErrorAction = 'retry' | 'editChoices' | 'refreshOwner' | 'showLog' | 'copyRequestId' | 'copyCamPolicy';

/** Codes that say the key lacks a CAM permission: the least-privilege policy is what to hand the administrator. */
export const CAM_DENIED_CODES: ReadonlySet<string> = new Set(['OperationDenied.CamDeniedError', 'UnauthorizedOperation', 'AuthFailure.UnauthorizedOperation']);

export interface NetworkErrorReport {
  readonly message: string;
  /** Most helpful first. */
  readonly actions: readonly NetworkErrorAction[];
}

/** What the change was about, for the words. */
export interface NetworkErrorSubject {
  readonly ownerKind: NetworkOwnerKind;
  readonly ownerName: string;
  readonly vpcId: string;
  readonly subnetId: string;
}

/**
 * @internal Every code CreateReadOnlyGroupNetworkAccess documents: the tests check each has its own message below.
 */
export const CREATE_GROUP_NETWORK_ERROR_CODES = [
  'AuthFailure',
  'FailedOperation.CamSigAndAuthError',
  'FailedOperation.CreateBasicNetworkDeniedError',
  'FailedOperation.DatabaseAccessError',
  'FailedOperation.DatabaseAffectedError',
  'FailedOperation.FailedOperationError',
  'FailedOperation.FlowCreateError',
  'FailedOperation.GetSubnetError',
  'FailedOperation.GetVpcInfoError',
  'FailedOperation.NetworkNumLimitError',
  'FailedOperation.ROGroupNotFoundError',
  'FlowError',
  'InternalError.FlowError',
  'InternalError.InternalHttpServerError',
  'InternalError.MarshalError',
  'OperationDenied.CamDeniedError',
  'OperationDenied.ROGroupStatusError',
] as const;

/** @internal The codes DeleteReadOnlyGroupNetworkAccess documents. */
export const DELETE_GROUP_NETWORK_ERROR_CODES = [...CREATE_GROUP_NETWORK_ERROR_CODES, 'InvalidParameter.VpcNotFoundError', 'FailedOperation.CamAuthFailed'] as const;

/** @internal The codes CreateDBInstanceNetworkAccess documents (the SDK's list for the action). */
export const CREATE_INSTANCE_NETWORK_ERROR_CODES = [
  'AuthFailure',
  'FailedOperation.CamSigAndAuthError',
  'FailedOperation.CreateBasicNetworkDeniedError',
  'FailedOperation.DatabaseAccessError',
  'FailedOperation.DatabaseAffectedError',
  'FailedOperation.FailedOperationError',
  'FailedOperation.FlowCreateError',
  'FailedOperation.GetSubnetError',
  'FailedOperation.GetVpcInfoError',
  'FailedOperation.NetworkNumLimitError',
  'FailedOperation.QuerySpecError',
  'FailedOperation.ServerlessNotSupportedError',
  'FlowError',
  'InternalError.MarshalError',
  'InvalidParameter.VpcNotFoundError',
  'OperationDenied.CamDeniedError',
  'OperationDenied.InstanceAccessDeniedError',
  'OperationDenied.InstanceIpv6NotSupportedError',
  'OperationDenied.InstanceStatusLimitOpError',
  'ResourceNotFound.InstanceNotFoundError',
] as const;

/** @internal The codes DeleteDBInstanceNetworkAccess documents. */
export const DELETE_INSTANCE_NETWORK_ERROR_CODES = [
  'AuthFailure',
  'FailedOperation.CamAuthFailed',
  'FailedOperation.CamSigAndAuthError',
  'FailedOperation.DatabaseAccessError',
  'FailedOperation.DatabaseAffectedError',
  'FailedOperation.FailedOperationError',
  'FailedOperation.FlowCreateError',
  'FailedOperation.GetVpcInfoError',
  'FailedOperation.NetworkNumLimitError',
  'FailedOperation.QuerySpecError',
  'FailedOperation.ServerlessNotSupportedError',
  'OperationDenied.CamDeniedError',
  'OperationDenied.InstanceAccessDeniedError',
  'OperationDenied.InstanceStatusLimitOpError',
  'OperationDenied.ROInstanceIpv6NotSupportedError',
  'ResourceNotFound.InstanceNotFoundError',
] as const;

/**
 * The message and actions for an API error of a change, by code: the one place these codes are worded. Undefined
 * for codes that are not specific to these actions (authentication, throttling, network...), which the generic
 * description covers.
 */
export function describeNetworkError(error: CloudError, kind: NetworkChangeKind, subject: NetworkErrorSubject, t: Translate): NetworkErrorReport | undefined {
  const specific = specificReport(error.code, kind, subject, t);
  if (!specific) return undefined;
  const actions = [...specific.actions, 'showLog' as const];
  if (error.requestId) actions.push('copyRequestId');
  return { message: `${specific.message} (${error.code})`, actions };
}

function specificReport(code: string, kind: NetworkChangeKind, subject: NetworkErrorSubject, t: Translate): NetworkErrorReport | undefined {
  // A Record over the kinds, not a two-way test: a new kind of change does not compile until it is worded.
  const byKind = <T>(choices: Record<NetworkChangeKind, T>): T => choices[kind];
  const action = apiActionOf(kind, subject.ownerKind);
  const name = subject.ownerName;
  const tryAgain: NetworkErrorAction[] = ['retry'];
  switch (code) {
    case 'AuthFailure':
      return {
        message: t('Tencent Cloud could not authenticate the request (CAM signature or authentication error). Check that the key is valid and allowed to call {0}.', action),
        actions: [],
      };
    case 'FailedOperation.CamSigAndAuthError':
    case 'FailedOperation.CamAuthFailed':
      return {
        message: t('Tencent Cloud could not check the permissions of this key just now. Try again in a moment; if it keeps failing, check the key in CAM.'),
        actions: tryAgain,
      };
    case 'OperationDenied.CamDeniedError':
      return { message: t('This key is not allowed to call {0}. Ask your administrator to grant it in CAM.', action), actions: ['copyCamPolicy'] };
    case 'OperationDenied.InstanceAccessDeniedError':
      return { message: t('This key may not operate on {0}. Ask your administrator to grant it access to the instance in CAM.', name), actions: ['copyCamPolicy'] };
    case 'FailedOperation.CreateBasicNetworkDeniedError':
      return { message: t('{0} cannot use the classic network: choose a VPC and a subnet.', name), actions: ['editChoices'] };
    case 'FailedOperation.DatabaseAccessError':
      return { message: t("Tencent Cloud's database management service could not be reached. Try again in a moment."), actions: tryAgain };
    case 'FailedOperation.DatabaseAffectedError':
      return {
        message: t("Tencent Cloud's database management service could not record the change. Contact Tencent Cloud support with the request ID."),
        actions: [],
      };
    case 'FailedOperation.FailedOperationError':
      return { message: t('Tencent Cloud could not carry out the operation. Try again in a moment.'), actions: tryAgain };
    case 'FailedOperation.QuerySpecError':
      return { message: t('Tencent Cloud could not read the specification of {0}. Try again in a moment.', name), actions: tryAgain };
    case 'FailedOperation.FlowCreateError':
    case 'FlowError':
    case 'InternalError.FlowError':
      return {
        message: byKind({
          addNetwork: t('Tencent Cloud could not start the task that adds the network; nothing was changed. Try again in a moment.'),
          removeNetwork: t('Tencent Cloud could not start the task that removes the network; nothing was changed. Try again in a moment.'),
        }),
        actions: tryAgain,
      };
    case 'FailedOperation.GetSubnetError':
      return {
        message: t('Tencent Cloud could not read the subnet {0}. Check that it still exists, then try again or choose another subnet.', subject.subnetId),
        actions: byKind<NetworkErrorAction[]>({ addNetwork: ['retry', 'editChoices'], removeNetwork: tryAgain }),
      };
    case 'FailedOperation.GetVpcInfoError':
      return {
        message: t('Tencent Cloud could not read the VPC {0}. Check that it still exists, then try again or choose another VPC.', subject.vpcId),
        actions: byKind<NetworkErrorAction[]>({ addNetwork: ['retry', 'editChoices'], removeNetwork: tryAgain }),
      };
    case 'FailedOperation.NetworkNumLimitError':
      return {
        message: byKind({
          addNetwork: alreadyFull(name, networkLimitsOf(subject.ownerKind).max, t),
          removeNetwork: t('{0} must keep at least one network. Add another network before removing this one.', name),
        }),
        actions: ['refreshOwner'],
      };
    case 'FailedOperation.ServerlessNotSupportedError':
      return { message: t('{0} is a Serverless instance: its networks cannot be changed this way.', name), actions: [] };
    case 'OperationDenied.InstanceIpv6NotSupportedError':
    case 'OperationDenied.ROInstanceIpv6NotSupportedError':
      return { message: t('{0} uses IPv6, which this operation does not support. Change its networks in the Tencent Cloud console.', name), actions: [] };
    case 'FailedOperation.ROGroupNotFoundError':
    case 'ResourceNotFound.InstanceNotFoundError':
      return { message: noLongerExists(subject, t), actions: ['refreshOwner'] };
    case 'OperationDenied.ROGroupStatusError':
      return {
        message: t('The read-only group {0} is busy with another change. Wait until its status is OK, then try again.', name),
        actions: ['refreshOwner', 'retry'],
      };
    case 'OperationDenied.InstanceStatusLimitOpError':
      return {
        message: t('The instance {0} is not running, or is busy with another change. Wait until its status is Running, then try again.', name),
        actions: ['refreshOwner', 'retry'],
      };
    case 'InternalError.InternalHttpServerError':
      return { message: t('Tencent Cloud had an internal error while handling the request. Try again in a moment.'), actions: tryAgain };
    case 'InternalError.MarshalError':
      return {
        message: t('Tencent Cloud could not read its own data about {0}. Contact Tencent Cloud support with the request ID.', name),
        actions: ['refreshOwner'],
      };
    case 'InvalidParameter.VpcNotFoundError':
      return {
        message: t('The VPC {0} no longer exists. Refresh {1} to see its networks as they are now.', subject.vpcId, name),
        actions: ['refreshOwner'],
      };
  }
  return undefined;
}

/** The owner is gone: a group and an instance are named for what they are. */
export function noLongerExists(subject: Pick<NetworkErrorSubject, 'ownerKind' | 'ownerName'>, t: Translate): string {
  switch (subject.ownerKind) {
    case 'readOnlyGroup':
      return t('The read-only group {0} no longer exists.', subject.ownerName);
    case 'primaryInstance':
      return t('The instance {0} no longer exists.', subject.ownerName);
    default:
      return unreachableOwner(subject.ownerKind);
  }
}

/** The label of the action that reads the owner back. */
export function refreshLabel(ownerKind: NetworkOwnerKind, t: Translate): string {
  switch (ownerKind) {
    case 'readOnlyGroup':
      return t('Refresh Group');
    case 'primaryInstance':
      return t('Refresh Instance');
    default:
      return unreachableOwner(ownerKind);
  }
}
