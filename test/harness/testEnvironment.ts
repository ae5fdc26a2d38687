import * as path from 'node:path';
import { loadWorldFile, startEmulator } from '../emulator';
import type { EmulatorOptions, RunningEmulator, WorldDefinition } from '../emulator';
import type { CodeServerOptions, RunningCodeServer } from './codeServer';
import { startCodeServer } from './codeServer';
import { harnessLog } from './log';
import { demoWorldPath } from './paths';
import { onTeardown } from './teardown';

export type { RunningEmulator };

export interface EnvironmentCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly sessionToken?: string;
}

export interface TestEnvironmentOptions {
  /** Names the run's folders, logs and screenshots. */
  readonly name: string;
  /** The emulator's world file; test/emulator/worlds/demo.json when absent. */
  readonly worldFile?: string;
  /**
   * What code-server's environment (and so the extension host) gets as TENCENTCLOUD_SECRET_ID/KEY/
   * SESSION_TOKEN: 'world' = the world file's first key pair, 'none' = nothing (a signed-out user),
   * or explicit values.
   */
  readonly credentials?: 'world' | 'none' | EnvironmentCredentials;
  /** Display language, e.g. "zh-cn". */
  readonly locale?: string;
  /** The packaged extension to install (browser tests use the real .vsix). */
  readonly vsixFiles?: readonly string[];
  /** Needed to run an extension test suite through the workbench URL. */
  readonly smokeTestDriver?: boolean;
  /** Extra user settings (over the harness defaults and the emulator endpoint). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** Extra environment for code-server and the extension host. */
  readonly env?: Readonly<Record<string, string>>;
  /** Forwarded to the emulator. */
  readonly emulator?: Omit<EmulatorOptions, 'world'>;
  readonly onCodeServerOutput?: CodeServerOptions['onOutput'];
  /** code-server's port; a free one when absent. */
  readonly port?: number;
}

export interface TestEnvironment {
  readonly emulator: RunningEmulator;
  readonly codeServer: RunningCodeServer;
  readonly world: WorldDefinition;
  /** The credentials put in the environment, if any. */
  readonly credentials?: EnvironmentCredentials;
  /** Stops code-server, then the emulator. Safe to call twice; also runs on Ctrl+C. */
  stop(): Promise<void>;
}

/** Environment variable with the emulator's base URL, for tests inside the extension host. */
const emulatorUrlVariable = 'TENCENTDB_PG_EMULATOR_URL';

export interface WorldOptions {
  readonly worldFile?: string;
  readonly credentials?: TestEnvironmentOptions['credentials'];
  readonly emulator?: TestEnvironmentOptions['emulator'];
}

/** A running emulator with what a VS Code needs to talk to it. */
export interface RunningWorld {
  readonly emulator: RunningEmulator;
  readonly world: WorldDefinition;
  readonly credentials?: EnvironmentCredentials;
  /** User settings pointing the extension at the emulator. */
  readonly extensionSettings: Readonly<Record<string, unknown>>;
  /** Environment for the extension host: the emulator's URL and the chosen credentials. */
  readonly extensionEnv: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

/** Starts the emulator on a free loopback port with a world file (used by every runner). */
export async function startWorld(options: WorldOptions): Promise<RunningWorld> {
  const worldFile = path.resolve(options.worldFile ?? demoWorldPath);
  const world = loadWorldFile(worldFile);
  const credentials = chooseCredentials(options.credentials ?? 'world', world);
  const emulator = await startEmulator({ ...options.emulator, world, port: options.emulator?.port ?? 0 });
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= emulator.stop());
  const unregister = onTeardown(stop);
  harnessLog(`emulator ${emulator.url} serving ${path.basename(worldFile)}`);
  return {
    emulator,
    world,
    credentials,
    extensionSettings: {
      'tencentdbPostgres.endpoint': emulator.url,
      'tencentdbPostgres.site': 'intl',
      'tencentdbPostgres.regions': world.regions.filter((r) => r.supported).map((r) => r.region),
    },
    extensionEnv: { [emulatorUrlVariable]: emulator.url, ...credentialVariables(credentials) },
    stop: () => { unregister(); return stop(); },
  };
}

/**
 * An emulator serving a world, and code-server with the extension's settings pointed at it: the
 * environment every extension-host and browser test runs in.
 */
export async function startTestEnvironment(options: TestEnvironmentOptions): Promise<TestEnvironment> {
  const running = await startWorld(options);
  let codeServer: RunningCodeServer;
  try {
    codeServer = await startCodeServer({
      name: options.name,
      vsixFiles: options.vsixFiles,
      locale: options.locale,
      port: options.port,
      smokeTestDriver: options.smokeTestDriver,
      onOutput: options.onCodeServerOutput,
      settings: { ...running.extensionSettings, ...options.settings },
      env: { ...running.extensionEnv, ...options.env },
    });
  } catch (error) {
    await running.stop();
    throw error;
  }
  const unregisterCodeServer = onTeardown(() => codeServer.stop());

  let stopping: Promise<void> | undefined;
  return {
    emulator: running.emulator,
    world: running.world,
    credentials: running.credentials,
    codeServer,
    stop() {
      stopping ??= (async () => {
        unregisterCodeServer();
        await codeServer.stop();
        await running.stop();
      })();
      return stopping;
    },
  };
}

function chooseCredentials(choice: NonNullable<TestEnvironmentOptions['credentials']>, world: WorldDefinition): EnvironmentCredentials | undefined {
  if (choice === 'none') return undefined;
  if (choice !== 'world') return choice;
  const pair = world.credentials.find((c) => !c.token) ?? world.credentials[0];
  if (!pair) throw new Error('the world file has no credentials to put in the environment');
  return { secretId: pair.secretId, secretKey: pair.secretKey, sessionToken: pair.token };
}

function credentialVariables(credentials: EnvironmentCredentials | undefined): Record<string, string> {
  if (!credentials) return {};
  return {
    TENCENTCLOUD_SECRET_ID: credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: credentials.secretKey,
    ...(credentials.sessionToken ? { TENCENTCLOUD_SESSION_TOKEN: credentials.sessionToken } : {}),
  };
}
