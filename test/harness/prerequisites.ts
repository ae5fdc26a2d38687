import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

/**
 * Checks for what the machine must provide, each failing with a message that names the missing piece
 * and how to get it (the harness never downloads a browser or a VS Code build).
 */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export class MissingPrerequisiteError extends Error {}

export function assertChromium(): void {
  if (!fs.existsSync(chromiumPath)) {
    throw new MissingPrerequisiteError(`Chromium not found at ${chromiumPath}: install it with \`apt-get install chromium\` (or set CHROMIUM_PATH)`);
  }
}

export function assertKerberosHeaders(): void {
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h')) {
    throw new MissingPrerequisiteError('Kerberos headers not found (/usr/include/gssapi/gssapi.h), needed to build code-server: install them with `apt-get install libkrb5-dev`');
  }
}

export function assertCompiled(file: string): void {
  if (!fs.existsSync(file)) {
    throw new MissingPrerequisiteError(`${path.relative(repoRoot, file)} not found: compile first with \`npx tsc -p .\``);
  }
}

export function assertBundled(): void {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    throw new MissingPrerequisiteError('dist/extension.js not found: bundle the extension first with `npm run build`');
  }
}

/** The newest .vsix in dist/, the one `npm run package` just made. */
export function findPackagedVsix(): string {
  const dist = path.join(repoRoot, 'dist');
  const candidates = fs.existsSync(dist)
    ? fs.readdirSync(dist).filter((name) => name.endsWith('.vsix')).map((name) => path.join(dist, name))
    : [];
  if (candidates.length === 0) {
    throw new MissingPrerequisiteError('No packaged extension (dist/*.vsix) found: package it first with `npm run package`');
  }
  return candidates.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
}
