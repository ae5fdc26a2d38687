import type { Credentials } from '../cloud/cloudApi';
export { maskSecretId } from '../domain/secretIdMask';

/** Where a profile's keys come from. Environment profiles are read-only: the extension never stores or deletes them. */
export type ProfileSource = 'stored' | 'environment';

/** The id of the profile built from TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN. Not a valid stored name. */
export const ENVIRONMENT_PROFILE_ID = '(environment)';

export interface ProfileSummary {
  /** A stored profile's name, or ENVIRONMENT_PROFILE_ID. */
  readonly id: string;
  readonly source: ProfileSource;
  /** The SecretId with its middle hidden, safe to show. */
  readonly secretIdHint: string;
  readonly temporary: boolean;
}

export interface ActiveProfile extends ProfileSummary {
  readonly credentials: Credentials;
}

export const MAX_PROFILE_NAME_LENGTH = 64;

export type ProfileNameProblem = 'empty' | 'tooLong' | 'characters';

/**
 * The one form a profile name is checked, stored and compared in: " prod" typed, imported or read back is "prod".
 */
export function normaliseProfileName(name: string): string {
  return name.trim();
}

/** Letters (any script), digits, dot, dash and underscore: safe as a storage key and unambiguous in a quick pick. */
export function checkProfileName(name: string): ProfileNameProblem | undefined {
  const trimmed = normaliseProfileName(name);
  if (trimmed.length === 0) return 'empty';
  if (trimmed.length > MAX_PROFILE_NAME_LENGTH) return 'tooLong';
  if (!/^[\p{L}\p{N}._-]+$/u.test(trimmed)) return 'characters';
  return undefined;
}

export type SecretFieldProblem = 'empty' | 'whitespace';

/** A SecretId or SecretKey is one token: pasted line breaks or spaces are the usual mistake. */
export function checkSecretField(value: string): SecretFieldProblem | undefined {
  const trimmed = value.trim();
  if (trimmed.length === 0) return 'empty';
  if (/\s/.test(trimmed)) return 'whitespace';
  return undefined;
}

/** The environment's credentials, when both the id and the key are set (a token alone means nothing). */
export function readEnvironmentCredentials(env: NodeJS.ProcessEnv): Credentials | undefined {
  const secretId = env.TENCENTCLOUD_SECRET_ID?.trim();
  const secretKey = env.TENCENTCLOUD_SECRET_KEY?.trim();
  if (!secretId || !secretKey) {
    return undefined;
  }
  const token = env.TENCENTCLOUD_SESSION_TOKEN?.trim();
  return token ? { secretId, secretKey, token } : { secretId, secretKey };
}

/** Stored form of a profile's secrets: one JSON value per profile in SecretStorage. */
export function serializeCredentials(credentials: Credentials): string {
  const { secretId, secretKey, token } = credentials;
  return JSON.stringify(token ? { secretId, secretKey, token } : { secretId, secretKey });
}

export function parseStoredCredentials(text: string | undefined): Credentials | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    if (typeof record.secretId !== 'string' || typeof record.secretKey !== 'string') return undefined;
    const token = typeof record.token === 'string' && record.token !== '' ? record.token : undefined;
    return token ? { secretId: record.secretId, secretKey: record.secretKey, token } : { secretId: record.secretId, secretKey: record.secretKey };
  } catch {
    return undefined;
  }
}
