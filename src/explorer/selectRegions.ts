import * as vscode from 'vscode';
import { describeForLog } from '../ui/describeForLog';
import type { WindowUi } from '../ui/windowUi';
import type { ExplorerConnection, ExplorerSettings } from './explorerPorts';
import { KNOWN_REGIONS, regionDisplayName } from './regionNames';
import type { Logger } from '../domain/logger';

interface RegionPickItem extends vscode.QuickPickItem {
  readonly regionId: string;
}

/**
 * A multi-pick of the regions to show. The list comes from DescribeRegions when signed in (so it matches the site),
 * else from the regions known to serve PostgreSQL; selected regions stay listed even when the API omits them.
 */
export interface SelectRegionsDeps {
  readonly connection: ExplorerConnection;
  readonly settings: Pick<ExplorerSettings, 'regions' | 'setRegions'>;
  readonly log: Logger;
  readonly window: WindowUi;
}

export async function selectRegions({ connection, settings, log, window }: SelectRegionsDeps): Promise<void> {
  const selected = settings.regions();
  const available = await availableRegions(connection, log);
  const ids = [...new Set([...available.map((region) => region.id), ...selected])];
  const apiNames = new Map(available.map((region) => [region.id, region.name]));
  const items: RegionPickItem[] = ids.map((id) => ({
    regionId: id,
    label: regionDisplayName(id) ?? apiNames.get(id) ?? id,
    description: id,
    picked: selected.includes(id),
  }));
  const picked = await window.pickMany(items, {
    title: vscode.l10n.t('Select Regions'),
    placeholder: vscode.l10n.t('Regions whose PostgreSQL instances the tree shows'),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (picked === undefined) return;
  // Keep the order of the user's earlier choice, new regions at the end.
  const chosen = new Set(picked.map((item) => item.regionId));
  const ordered = [...selected.filter((id) => chosen.has(id)), ...picked.map((item) => item.regionId).filter((id) => !selected.includes(id))];
  await settings.setRegions(ordered);
}

async function availableRegions(connection: ExplorerConnection, log: Logger): Promise<Array<{ id: string; name: string }>> {
  const api = connection.current?.api;
  if (api) {
    try {
      const regions = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the regions…') },
        () => api.listRegions(),
      );
      return regions.filter((region) => region.available).map((region) => ({ id: region.id, name: region.name }));
    } catch (error) {
      log.warn(`DescribeRegions failed, offering the known regions instead: ${describeForLog(error)}`);
    }
  }
  return KNOWN_REGIONS.map((id) => ({ id, name: id }));
}
