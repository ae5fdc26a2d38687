import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Credentials } from '../cloud/cloudApi';

/**
 * tccli keeps one profile per pair of JSON files in ~/.tccli: `<name>.credential` (secretId, secretKey, token,
 * or a role to assume) and `<name>.configure` (`_sys_param.region`, output, per-service endpoints).
 */
export type TccliCredentialParse =
  | { readonly ok: true; readonly credentials: Credentials }
  | { readonly ok: false; readonly reason: 'notJson' | 'missingKeys' | 'role' };

export interface TccliProfile {
  readonly name: string;
  readonly credential: TccliCredentialParse;
  /** The default region of the profile, when its .configure names one. */
  readonly region: string | undefined;
}

export function defaultTccliDirectory(): string {
  return path.join(os.homedir(), '.tccli');
}

export function parseTccliCredential(text: string): TccliCredentialParse {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'notJson' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'notJson' };
  }
  const record = value as Record<string, unknown>;
  const secretId = stringField(record, 'secretId');
  const secretKey = stringField(record, 'secretKey');
  if (secretId && secretKey) {
    const token = stringField(record, 'token');
    return { ok: true, credentials: token ? { secretId, secretKey, token } : { secretId, secretKey } };
  }
  // A CVM role or a role ARN needs an STS exchange the extension does not do: say so instead of "missing keys".
  if (record.type === 'cvm-role' || stringField(record, 'role-arn')) {
    return { ok: false, reason: 'role' };
  }
  return { ok: false, reason: 'missingKeys' };
}

export function parseTccliRegion(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const sys = (value as Record<string, unknown>)._sys_param;
    if (typeof sys === 'object' && sys !== null) {
      return stringField(sys as Record<string, unknown>, 'region');
    }
    // Configurations written by old tccli versions keep the region at the top level.
    return stringField(value as Record<string, unknown>, 'region');
  } catch {
    return undefined;
  }
}

/** Every profile that has a `.credential` file, sorted with "default" first. A missing directory means none. */
export async function readTccliProfiles(directory: string = defaultTccliDirectory()): Promise<TccliProfile[]> {
  let entries: string[];
  try {
    entries = await fs.readdir(directory);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const names = entries
    .filter((entry) => entry.endsWith('.credential'))
    .map((entry) => entry.slice(0, -'.credential'.length))
    .filter((name) => name.length > 0)
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  return Promise.all(
    names.map(async (name): Promise<TccliProfile> => {
      const credentialText = await fs.readFile(path.join(directory, `${name}.credential`), 'utf8');
      const configureText = await fs.readFile(path.join(directory, `${name}.configure`), 'utf8').catch(() => undefined);
      return {
        name,
        credential: parseTccliCredential(credentialText),
        region: configureText === undefined ? undefined : parseTccliRegion(configureText),
      };
    }),
  );
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
