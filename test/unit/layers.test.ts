import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '..', '..', '..');

/** Lints one line as if it were written in `file`: the layer rule's messages, if any. */
async function layerProblems(file: string, line: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(`${line}\nexport const used = value;\n`, { filePath: path.join(root, file) });
  return result.messages.filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports').map((message) => message.message);
}

describe('the layer rule of npm run lint', function () {
  this.timeout(60_000);

  it('refuses an import from a higher room', async () => {
    assert.equal((await layerProblems('src/domain/example.ts', "import { value } from '../cloud/cloudError';")).length, 1);
    assert.equal((await layerProblems('src/tasks/example.ts', "import { value } from '../network/ports';")).length, 1);
    assert.equal((await layerProblems('src/explorer/example.ts', "import { value } from '../../src/network/change/changeSpec';")).length, 1);
  });

  it('refuses an import from a neighbour on the same floor, and from the composition root', async () => {
    assert.equal((await layerProblems('src/wizard/example.ts', "import { value } from '../tasks/taskTracker';")).length, 1);
    assert.equal((await layerProblems('src/network/example.ts', "import { value } from '../extension';")).length, 1);
    assert.equal((await layerProblems('src/network/example.ts', "import { value } from '../explorer/nodes';")).length, 1, 'features meet only in extension.ts');
  });

  it('keeps the SDK in cloud/ and VS Code out of the rooms tested in plain mocha', async () => {
    assert.equal((await layerProblems('src/network/example.ts', "import { value } from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres';")).length, 1);
    assert.equal((await layerProblems('src/cloud/example.ts', "import type { value } from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres';")).length, 0);
    assert.equal((await layerProblems('src/cloud/sdk.ts', "import { value } from 'tencentcloud-sdk-nodejs/tencentcloud/services/postgres';")).length, 0);
    assert.equal((await layerProblems('src/tasks/example.ts', "import { value } from 'vscode';")).length, 1);
    assert.equal((await layerProblems('src/tasks/example.ts', "import type { value } from 'vscode';")).length, 0);
  });

  it('allows every import from a lower room', async () => {
    assert.deepEqual(await layerProblems('src/network/example.ts', "import { value } from '../tasks/taskTracker';"), []);
    assert.deepEqual(await layerProblems('src/explorer/example.ts', "import { value } from '../cloud/cloudError';"), []);
    assert.deepEqual(await layerProblems('src/cloud/example.ts', "import { value } from '../domain/model';"), []);
  });
});
