import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { createVSIX } from '@vscode/vsce';
import { cacheDir } from './paths';

/**
 * VS Code shows a display language only when a language pack for it is installed; without one it
 * falls back to English, and so does every extension's package.nls.<locale>.json and l10n bundle.
 * The real packs come from a gallery this machine cannot reach, so the harness makes a minimal one:
 * it declares the locale with no translations of its own (the workbench's own texts stay English),
 * which is enough for VS Code to resolve the language and load the extension's own translations.
 * Returns the path of its .vsix, built once into the cache.
 */
const packPublisher = 'test';
const packName = (languageId: string): string => `test-language-pack-${languageId}`;

export async function ensureLanguagePack(locale: string): Promise<string> {
  const languageId = locale.toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/.test(languageId)) throw new Error(`not a locale: ${locale}`);
  const folder = path.join(cacheDir, `language-pack-${languageId}`);
  const vsix = path.join(cacheDir, `language-pack-${languageId}.vsix`);
  if (fs.existsSync(vsix)) return vsix;
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.join(folder, 'translations'), { recursive: true });
  const manifest = {
    name: packName(languageId),
    displayName: `Test language pack (${languageId})`,
    description: `Declares the ${languageId} display language for tests; no translations of its own.`,
    publisher: packPublisher,
    version: '1.0.0',
    license: 'MIT',
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{
        languageId,
        languageName: languageId,
        localizedLanguageName: languageId,
        translations: [{ id: 'vscode', path: './translations/main.i18n.json' }],
      }],
    },
  };
  fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  fs.writeFileSync(path.join(folder, 'translations', 'main.i18n.json'), JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(folder, 'README.md'), `${manifest.description}\n`);
  const staging = `${vsix}.partial-${process.pid}`;
  await createVSIX({ cwd: folder, packagePath: staging, dependencies: false, allowMissingRepository: true, skipLicense: true });
  fs.renameSync(staging, vsix);
  return vsix;
}

/**
 * VS Code resolves the display language from `languagepacks.json` in the user-data folder, a cache the
 * server fills only when something asks for the installed languages (too late for the first page load).
 * Writes it for the pack installed in `extensionsDir`, in the format of VS Code's LanguagePacksCache.
 */
export function registerLanguagePack(userDataDir: string, extensionsDir: string, locale: string): void {
  const languageId = locale.toLowerCase();
  const id = `${packPublisher}.${packName(languageId)}`;
  const folder = fs.readdirSync(extensionsDir).find((name) => name.startsWith(`${id}-`));
  if (!folder) throw new Error(`the ${languageId} language pack is not installed in ${extensionsDir}`);
  const version = folder.slice(id.length + 1);
  const entry = {
    hash: createHash('md5').update(id).update(version).digest('hex'),
    extensions: [{ extensionIdentifier: { id }, version }],
    translations: { vscode: path.join(extensionsDir, folder, 'translations', 'main.i18n.json') },
    label: languageId,
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [languageId]: entry }));
}
