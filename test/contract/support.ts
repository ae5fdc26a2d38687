/**
 * Shared set-up for the contract tests: the real SDK clients pointed at an in-process emulator over plain HTTP,
 * with an explicit agent so no proxy from the environment is used.
 */
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { LookupFunction } from 'node:net';
import { readFileSync } from 'node:fs';
import { Client as PostgresClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres/v20170312/postgres_client';
import { Client as VpcClient } from 'tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_client';
import TencentCloudSDKHttpException from 'tencentcloud-sdk-nodejs/tencentcloud/common/exception/tencent_cloud_sdk_exception';
import {
  DEMO_SECRET_ID,
  DEMO_SECRET_KEY,
  demoWorldPath,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
  type WorldDefinition,
} from '../emulator';
import { waitForValue } from '../support/waits';

export { PostgresClient, VpcClient, TencentCloudSDKHttpException };

export interface SdkCredential {
  secretId: string;
  secretKey: string;
  token?: string;
}

export const DEMO_CREDENTIAL: SdkCredential = { secretId: DEMO_SECRET_ID, secretKey: DEMO_SECRET_KEY };

export function demoWorld(): WorldDefinition {
  return JSON.parse(readFileSync(demoWorldPath(), 'utf8')) as WorldDefinition;
}

export interface ClientOptions {
  region?: string;
  credential?: SdkCredential;
  /** Seconds, as the SDK counts it. */
  reqTimeout?: number;
  /** Defaults to the emulator's "127.0.0.1:PORT". */
  endpoint?: string;
  agent?: http.Agent;
}

/** One emulator and one agent per test file; both are closed by `close()`. */
export class ContractHarness {
  readonly agent = new http.Agent({ keepAlive: false });

  private constructor(readonly emulator: RunningEmulator) {}

  static async start(options: Partial<EmulatorOptions> = {}): Promise<ContractHarness> {
    const emulator = await startEmulator({ world: demoWorldPath(), ...options });
    return new ContractHarness(emulator);
  }

  get endpoint(): string {
    return `127.0.0.1:${this.emulator.port}`;
  }

  private config(options: ClientOptions): ConstructorParameters<typeof PostgresClient>[0] {
    return {
      credential: options.credential ?? DEMO_CREDENTIAL,
      region: options.region ?? 'ap-guangzhou',
      profile: {
        httpProfile: {
          protocol: 'http://',
          endpoint: options.endpoint ?? this.endpoint,
          reqTimeout: options.reqTimeout ?? 5,
          agent: options.agent ?? this.agent,
        },
      },
    };
  }

  postgres(options: ClientOptions = {}): PostgresClient {
    return new PostgresClient(this.config(options));
  }

  vpc(options: ClientOptions = {}): VpcClient {
    return new VpcClient(this.config(options));
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await this.emulator.stop();
  }
}

/** An agent that resolves every host name to 127.0.0.1, so clients can use the real service host names. */
export function loopbackAgent(): http.Agent {
  const lookup = ((_hostname: string, options: unknown, callback: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (...args: unknown[]) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
    if (all) cb(null, [{ address: '127.0.0.1', family: 4 }]);
    else cb(null, '127.0.0.1', 4);
  }) as LookupFunction;
  return new http.Agent({ keepAlive: false, lookup });
}

/** Awaits a rejection from the SDK with the given API error code, and returns the error. */
export async function expectApiError(call: Promise<unknown>, code: string): Promise<TencentCloudSDKHttpException> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof TencentCloudSDKHttpException, `expected the SDK exception, got ${String(error)}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    assert.match(error.requestId, /^[0-9a-f-]{36}$/, 'an API error carries a RequestId');
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

/** Polls `probe` until it returns a value, at most `timeoutMs` (the shared bounded wait, in this suite's argument order). */
export function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 50, what = 'the condition'): Promise<T> {
  return waitForValue(probe, what, timeoutMs, intervalMs);
}

export interface RawAnswer {
  status: number;
  body: string;
}

/** A hand-built HTTP request, for what the SDK cannot send (malformed headers, other signed headers). */
export function rawRequest(port: number, method: string, path: string, headers: Record<string, string>, body: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent: false, timeout: 5000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('raw request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The `Response.Error.Code` of a raw answer (undefined on success). */
export function errorCodeOf(answer: RawAnswer): string | undefined {
  const parsed = JSON.parse(answer.body) as { Response: { Error?: { Code: string } } };
  return parsed.Response.Error?.Code;
}

/** Lookups by name in a region of the demo world, so tests do not hard-code generated ids. */
export class DemoIndex {
  constructor(
    readonly world: WorldDefinition = demoWorld(),
    readonly regionName = 'ap-guangzhou',
  ) {}

  private get region() {
    const region = this.world.regions.find((r) => r.region === this.regionName);
    if (!region) throw new Error(`no region ${this.regionName} in the demo world`);
    return region;
  }

  primary(name: string) {
    const found = this.region.primaryInstances.find((p) => p.dbInstanceName === name);
    if (!found) throw new Error(`no primary ${name}`);
    return found;
  }

  group(name: string) {
    for (const primary of this.region.primaryInstances) {
      const found = primary.readOnlyGroups.find((g) => g.readOnlyGroupName === name);
      if (found) return { ...found, masterId: primary.dbInstanceId };
    }
    throw new Error(`no RO group ${name}`);
  }

  vpc(name: string) {
    const found = this.region.vpcs.find((v) => v.vpcName === name);
    if (!found) throw new Error(`no VPC ${name}`);
    return found;
  }

  subnet(name: string) {
    for (const vpc of this.region.vpcs) {
      const found = vpc.subnets.find((s) => s.subnetName === name);
      if (found) return { ...found, vpcId: vpc.vpcId };
    }
    throw new Error(`no subnet ${name}`);
  }

  get primaries() {
    return this.region.primaryInstances;
  }
}
