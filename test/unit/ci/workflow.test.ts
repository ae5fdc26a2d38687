// The GitHub Actions workflow, read with a YAML parser. Job `test` runs .ci/run itself in a Debian container (so the
// public CI and .ci/run cannot drift), caches what test/harness/install.ts installs and keeps the packaged
// extension and the test results; job `desktop` runs the extension-host suite in desktop VS Code under xvfb, on the
// oldest release the manifest accepts and on stable.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

// js-yaml ships no types of its own; this is the one function used.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { load } = require('js-yaml') as { load(text: string): unknown };

const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}
interface Job {
  readonly 'runs-on': string;
  readonly container?: string | { readonly image: string };
  readonly strategy?: { readonly matrix?: Readonly<Record<string, unknown>> };
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Readonly<Record<string, unknown>>;
  readonly jobs: Readonly<Record<string, Job>>;
}

/** The packages an `apt-get install` line names (its options left out). */
function aptPackages(text: string): string[] {
  const line = text.split('\n').find((candidate) => /apt-get install/.test(candidate) && !candidate.trimStart().startsWith('#'));
  assert.ok(line, 'an apt-get install line');
  const words = line.slice(line.indexOf('apt-get install') + 'apt-get install'.length).split(/\s+/);
  return words.filter((word) => word !== '' && !word.startsWith('-') && !['>/dev/null', '&&'].includes(word)).sort();
}

/** The commands a shell script or a README command runs after installing the system packages. */
function commandsAfterApt(commands: readonly string[]): string[] {
  return commands.map((command) => command.trim()).filter((command) => command !== '' && !command.startsWith('#') && !/apt-get|^set |^cd |^export /.test(command));
}

/** The oldest VS Code the manifest accepts: engines.vscode is "^X.Y.Z" (or ">=X.Y.Z"). */
function engineMinimum(): string {
  const manifest = JSON.parse(read('package.json')) as { engines: { vscode: string } };
  const version = /^(?:\^|>=)\s*(\d+\.\d+\.\d+)$/.exec(manifest.engines.vscode)?.[1];
  assert.ok(version, `engines.vscode "${manifest.engines.vscode}" names a lowest version`);
  return version;
}

const stepIndex = (steps: readonly Step[], predicate: (step: Step) => boolean): number => steps.findIndex(predicate);

describe('CI workflow (.github/workflows/ci.yml)', () => {
  const workflow = load(read('.github/workflows/ci.yml')) as Workflow;

  it('runs on every push and pull request, with a test job and a desktop job', () => {
    assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push']);
    assert.deepEqual(Object.keys(workflow.jobs).sort(), ['desktop', 'test']);
  });

  describe('test: .ci/run in a Debian container', () => {
    const job: Partial<Job> = workflow.jobs['test'] ?? {};
    const steps = job.steps ?? [];
    const ciRunIndex = stepIndex(steps, (step) => step.run?.trim() === '.ci/run');

    it('runs in a Debian container of the release the README names', () => {
      const image = typeof job.container === 'string' ? job.container : job.container?.image;
      const release = /^debian:([a-z]+)(?:-slim)?$/.exec(image ?? '')?.[1];
      assert.ok(release, `a debian:<codename> container, not ${String(image)}`);
      assert.match(read('README.md'), new RegExp(`\`debian:${release}\``), 'the README says which Debian the CI runs');
    });

    it('calls .ci/run, and runs none of its commands itself', () => {
      assert.ok(ciRunIndex >= 0, 'a step that runs .ci/run');
      const others = steps.filter((_, index) => index !== ciRunIndex).map((step) => step.run ?? '');
      assert.deepEqual(others.filter((run) => /\bnpm\b|\bnode\b/.test(run)), [], 'npm and node run only inside .ci/run');
      const packagesOfCiRun = aptPackages(read('.ci/run'));
      const copied = others.filter((run) => /apt-get install/.test(run)).flatMap(aptPackages).filter((name) => packagesOfCiRun.includes(name));
      assert.deepEqual(copied, [], '.ci/run installs its own packages');
      assert.ok((fs.statSync(path.join(repoRoot, '.ci/run')).mode & 0o111) !== 0, '.ci/run is executable');
    });

    it('gives the actions what a bare Debian image lacks (git, CA certificates, zstd) before they run', () => {
      const tools = stepIndex(steps, (step) => /apt-get install/.test(step.run ?? ''));
      assert.ok(tools >= 0, 'an apt-get install step');
      for (const name of ['git', 'ca-certificates', 'zstd']) assert.ok(aptPackages(steps[tools].run ?? '').includes(name), name);
      assert.ok(tools < stepIndex(steps, (step) => step.uses?.startsWith('actions/checkout@') === true), 'before checkout');
    });

    it('sets up Node 20 with the npm cache before .ci/run, which assumes node and npm', () => {
      const setup = stepIndex(steps, (step) => step.uses?.startsWith('actions/setup-node@') === true);
      assert.ok(setup >= 0, 'an actions/setup-node step');
      assert.equal(String(steps[setup].with?.['node-version']), '20');
      assert.equal(steps[setup].with?.['cache'], 'npm');
      assert.ok(setup < ciRunIndex);
    });

    it("installs in .ci/run what the README's test command installs, and runs the same commands", () => {
      const readmeLine = read('README.md').split('\n').find((line) => line.startsWith('| Run every test'));
      assert.ok(readmeLine, 'the README has a "Run every test" row');
      const readmeCommand = /`([^`]+)`/.exec(readmeLine)?.[1] ?? '';
      const readmeSteps = commandsAfterApt(readmeCommand.split('&&'));
      assert.deepEqual(readmeSteps, ['npm ci', 'npm test']);
      assert.deepEqual(aptPackages(readmeCommand.replace(/&&.*/, '')), aptPackages(read('.ci/run')), 'the README and .ci/run install the same packages');
      const ciRun = commandsAfterApt(read('.ci/run').split('\n')).map((command) => command.split(' --')[0]);
      assert.deepEqual(ciRun, readmeSteps, '.ci/run runs the same commands');
    });

    it('caches .vscode-test/ but not its runs, keyed on the lock file and the harness pins, before .ci/run', () => {
      const cache = stepIndex(steps, (step) => step.uses?.startsWith('actions/cache@') === true);
      assert.ok(cache >= 0, 'an actions/cache step');
      const paths = String(steps[cache].with?.['path']).split('\n').map((line) => line.trim()).filter((line) => line !== '');
      assert.deepEqual(paths, ['.vscode-test/', '!.vscode-test/runs']);
      const key = String(steps[cache].with?.['key']);
      assert.match(key, /hashFiles\([^)]*'package-lock\.json'/);
      assert.match(key, /hashFiles\([^)]*'test\/harness\/install\.ts'/);
      // The pins the key stands for are where the key says they are.
      assert.match(read('test/harness/install.ts'), /export const codeServerVersion = '[\d.]+'/);
      assert.ok(cache < ciRunIndex, 'the cache is restored before the tests');
    });

    it('uploads the packaged .vsix, and test-results/ even when the tests fail', () => {
      const uploads = steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
      const vsix = uploads.find((step) => step.with?.['path'] === 'dist/*.vsix');
      assert.ok(vsix, `uploads: ${uploads.map((step) => String(step.with?.['path'])).join(', ')}`);
      const results = uploads.find((step) => String(step.with?.['path']).replace(/\/$/, '') === 'test-results');
      assert.ok(results, 'test-results/ is uploaded');
      assert.match(String(results.if), /always\(\)/, 'test results are uploaded on failure too');
      assert.ok(steps.indexOf(vsix) > ciRunIndex && steps.indexOf(results) > ciRunIndex, 'after the tests');
    });
  });

  describe('desktop: the extension-host suite in desktop VS Code', () => {
    const job: Partial<Job> = workflow.jobs['desktop'] ?? {};
    const steps = job.steps ?? [];

    it("runs on the oldest VS Code the manifest accepts and on stable", () => {
      assert.deepEqual(job.strategy?.matrix?.['vscode'], [engineMinimum(), 'stable']);
    });

    it('runs npm run test:electron under xvfb-run -a, with the matrix version, after npm ci', () => {
      const electron = stepIndex(steps, (step) => /npm run test:electron/.test(step.run ?? ''));
      assert.ok(electron >= 0, 'a step that runs npm run test:electron');
      assert.match(steps[electron].run ?? '', /^xvfb-run -a npm run test:electron -- --version \$\{\{ matrix\.vscode \}\}$/);
      assert.ok(stepIndex(steps, (step) => /^npm ci\b/.test(step.run?.trim() ?? '')) < electron, 'npm ci first');
      assert.ok(stepIndex(steps, (step) => /apt-get install .*\bxvfb\b/.test(step.run ?? '')) < electron, 'xvfb installed first');
    });

    it('calls a test:electron script whose runner takes --version', () => {
      const manifest = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
      assert.match(manifest.scripts['test:electron'] ?? '', /runElectronTests\.js$/);
      assert.match(read('test/harness/runElectronTests.ts'), /\bversion: \{ type: 'string'/);
    });
  });
});
