import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The rooms of src/, lowest first. A room imports only from rooms on lower floors (never from its own floor's
 * neighbours, never upwards); README.md's Architecture section draws the same picture.
 */
const FLOORS = [
  ['domain'],
  ['cloud'],
  ['ui', 'wizard', 'tasks', 'export', 'reachability'],
  // The features: each owns its activation.ts; they meet only in extension.ts, through small interfaces.
  ['credentials', 'explorer', 'network', 'asCode', 'connection'],
];
/** The composition root: builds every room and wires them. */
const TOP = ['extension', 'settings'];
/** The window calls that only src/ui/windowUi.ts makes. */
const WINDOW_CALLS = '/^(show(Information|Warning|Error)Message|showQuickPick|showInputBox|createQuickPick|createInputBox|setStatusBarMessage)$/';
/** The one module that imports the SDK's values: built into a bundle of its own. */
const SDK_MODULE = 'src/cloud/sdk.ts';
/** Rooms that stay testable in plain mocha: no VS Code API at run time. */
const WITHOUT_VSCODE = ['domain', 'cloud', 'tasks', 'export', 'reachability'];

function layerRules() {
  const rooms = FLOORS.flat();
  return rooms.map((room) => {
    const floor = FLOORS.findIndex((rooms) => rooms.includes(room));
    const forbidden = [...rooms.filter((other) => other !== room && FLOORS.findIndex((r) => r.includes(other)) >= floor), ...TOP];
    const patterns = [
      {
        group: forbidden.flatMap((other) => [`**/${other}`, `**/${other}/**`]),
        message: `src/${room}/ may import only from the rooms below it (${FLOORS.slice(0, floor).flat().join(', ') || 'none'}): see Architecture in README.md.`,
      },
    ];
    if (room !== 'cloud') {
      patterns.push({ group: ['tencentcloud-sdk-nodejs', 'tencentcloud-sdk-nodejs/**'], message: 'Only src/cloud/ talks to the SDK.' });
    } else {
      patterns.push({
        group: ['tencentcloud-sdk-nodejs', 'tencentcloud-sdk-nodejs/**'],
        allowTypeImports: true,
        message: "The SDK's code is a bundle of its own, loaded on the first call: import its values through src/cloud/sdk.ts (types directly).",
      });
    }
    const paths = WITHOUT_VSCODE.includes(room)
      ? [{ name: 'vscode', message: `src/${room}/ runs without VS Code (unit-tested in plain mocha).`, allowTypeImports: true }]
      : [];
    const rule = (forRoom) => ({ '@typescript-eslint/no-restricted-imports': ['error', { patterns: forRoom, paths }] });
    if (room !== 'cloud') return [{ files: [`src/${room}/**/*.ts`], rules: rule(patterns) }];
    // src/cloud/sdk.ts is the one module that imports the SDK's values (see esbuild.mjs).
    return [
      { files: [`src/${room}/**/*.ts`], ignores: [SDK_MODULE], rules: rule(patterns) },
      { files: [SDK_MODULE], rules: rule(patterns.slice(0, -1)) },
    ];
  }).flat();
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'multi-line'],
    },
  },
  {
    // Type-aware, for src/ only: a switch over a union (an owner of networks, a kind of change, a task's result)
    // that misses a member fails the lint, so a new member cannot fall into another's branch unnoticed.
    files: ['src/**/*.ts'],
    // The layer and lint tests lint probe files (src/<room>/example.ts) that are not on disk: the default project takes them.
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['src/*/example.ts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false }],
    },
  },
  ...layerRules(),
  {
    // Messages and quick picks go through ui/windowUi.ts, which announces each and lets the extension-host tests
    // answer them; the wizard's prompter is the one other port that creates quick inputs.
    files: ['src/**/*.ts'],
    ignores: ['src/ui/windowUi.ts', 'src/wizard/quickInputPrompter.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: `MemberExpression[object.object.name='vscode'][object.property.name='window'][property.name=${WINDOW_CALLS}]`,
        message: 'Show messages and quick picks through WindowUi (src/ui/windowUi.ts), so tests can see and answer them.',
      }],
    },
  },
  {
    // A test answers and watches the window through WindowUi's events and answerWith, never by replacing its functions.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "TSAsExpression > MemberExpression.expression[object.name='vscode'][property.name='window']",
        message: 'Do not patch vscode.window: watch api.window.onDidShowMessage / onDidCreateQuickPick, answer with api.window.answerWith.',
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
