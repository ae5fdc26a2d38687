import { harnessLog } from './log';

type Teardown = () => Promise<void> | void;

/** Teardowns run in reverse order of registration (the last thing started stops first). */
const teardowns: Teardown[] = [];
let signalsHandled = false;

/** Registers something to stop when the run ends, fails or is interrupted; returns an unregister function. */
export function onTeardown(teardown: Teardown): () => void {
  installSignalHandlers();
  teardowns.push(teardown);
  return () => {
    const index = teardowns.indexOf(teardown);
    if (index >= 0) teardowns.splice(index, 1);
  };
}

/** Runs every registered teardown once, each bounded in time; errors are logged, never thrown. */
export async function runTeardowns(): Promise<void> {
  while (teardowns.length > 0) {
    const teardown = teardowns.pop();
    if (!teardown) break;
    try {
      await withTimeout(Promise.resolve(teardown()), 15_000);
    } catch (error) {
      harnessLog(`teardown failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Ctrl+C (and a SIGTERM/SIGHUP from CI) stop everything before the process exits. */
function installSignalHandlers(): void {
  if (signalsHandled) return;
  signalsHandled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      harnessLog(`${signal}: stopping everything`);
      void runTeardowns().finally(() => process.exit(130));
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
