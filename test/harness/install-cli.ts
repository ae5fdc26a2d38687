// `node out/test/harness/install-cli.js`: fills the cache (Node 24 and code-server) ahead of a run.
import { ensureCodeServer } from './install';
import { harnessLog } from './log';

ensureCodeServer().then(
  (install) => harnessLog(`code-server ready: ${install.entry} (Node: ${install.node.binary})`),
  (error: unknown) => {
    harnessLog(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
