// Bundles the extension into dist/extension.js, and the SDK it loads on the first call into dist/sdk.js.
//   node esbuild.mjs               development build with sourcemaps
//   node esbuild.mjs --production  minified build, as packaged into the .vsix
//   node esbuild.mjs --watch       rebuild on every change
import * as path from 'node:path';
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

/**
 * The SDK is a bundle of its own (dist/sdk.js), required when the first client is made: src/cloud/sdk.ts is the one
 * module that imports the SDK's values, and the extension's bundle keeps `require("./sdk.js")` in its place. V8
 * scans every byte of a script it loads, so code that only a call needs would otherwise slow every activation.
 */
const sdkInItsOwnBundle = {
  name: 'sdk-in-its-own-bundle',
  setup(build) {
    const sdkModule = path.resolve('src/cloud/sdk');
    build.onResolve({ filter: /\/sdk$/ }, (args) => (path.resolve(args.resolveDir, args.path) === sdkModule ? { path: './sdk.js', external: true } : undefined));
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? 'external' : true,
  sourcesContent: !production,
  metafile: true,
  logLevel: 'warning',
};

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [sdkInItsOwnBundle, ...(watch ? [problemMatcherPlugin] : [])],
    // The first statement of the bundle: with the stamp taken when src/extension.ts runs, it times the evaluation of
    // the bundle apart from the host's own work (see ActivationTimes). It repeats the strict-mode directive, which
    // only counts as the first statement of a file.
    banner: { js: '"use strict";var __tencentdbBundleStartedAt = performance.now();' },
  }),
  esbuild.context({
    ...common,
    entryPoints: ['src/cloud/sdk.ts'],
    outfile: 'dist/sdk.js',
    plugins: [trimUnusedSdkDependencies, ...(watch ? [problemMatcherPlugin] : [])],
  }),
]);

if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  for (const context of contexts) {
    const result = await context.rebuild();
    await context.dispose();
    for (const [file, output] of Object.entries(result.metafile.outputs)) {
      if (output.entryPoint) console.log(`${file}: ${(output.bytes / 1024).toFixed(1)} KiB${production ? ' (minified)' : ''}`);
    }
  }
}
