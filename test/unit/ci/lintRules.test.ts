import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..', '..');
const run = promisify(execFile);

/**
 * The two lint rules the owner abstraction leans on, shown to fail: a switch over a union that misses a member,
 * and an export nothing uses (`npm run lint` runs ESLint, then knip in both modes).
 */
describe('ci/the lint refuses what it is there to refuse', function () {
  this.timeout(60_000);

  it('fails a switch over an owner kind that misses a case, in src/', async () => {
    const probe = (cases: string): string => `
import type { NetworkOwnerKind } from './networkOwner';
export function label(kind: NetworkOwnerKind): string {
  switch (kind) {${cases}
  }
  return '';
}
`;
    // Linted as a file of src/domain, where the type-aware rules apply (the config's probe name: not on disk).
    const filePath = path.join(root, 'src', 'domain', 'example.ts');
    const lint = async (cases: string): Promise<ESLint.LintResult['messages']> => {
      const [result] = await new ESLint({ cwd: root }).lintText(probe(cases), { filePath });
      return result.messages;
    };
    const exhaustive = (messages: ESLint.LintResult['messages']) => messages.filter((message) => message.ruleId === '@typescript-eslint/switch-exhaustiveness-check');
    const missing = await lint(`\n    case 'readOnlyGroup':\n      return 'group';`);
    assert.equal(exhaustive(missing).length, 1, JSON.stringify(missing));
    assert.match(exhaustive(missing)[0].message, /primaryInstance/);
    const complete = await lint(`\n    case 'readOnlyGroup':\n      return 'group';\n    case 'primaryInstance':\n      return 'instance';`);
    assert.deepEqual(exhaustive(complete), [], 'the same switch with every case passes');
  });

  it('fails a message shown past WindowUi in src/, and a test that patches vscode.window', async () => {
    const restricted = async (filePath: string, text: string): Promise<string[]> => {
      const [result] = await new ESLint({ cwd: root }).lintText(text, { filePath: path.join(root, filePath) });
      return result.messages.filter((message) => message.ruleId === 'no-restricted-syntax').map((message) => message.message);
    };
    const direct = "import * as vscode from 'vscode';\nexport function tell(): void {\n  void vscode.window.showWarningMessage('x');\n}\n";
    assert.match((await restricted('src/explorer/example.ts', direct)).join(), /through WindowUi/);
    const throughPort = "import type { WindowUi } from '../ui/windowUi';\nexport function tell(window: WindowUi): void {\n  window.show('warning', 'x');\n}\n";
    assert.deepEqual(await restricted('src/explorer/example.ts', throughPort), []);
    const patching = "import * as vscode from 'vscode';\n(vscode.window as unknown as { showErrorMessage: unknown }).showErrorMessage = () => undefined;\n";
    assert.match((await restricted('test/integration/example.ts', patching)).join(), /Do not patch vscode.window/);
  });

  it("fails a value imported from the SDK past src/cloud/sdk.ts, the SDK's own bundle", async () => {
    const restricted = async (filePath: string, text: string): Promise<string[]> => {
      const [result] = await new ESLint({ cwd: root }).lintText(text, { filePath: path.join(root, filePath) });
      return result.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => message.message);
    };
    const value = "import { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_client';\nexport const made = Client;\n";
    assert.match((await restricted('src/cloud/example.ts', value)).join(), /bundle of its own/);
    const type = "import type { Client } from 'tencentcloud-sdk-nodejs/tencentcloud/services/vpc/v20170312/vpc_client';\nexport type Made = Client;\n";
    assert.deepEqual(await restricted('src/cloud/example.ts', type), []);
    assert.deepEqual(await restricted('src/cloud/sdk.ts', value), []);
    assert.match((await restricted('src/explorer/example.ts', type)).join(), /Only src\/cloud\/ talks to the SDK/);
  });

  it('fails an export nothing imports (knip, as npm run lint runs it)', async () => {
    const fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'knip-probe-'));
    try {
      fs.mkdirSync(path.join(fixture, 'src'));
      fs.writeFileSync(path.join(fixture, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', main: 'src/index.ts' }));
      fs.writeFileSync(path.join(fixture, 'knip.json'), JSON.stringify({ project: ['src/**/*.ts'] }));
      fs.writeFileSync(path.join(fixture, 'src', 'index.ts'), "import { used } from './rules';\nconsole.log(used);\n");
      fs.writeFileSync(path.join(fixture, 'src', 'rules.ts'), 'export const used = 1;\nexport const forgotten = 2;\n');
      const knip = path.join(root, 'node_modules', '.bin', 'knip');
      const failure = await run(knip, ['--directory', fixture, '--no-progress']).then(
        () => undefined,
        (error: { code?: number; stdout?: string }) => error,
      );
      assert.ok(failure, 'knip passed a project with an unused export');
      assert.equal(failure.code, 1);
      assert.match(failure.stdout ?? '', /Unused exports \(1\)[\s\S]*forgotten\s+src\/rules\.ts/);
      fs.writeFileSync(path.join(fixture, 'src', 'rules.ts'), 'export const used = 1;\n');
      await run(knip, ['--directory', fixture, '--no-progress']);
    } finally {
      fs.rmSync(fixture, { recursive: true, force: true });
    }
  });
});
