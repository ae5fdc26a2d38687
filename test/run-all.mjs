// `npm test`: every suite, in order, with one summary line at the end.
// Each stage is a command; its mocha "N passing" / "N failing" lines are added up.
import { spawn } from 'node:child_process';

const stages = [
  { name: 'compile', command: 'npx', args: ['tsc', '-p', '.'] },
  { name: 'lint', command: 'npm', args: ['run', 'lint'] },
  { name: 'bundle', command: 'node', args: ['esbuild.mjs', '--production'] },
  { name: 'unit, contract and client tests', command: 'npx', args: ['mocha', '--config', 'test/.mocharc.json'] },
  // The real VS Code (code-server, installed once into .vscode-test/) and Debian's Chromium: test/harness/README.md.
  { name: 'package', command: 'npm', args: ['run', 'package'] },
  { name: 'extension-host tests', command: 'node', args: ['out/test/harness/runExtensionHostTests.js'] },
  { name: 'browser tests', command: 'node', args: ['out/test/harness/runBrowserTests.js'] },
];

let passed = 0;
let failed = 0;
const failures = [];

for (const stage of stages) {
  console.log(`\n=== ${stage.name} ===`);
  const { code, output } = await run(stage.command, stage.args);
  passed += sum(output, /^\s*(\d+) passing/gm);
  failed += sum(output, /^\s*(\d+) failing/gm);
  // A stage that lacks something on the machine says so in a "missing prerequisite: ..." line.
  const missing = [...output.matchAll(/missing prerequisite: (.*)/g)].map((m) => m[1].trim());
  if (code !== 0) failures.push(`${stage.name} (${missing.length > 0 ? missing.join('; ') : `exit code ${code}`})`);
}

console.log('');
if (failures.length > 0) console.log(`Failed stages: ${failures.join(', ')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failures.length > 0 ? 1 : 0);

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function sum(text, pattern) {
  let total = 0;
  for (const match of text.matchAll(pattern)) total += Number(match[1]);
  return total;
}
