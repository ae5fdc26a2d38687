import { isCloudError } from '../cloud/cloudError';

/** A one-line description for the log: code, request id and region, never the request itself. */
export function describeForLog(error: unknown): string {
  if (isCloudError(error)) {
    const parts = [`${error.kind} ${error.code}: ${error.message}`];
    if (error.action) parts.push(`action=${error.action}`);
    if (error.region) parts.push(`region=${error.region}`);
    if (error.requestId) parts.push(`requestId=${error.requestId}`);
    return parts.join(' ');
  }
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}
