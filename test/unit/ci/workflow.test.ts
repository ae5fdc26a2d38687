// The GitHub Actions workflow, read with a YAML parser: it must do what .ci/run and the README say a fresh machine
// needs, cache what test/harness/install.ts installs, and keep the packaged extension and the test results.
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
interface Workflow {
  readonly on: Readonly<Record<string, unknown>>;
  readonly jobs: Readonly<Record<string, { readonly 'runs-on': string; readonly steps: readonly Step[] }>>;
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

describe('CI workflow (.github/workflows/ci.yml)', () => {
  const workflow = load(read('.github/workflows/ci.yml')) as Workflow;
  const job = Object.values(workflow.jobs)[0];
  const steps = job.steps;
  const runCommands = steps.flatMap((step) => (step.run ?? '').split('\n')).map((line) => line.trim()).filter((line) => line !== '');

  it('runs on every push and pull request, on ubuntu-latest', () => {
    assert.deepEqual(Object.keys(workflow.on).sort(), ['pull_request', 'push']);
    assert.equal(Object.keys(workflow.jobs).length, 1);
    assert.equal(job['runs-on'], 'ubuntu-latest');
  });

  it('sets up Node 20 with the npm cache', () => {
    const setup = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
    assert.ok(setup, 'an actions/setup-node step');
    assert.equal(String(setup.with?.['node-version']), '20');
    assert.equal(setup.with?.['cache'], 'npm');
  });

  it('installs the system packages .ci/run installs', () => {
    const apt = steps.find((step) => /apt-get install/.test(step.run ?? ''));
    assert.ok(apt?.run, 'an apt-get install step');
    assert.deepEqual(aptPackages(apt.run), aptPackages(read('.ci/run')));
  });

  it("runs the README's test command, as .ci/run does", () => {
    const readmeLine = read('README.md').split('\n').find((line) => line.startsWith('| Run every test'));
    assert.ok(readmeLine, 'the README has a "Run every test" row');
    const readmeCommand = /`([^`]+)`/.exec(readmeLine)?.[1] ?? '';
    const readmeSteps = commandsAfterApt(readmeCommand.split('&&'));
    assert.deepEqual(readmeSteps, ['npm ci', 'npm test']);
    assert.deepEqual(aptPackages(readmeCommand.replace(/&&.*/, '')), aptPackages(read('.ci/run')), 'the README and .ci/run install the same packages');
    assert.deepEqual(commandsAfterApt(runCommands), readmeSteps);
    const ciRun = commandsAfterApt(read('.ci/run').split('\n')).map((command) => command.split(' --')[0]);
    assert.deepEqual(ciRun, readmeSteps, '.ci/run runs the same commands');
  });

  it('caches .vscode-test/ keyed on the lock file and the harness pins', () => {
    const cache = steps.find((step) => step.uses?.startsWith('actions/cache@'));
    assert.ok(cache, 'an actions/cache step');
    const paths = String(cache.with?.['path']).split('\n').map((line) => line.trim()).filter((line) => line !== '');
    assert.ok(paths.includes('.vscode-test/'), `cached paths: ${paths.join(', ')}`);
    const key = String(cache.with?.['key']);
    assert.match(key, /hashFiles\([^)]*'package-lock\.json'/);
    assert.match(key, /hashFiles\([^)]*'test\/harness\/install\.ts'/);
    // The pins the key stands for are where the key says they are.
    assert.match(read('test/harness/install.ts'), /export const codeServerVersion = '[\d.]+'/);
    const cacheIndex = steps.indexOf(cache);
    const testIndex = steps.findIndex((step) => step.run?.trim() === 'npm test');
    assert.ok(cacheIndex >= 0 && cacheIndex < testIndex, 'the cache is restored before the tests');
  });

  it('uploads the packaged .vsix, and test-results/ even when the tests fail', () => {
    const uploads = steps.filter((step) => step.uses?.startsWith('actions/upload-artifact@'));
    const vsix = uploads.find((step) => step.with?.['path'] === 'dist/*.vsix');
    assert.ok(vsix, `uploads: ${uploads.map((step) => String(step.with?.['path'])).join(', ')}`);
    const results = uploads.find((step) => String(step.with?.['path']).replace(/\/$/, '') === 'test-results');
    assert.ok(results, 'test-results/ is uploaded');
    assert.match(String(results.if), /always\(\)/, 'test results are uploaded on failure too');
    const testIndex = steps.findIndex((step) => step.run?.trim() === 'npm test');
    assert.ok(steps.indexOf(vsix) > testIndex && steps.indexOf(results) > testIndex, 'after the tests');
  });
});
