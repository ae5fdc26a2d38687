import { constants as fsConstants } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Credentials } from '../cloud/cloudApi';
import { checkSecretField, normaliseProfileName } from './profile';

/**
 * tccli keeps one profile per pair of JSON files in ~/.tccli: `<name>.credential` (secretId, secretKey, token,
 * or a role to assume) and `<name>.configure` (`_sys_param.region`, output, per-service endpoints).
 */
export type TccliCredentialParse =
  | { readonly ok: true; readonly credentials: Credentials }
  | { readonly ok: false; readonly reason: 'notJson' | 'missingKeys' | 'invalidKeys' | 'role' };

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
    // tccli stores whatever was typed: checked as a typed sign-in is, so a key with a line break in it is never
    // kept, sent as a header or written whole into a log line.
    if ([secretId, secretKey, token].some((field) => field !== undefined && checkSecretField(field) !== undefined)) {
      return { ok: false, reason: 'invalidKeys' };
    }
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

/** tccli's files are a few hundred bytes; anything far larger is not one of them and is not read. */
export const MAX_TCCLI_FILE_BYTES = 64 * 1024;

export type TccliSkipReason = 'notAFile' | 'tooLarge' | 'unreadable' | 'duplicateName';

/** A `.credential` entry that could not be read as a profile, by its file name. */
export interface TccliSkippedEntry {
  /** The file name in the folder, e.g. "x.credential". */
  readonly entry: string;
  /** The profile name it would have given (trimmed). */
  readonly name: string;
  readonly reason: TccliSkipReason;
  /** For `unreadable`: the system error code (EACCES, ...), when there is one. */
  readonly code?: string;
}

export interface TccliFolder {
  readonly profiles: TccliProfile[];
  readonly skipped: TccliSkippedEntry[];
}

/**
 * Every profile that has a `.credential` file, sorted with "default" first, and the entries that could not be
 * read (a folder, a file too large or without permission, a second file for the same trimmed name): one bad entry
 * never hides the others. A missing folder means none.
 */
export async function readTccliFolder(directory: string = defaultTccliDirectory()): Promise<TccliFolder> {
  let entries: string[];
  try {
    entries = await fs.readdir(directory);
  } catch (error) {
    if (isMissing(error)) return { profiles: [], skipped: [] };
    throw error;
  }
  const candidates = entries
    .filter((entry) => entry.endsWith('.credential'))
    // Trimmed as profile names are everywhere (checkProfileName, sign-in): " prod" and "prod" are one profile.
    .map((entry) => ({ entry, name: normaliseProfileName(entry.slice(0, -'.credential'.length)) }))
    .filter((candidate) => candidate.name.length > 0)
    .sort((a, b) => byProfileName(a.name, b.name) || a.entry.localeCompare(b.entry));

  const skipped: TccliSkippedEntry[] = [];
  const seen = new Set<string>();
  const unique = candidates.filter((candidate) => {
    if (!seen.has(candidate.name)) {
      seen.add(candidate.name);
      return true;
    }
    skipped.push({ ...candidate, reason: 'duplicateName' });
    return false;
  });
  const read = await Promise.all(
    unique.map(async ({ entry, name }): Promise<TccliProfile | TccliSkippedEntry> => {
      const credential = await readSmallFile(path.join(directory, entry));
      if (!credential.ok) return { entry, name, reason: credential.reason, ...(credential.code ? { code: credential.code } : {}) };
      const configure = await readSmallFile(path.join(directory, `${entry.slice(0, -'.credential'.length)}.configure`));
      return {
        name,
        credential: parseTccliCredential(credential.text),
        region: configure.ok ? parseTccliRegion(configure.text) : undefined,
      };
    }),
  );
  const profiles: TccliProfile[] = [];
  for (const item of read) {
    if ('credential' in item) profiles.push(item);
    else skipped.push(item);
  }
  return { profiles, skipped };
}

function byProfileName(a: string, b: string): number {
  return a === b ? 0 : a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b);
}

type SmallFile = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: Exclude<TccliSkipReason, 'duplicateName'>; readonly code?: string };

/** Size checked on the open handle before reading, so a file swapped in between cannot be read past the cap. */
async function readSmallFile(file: string): Promise<SmallFile> {
  let handle: fs.FileHandle | undefined;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever, holding a thread of the
    // pool that every file read of the extension host shares. It is then refused as not a regular file.
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, reason: 'notAFile' };
    if (stat.size > MAX_TCCLI_FILE_BYTES) return { ok: false, reason: 'tooLarge' };
    const buffer = Buffer.alloc(MAX_TCCLI_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_TCCLI_FILE_BYTES) return { ok: false, reason: 'tooLarge' };
    return { ok: true, text: buffer.subarray(0, bytesRead).toString('utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { ok: false, reason: 'notAFile' };
    return { ok: false, reason: 'unreadable', ...(typeof code === 'string' ? { code } : {}) };
  } finally {
    await handle?.close();
  }
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as NodeJS.ErrnoException).code === 'ENOENT';
}
