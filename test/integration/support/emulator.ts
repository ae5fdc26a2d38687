// The emulator the harness started, from inside the extension host: its control endpoint, request log and world.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ControlOp, RequestLogEntry, WorldSnapshot } from '../../emulator';

export type { ControlOp, RequestLogEntry, WorldSnapshot };

export function emulatorUrl(): string {
  const url = process.env.TENCENTDB_PG_EMULATOR_URL;
  assert.ok(url, 'TENCENTDB_PG_EMULATOR_URL is not set: run these tests through the harness');
  return url;
}

export async function control(op: ControlOp): Promise<void> {
  const response = await fetch(`${emulatorUrl()}/__emulator/control`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(op),
    signal: AbortSignal.timeout(5000),
  });
  assert.equal(response.status, 200, `control ${JSON.stringify(op)}: ${await response.text()}`);
}

/** The emulator's request log as raw text (for scanning) and parsed. */
export async function requestLog(): Promise<{ text: string; entries: RequestLogEntry[] }> {
  const text = await (await fetch(`${emulatorUrl()}/__emulator/requests`, { signal: AbortSignal.timeout(5000) })).text();
  return { text, entries: JSON.parse(text) as RequestLogEntry[] };
}

export async function requestsOf(action: string): Promise<RequestLogEntry[]> {
  return (await requestLog()).entries.filter((entry) => entry.action === action);
}

export async function world(): Promise<WorldSnapshot> {
  const response = await fetch(`${emulatorUrl()}/__emulator/world`, { signal: AbortSignal.timeout(5000) });
  assert.equal(response.status, 200);
  return (await response.json()) as WorldSnapshot;
}

export type WorldGroup = WorldSnapshot['regions'][number]['primaryInstances'][number]['readOnlyGroups'][number];

export async function worldGroup(groupId: string): Promise<WorldGroup> {
  for (const region of (await world()).regions) {
    for (const primary of region.primaryInstances) {
      const group = primary.readOnlyGroups.find((candidate) => candidate.readOnlyGroupId === groupId);
      if (group) return group;
    }
  }
  assert.fail(`no group ${groupId} in the emulator's world`);
}

export interface KeyPair { secretId: string; secretKey: string; token?: string; expiresAt?: string }

/**
 * A second, valid key of the running world: the snapshot lists secret ids only, so the key comes from the world
 * file in the repository that holds the same ids.
 */
export async function secondKey(extensionPath: string, environmentSecretId: string): Promise<KeyPair> {
  const served = new Set((await world()).credentials.map((credential) => credential.secretId));
  const worldsDir = path.join(extensionPath, 'test', 'emulator', 'worlds');
  for (const file of fs.readdirSync(worldsDir).filter((name) => name.endsWith('.json'))) {
    const definition = JSON.parse(fs.readFileSync(path.join(worldsDir, file), 'utf8')) as { credentials?: KeyPair[] };
    const keys = definition.credentials ?? [];
    if (keys.length === 0 || !keys.every((key) => served.has(key.secretId))) continue;
    const other = keys.find(
      (key) => key.secretId !== environmentSecretId && (key.expiresAt === undefined || Date.parse(key.expiresAt) > Date.now()),
    );
    if (other) return other;
  }
  assert.fail('the running world has no second valid key pair to switch to');
}

/** A fault operation of the emulator before it is aimed at an action: `{ op: 'httpError', status: 503 }`. */
export type UntargetedFault = Extract<ControlOp, { action?: string }> extends infer Op ? (Op extends unknown ? Omit<Op, 'action' | 'count'> : never) : never;

/** Queues a fault for the next `count` calls of `action`. */
export function injectFault(fault: UntargetedFault, action: string, count = 1): Promise<void> {
  return control({ ...fault, action, count } as ControlOp);
}
