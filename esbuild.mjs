// Bundles the extension into one file, dist/extension.js.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --production  minified build, as packaged into the .vsix
//   node esbuild.mjs --watch       rebuild on every change
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints esbuild's problems in the format VS Code's problem matcher understands. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * Two of the SDK's transitive dependencies carry large data tables that our JSON-only calls never touch;
 * they made up two thirds of the minified bundle (tr46's Unicode mapping table, mime-db).
 * - node-fetch falls back to whatwg-url only when Node has no global URL class; Node always has one.
 * - form-data asks mime-types for a content type only when sending multipart file uploads; the SDK sends JSON.
 * Both are replaced by tiny modules giving the same answers on the paths we use.
 */
const trimUnusedSdkDependencies = {
  name: 'trim-unused-sdk-dependencies',
  setup(build) {
    const shims = {
      'whatwg-url': 'module.exports = { URL: require("url").URL, URLSearchParams: require("url").URLSearchParams };',
      'mime-types': 'module.exports = { lookup: () => false, contentType: () => false, extension: () => false, charset: () => false, types: {}, extensions: {} };',
    };
    build.onResolve({ filter: /^(whatwg-url|mime-types)$/ }, (args) => ({ path: args.path, namespace: 'sdk-shim' }));
    build.onLoad({ filter: /.*/, namespace: 'sdk-shim' }, (args) => ({ contents: shims[args.path], loader: 'js' }));
  },
};

const context = await esbuild.context({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? 'external' : true,
  sourcesContent: !production,
  metafile: true,
  logLevel: 'warning',
  plugins: [trimUnusedSdkDependencies, ...(watch ? [problemMatcherPlugin] : [])],
  // The first statement of the bundle: with the stamp taken when src/extension.ts runs, it times the evaluation of
  // the bundle apart from the host's own work (see ActivationTimes). It repeats the strict-mode directive, which
  // only counts as the first statement of a file.
  banner: { js: '"use strict";var __tencentdbBundleStartedAt = performance.now();' },
});

if (watch) {
  await context.watch();
} else {
  const result = await context.rebuild();
  await context.dispose();
  const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
  console.log(`dist/extension.js: ${(bytes / 1024).toFixed(1)} KiB${production ? ' (minified)' : ''}`);
}
