import type { CloudError } from '../../cloud/cloudError';
import type { Translate } from '../../domain/translate';

/** What a failed create or delete offers the user, besides reading the message. */
export type NetworkErrorAction = 'retry' | 'editChoices' | 'refreshGroup' | 'showLog' | 'copyRequestId' | 'copyCamPolicy';

/** Codes that say the key lacks a CAM permission: the least-privilege policy is what to hand the administrator. */
export const CAM_DENIED_CODES: ReadonlySet<string> = new Set(['OperationDenied.CamDeniedError', 'UnauthorizedOperation', 'AuthFailure.UnauthorizedOperation']);

export type NetworkOperation = 'create' | 'delete';

export interface NetworkErrorReport {
  readonly message: string;
  /** Most helpful first. */
  readonly actions: readonly NetworkErrorAction[];
}

export interface NetworkErrorSubject {
  readonly groupName: string;
  readonly vpcId: string;
  readonly subnetId: string;
}

/** Every code CreateReadOnlyGroupNetworkAccess documents (the tests check each has its own message). */
export const CREATE_NETWORK_ERROR_CODES = [
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

/** The codes DeleteReadOnlyGroupNetworkAccess documents on top of the create ones. */
export const DELETE_NETWORK_ERROR_CODES = [
  ...CREATE_NETWORK_ERROR_CODES,
  'InvalidParameter.VpcNotFoundError',
  'FailedOperation.CamAuthFailed',
] as const;

/**
 * The message and actions for an API error of a create or delete, by code; undefined for codes that are not
 * specific to these actions (authentication, throttling, network...), which the generic description covers.
 */
export function describeNetworkError(
  error: CloudError,
  operation: NetworkOperation,
  subject: NetworkErrorSubject,
  t: Translate,
): NetworkErrorReport | undefined {
  const specific = specificReport(error.code, operation, subject, t);
  if (!specific) return undefined;
  const actions = [...specific.actions, 'showLog' as const];
  if (error.requestId) actions.push('copyRequestId');
  return { message: `${specific.message} (${error.code})`, actions };
}

function specificReport(
  code: string,
  operation: NetworkOperation,
  subject: NetworkErrorSubject,
  t: Translate,
): NetworkErrorReport | undefined {
  const creating = operation === 'create';
  const tryAgain: NetworkErrorAction[] = ['retry'];
  switch (code) {
    case 'AuthFailure':
      return {
        message: creating
          ? t('Tencent Cloud could not authenticate the request to add a network (CAM signature or authentication error). Check that the key is valid and allowed to call CreateReadOnlyGroupNetworkAccess.')
          : t('Tencent Cloud could not authenticate the request to remove the network (CAM signature or authentication error). Check that the key is valid and allowed to call DeleteReadOnlyGroupNetworkAccess.'),
        actions: [],
      };
    case 'FailedOperation.CamSigAndAuthError':
    case 'FailedOperation.CamAuthFailed':
      return {
        message: t('Tencent Cloud could not check the permissions of this key just now. Try again in a moment; if it keeps failing, check the key in CAM.'),
        actions: tryAgain,
      };
    case 'OperationDenied.CamDeniedError':
      return {
        message: creating
          ? t('This key is not allowed to add networks to read-only groups (CreateReadOnlyGroupNetworkAccess). Ask your administrator to grant it in CAM.')
          : t('This key is not allowed to remove networks from read-only groups (DeleteReadOnlyGroupNetworkAccess). Ask your administrator to grant it in CAM.'),
        actions: ['copyCamPolicy'],
      };
    case 'FailedOperation.CreateBasicNetworkDeniedError':
      return {
        message: t('A read-only group cannot use the classic network: choose a VPC and a subnet.'),
        actions: ['editChoices'],
      };
    case 'FailedOperation.DatabaseAccessError':
      return {
        message: t("Tencent Cloud's database management service could not be reached. Try again in a moment."),
        actions: tryAgain,
      };
    case 'FailedOperation.DatabaseAffectedError':
      return {
        message: t("Tencent Cloud's database management service could not record the change. Contact Tencent Cloud support with the request ID."),
        actions: [],
      };
    case 'FailedOperation.FailedOperationError':
      return { message: t('Tencent Cloud could not carry out the operation. Try again in a moment.'), actions: tryAgain };
    case 'FailedOperation.FlowCreateError':
    case 'FlowError':
    case 'InternalError.FlowError':
      return {
        message: creating
          ? t('Tencent Cloud could not start the task that adds the network; nothing was changed. Try again in a moment.')
          : t('Tencent Cloud could not start the task that removes the network; nothing was changed. Try again in a moment.'),
        actions: tryAgain,
      };
    case 'FailedOperation.GetSubnetError':
      return {
        message: t('Tencent Cloud could not read the subnet {0}. Check that it still exists, then try again or choose another subnet.', subject.subnetId),
        actions: creating ? ['retry', 'editChoices'] : tryAgain,
      };
    case 'FailedOperation.GetVpcInfoError':
      return {
        message: t('Tencent Cloud could not read the VPC {0}. Check that it still exists, then try again or choose another VPC.', subject.vpcId),
        actions: creating ? ['retry', 'editChoices'] : tryAgain,
      };
    case 'FailedOperation.NetworkNumLimitError':
      return creating
        ? {
            message: t('The read-only group {0} already has 2 networks, the most it can have. Remove one before adding another.', subject.groupName),
            actions: ['refreshGroup'],
          }
        : {
            message: t('The read-only group {0} must keep at least one network. Add another network before removing this one.', subject.groupName),
            actions: ['refreshGroup'],
          };
    case 'FailedOperation.ROGroupNotFoundError':
      return { message: t('The read-only group {0} no longer exists.', subject.groupName), actions: ['refreshGroup'] };
    case 'OperationDenied.ROGroupStatusError':
      return {
        message: t('The read-only group {0} is busy with another change. Wait until its status is OK, then try again.', subject.groupName),
        actions: ['refreshGroup', 'retry'],
      };
    case 'InternalError.InternalHttpServerError':
      return {
        message: t('Tencent Cloud had an internal error while handling the request. Try again in a moment.'),
        actions: tryAgain,
      };
    case 'InternalError.MarshalError':
      return {
        message: t('Tencent Cloud could not read its own data about this group. Contact Tencent Cloud support with the request ID.'),
        actions: ['refreshGroup'],
      };
    case 'InvalidParameter.VpcNotFoundError':
      return {
        message: t('The VPC {0} of this network no longer exists. Refresh the group to see its networks as they are now.', subject.vpcId),
        actions: ['refreshGroup'],
      };
  }
  return undefined;
}
