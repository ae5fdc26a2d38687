/**
 * A local emulator of the Tencent Cloud API 3.0 (postgres and vpc, 2017-03-12) for tests and demos.
 * The real SDK talks to it over HTTP with real TC3-HMAC-SHA256 signatures.
 */
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { createControl, type EmulatorControl } from './control';
import { EmulatorRuntime } from './runtime';
import { startServer } from './server';
import { loadWorldFile, validateWorld, type WorldDefinition } from './world';

export type { ControlOp, EmulatorControl, WorldSnapshot } from './control';
export type { RequestLogEntry } from './requestLog';
export type { ApplyWrite } from './faults';
export * from './world';

export interface EmulatorOptions {
  /** An object, or a path to a world JSON file. */
  world: WorldDefinition | string;
  /** 0 (default) = a free port; binds 127.0.0.1 only. */
  port?: number;
  /** Added to every API answer. */
  latencyMs?: number;
  clock?: { offsetSeconds?: number; fixedEpochSeconds?: number };
  /** Default true: documented per-action limits -> RequestLimitExceeded. */
  rateLimits?: boolean;
  /**
   * Default 0. DescribeReadOnlyGroups, DescribeDBInstances and DescribeTasks answer from the state as it was this
   * many ms ago; writes still check the present. Per-action lags: the `setListingLag` control operation.
   */
  listingLagMs?: number;
}

export interface RunningEmulator {
  /** "http://127.0.0.1:PORT" */
  readonly url: string;
  readonly port: number;
  /** The same operations as the HTTP control endpoint, in-process. */
  readonly control: EmulatorControl;
  /** Closes the server and all open sockets, clears every timer. */
  stop(): Promise<void>;
}

/** Credentials of the demo world (they open nothing outside the emulator). */
export const DEMO_SECRET_ID = 'AKIDemulatorDemoKey000000000000000000';
export const DEMO_SECRET_KEY = 'emulatorDemoSecretKey0000000000000000';

/** Path of the demo world file, from the sources or next to the compiled code. */
export function demoWorldPath(): string {
  const candidates = [
    path.join(__dirname, 'worlds', 'demo.json'),
    path.resolve(__dirname, '..', '..', '..', 'test', 'emulator', 'worlds', 'demo.json'),
  ];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`demo world not found (looked at ${candidates.join(', ')})`);
  return found;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const world = typeof options.world === 'string' ? loadWorldFile(options.world) : validateWorld(options.world);
  const runtime = new EmulatorRuntime({
    world,
    latencyMs: options.latencyMs ?? 0,
    clock: options.clock ?? {},
    rateLimits: options.rateLimits ?? true,
    listingLagMs: options.listingLagMs ?? 0,
  });
  const server = await startServer(runtime, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    control: createControl(runtime),
    stop: () => server.stop(),
  };
}
