import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';

/** The extension's id as VS Code knows it (`publisher.name` of package.json). */
export const extensionId = 'tencentdb-tools.tencentdb-postgres-networks';

/**
 * The extension's package.json strings as a given display language shows them (package.nls.json or
 * package.nls.<locale>.json), so a test reads the UI text the way a user of that language sees it.
 */
export function manifestString(key: string, locale?: string): string {
  const file = path.join(repoRoot, locale ? `package.nls.${locale}.json` : 'package.nls.json');
  const strings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string | { message: string }>;
  const value = strings[key];
  if (value === undefined) throw new Error(`${path.basename(file)} has no "${key}"`);
  return typeof value === 'string' ? value : value.message;
}
