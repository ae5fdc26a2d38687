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
    }
    const paths = WITHOUT_VSCODE.includes(room)
      ? [{ name: 'vscode', message: `src/${room}/ runs without VS Code (unit-tested in plain mocha).`, allowTypeImports: true }]
      : [];
    return { files: [`src/${room}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns, paths }] } };
  });
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
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
