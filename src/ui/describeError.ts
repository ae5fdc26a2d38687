import * as vscode from 'vscode';
import { isCloudError } from '../cloud/cloudError';
import type { CloudError } from '../cloud/cloudError';

/**
 * One sentence (or two) a person can act on, for any failure of a cloud call.
 * Specific codes first, then the error's kind; the API's own code is appended so a support ticket can quote it.
 * Never branches on the API's message text (it changes with the language and over time).
 */
export function describeCloudError(error: unknown): string {
  if (!isCloudError(error)) {
    return error instanceof Error && error.message ? error.message : vscode.l10n.t('An unexpected error occurred.');
  }
  const specific = describeByCode(error);
  if (specific !== undefined) {
    return withCode(specific, error);
  }
  return withCode(describeByKind(error), error);
}

function describeByCode(error: CloudError): string | undefined {
  const code = error.code;
  switch (code) {
    case 'AuthFailure.SignatureExpire':
      return vscode.l10n.t(
        "Tencent Cloud rejected the request because this computer's clock differs from the server's by more than 5 minutes. Fix your system clock (turn on automatic time synchronisation) and try again.",
      );
    case 'AuthFailure.SecretIdNotFound':
    case 'AuthFailure.InvalidSecretId':
      return vscode.l10n.t(
        'Tencent Cloud does not know this SecretId: the key may have been deleted or disabled, or belongs to the other site (international or China). Check it under CAM > API Keys, or sign in again with a valid key.',
      );
    case 'AuthFailure.SignatureFailure':
      return vscode.l10n.t(
        'The SecretKey does not match the SecretId (the signature is wrong). Sign in again and paste the SecretKey that belongs to this SecretId.',
      );
    case 'AuthFailure.TokenFailure':
      return vscode.l10n.t(
        'The session token is invalid or has expired. Get new temporary credentials and sign in again.',
      );
    case 'AuthFailure.InvalidAuthorization':
      return vscode.l10n.t(
        'Tencent Cloud could not read the request signature. Sign in again; if it persists, check that no proxy rewrites the requests.',
      );
    case 'AuthFailure.MFAFailure':
      return vscode.l10n.t('This key requires multi-factor authentication, which API calls cannot provide. Use a key without an MFA requirement.');
    case 'AuthFailure.UnauthorizedOperation':
    case 'UnauthorizedOperation':
    case 'OperationDenied.CamDeniedError':
    case 'FailedOperation.CamSigAndAuthError':
    case 'FailedOperation.CamAuthFailed':
      return error.action
        ? vscode.l10n.t(
            'This key is not allowed to call {0}. Ask your administrator to grant the permission in CAM (for example the QcloudPostgreSQLFullAccess and QcloudVPCReadOnlyAccess policies).',
            error.action,
          )
        : vscode.l10n.t(
            'This key is not allowed to perform this operation. Ask your administrator to grant the permission in CAM (for example the QcloudPostgreSQLFullAccess and QcloudVPCReadOnlyAccess policies).',
          );
    case 'IpNotInWhitelist':
    case 'IpInBlacklist':
      return vscode.l10n.t("Tencent Cloud refused calls from this computer's IP address for this key. Check the key's IP allow list in CAM.");
    case 'UnsupportedRegion':
      return error.region
        ? vscode.l10n.t('TencentDB for PostgreSQL is not available in region {0} on this site. Remove it with "Select Regions".', error.region)
        : vscode.l10n.t('TencentDB for PostgreSQL is not available in this region on this site. Remove it with "Select Regions".');
    case 'ServiceUnavailable':
      return vscode.l10n.t('Tencent Cloud is temporarily unavailable. Try again in a few minutes.');
  }
  if (code.startsWith('InternalError')) {
    return vscode.l10n.t('Tencent Cloud had an internal error. Try again in a moment; if it persists, contact Tencent Cloud support with the request ID.');
  }
  if (code.startsWith('ResourceNotFound')) {
    return vscode.l10n.t('The resource no longer exists. Refresh the tree.');
  }
  return undefined;
}

function describeByKind(error: CloudError): string {
  switch (error.kind) {
    case 'auth':
      return vscode.l10n.t('Tencent Cloud did not accept the credentials. Sign in again with a valid SecretId and SecretKey.');
    case 'throttled':
      return vscode.l10n.t('Tencent Cloud is limiting the request rate for this account. Wait a few seconds and try again.');
    case 'timeout':
      return vscode.l10n.t(
        'Tencent Cloud did not answer in time. Check your network connection, or raise the "tencentdbPostgres.requestTimeoutSeconds" setting.',
      );
    case 'network':
      return vscode.l10n.t(
        'Cannot reach Tencent Cloud: {0}. Check your network connection, proxy and firewall.',
        error.message,
      );
    case 'http':
      return error.httpStatus !== undefined
        ? vscode.l10n.t('Tencent Cloud answered with HTTP status {0}. Try again later; a proxy may be in the way.', error.httpStatus)
        : vscode.l10n.t('Tencent Cloud answered with an HTTP error. Try again later; a proxy may be in the way.');
    case 'invalidResponse':
      return vscode.l10n.t('The answer from Tencent Cloud could not be read. Try again; a proxy may be rewriting the responses.');
    case 'cancelled':
      return vscode.l10n.t('The request was cancelled.');
    case 'config':
      return error.message;
    case 'api':
      return error.message
        ? vscode.l10n.t('Tencent Cloud refused the request: {0}', error.message)
        : vscode.l10n.t('Tencent Cloud refused the request.');
  }
}

/** Appends the API's code, when there is one worth quoting. */
function withCode(text: string, error: CloudError): string {
  if (!error.code || error.kind === 'cancelled') {
    return text;
  }
  return `${text} (${error.code})`;
}
