import * as vscode from 'vscode';

/**
 * Region names in the user's language, without a call to the API. Regions not listed show their id only.
 * Functions, not a table of strings, so each name is looked up in the current language when shown.
 */
const REGION_NAMES: Record<string, () => string> = {
  'ap-bangkok': () => vscode.l10n.t('Bangkok'),
  'ap-beijing': () => vscode.l10n.t('Beijing'),
  'ap-chengdu': () => vscode.l10n.t('Chengdu'),
  'ap-chongqing': () => vscode.l10n.t('Chongqing'),
  'ap-guangzhou': () => vscode.l10n.t('Guangzhou'),
  'ap-hongkong': () => vscode.l10n.t('Hong Kong, China'),
  'ap-jakarta': () => vscode.l10n.t('Jakarta'),
  'ap-nanjing': () => vscode.l10n.t('Nanjing'),
  'ap-seoul': () => vscode.l10n.t('Seoul'),
  'ap-shanghai': () => vscode.l10n.t('Shanghai'),
  'ap-shanghai-fsi': () => vscode.l10n.t('Shanghai Finance'),
  'ap-shenzhen-fsi': () => vscode.l10n.t('Shenzhen Finance'),
  'ap-singapore': () => vscode.l10n.t('Singapore'),
  'ap-tokyo': () => vscode.l10n.t('Tokyo'),
  'eu-frankfurt': () => vscode.l10n.t('Frankfurt'),
  'na-ashburn': () => vscode.l10n.t('Virginia'),
  'na-siliconvalley': () => vscode.l10n.t('Silicon Valley'),
  'sa-saopaulo': () => vscode.l10n.t('São Paulo'),
};

/** Regions the postgres API serves on the international site, for "Select Regions" when DescribeRegions fails. */
export const KNOWN_REGIONS: readonly string[] = Object.keys(REGION_NAMES);

export function regionDisplayName(regionId: string): string | undefined {
  return REGION_NAMES[regionId]?.();
}
