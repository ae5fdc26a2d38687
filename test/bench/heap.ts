/** Heap figures after a forced collection, so what is measured is what is still held, not what awaits collection. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/** global.gc when node runs with --expose-gc; otherwise the flag is set at run time and a fresh context hands out gc. */
function gcFunction(): () => void {
  if (collect) return collect;
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') {
    collect = existing;
  } else {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  return collect;
}

/** heapUsed in bytes after two full collections (the second frees what finalisers of the first released). */
export function heapAfterGc(): number {
  const gc = gcFunction();
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
