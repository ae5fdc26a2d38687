import * as vscode from 'vscode';
import type { NetworkOwner } from '../domain/networkOwner';
import { ownerRegion } from '../domain/networkOwner';
import type { LeftToUser } from '../export/connectionString';
import type { WindowUi } from '../ui/windowUi';
import { connectionTexts } from '../export/connectionString';
import { isLoopbackEndpoint } from './endpoint';
import type { ConnectionDeps } from './ports';
import { checkReachability } from './reachability';
import type { ReachabilityReport } from './reachability';

/**
 * A network of the tree, whether a group or a primary instance owns it (read by ui/treeArguments). The address is
 * the domain name of a primary's public address, which may have no IP.
 */
export interface NetworkCarrier {
  readonly owner: NetworkOwner;
  readonly network: { readonly ip: string; readonly address: string; readonly port: number; readonly vpcId: string; readonly subnetId: string };
}

interface TextItem extends vscode.QuickPickItem {
  readonly text: string;
}

/** Copy Connection String: the URI or the psql command line, saying what the user fills in. */
export async function copyConnectionString(window: WindowUi, node: NetworkCarrier): Promise<void> {
  const t = vscode.l10n.t;
  const texts = connectionTexts(node.network.ip || node.network.address, node.network.port);
  if (!texts) {
    window.show('info', t('This network has no VIP and port yet: there is nothing to connect to.'));
    return;
  }
  const items: TextItem[] = [
    { label: texts.uri, description: t('Connection URI'), detail: leavesOut(texts.uriLeavesOut), text: texts.uri },
    { label: texts.psql, description: t('psql command line'), detail: leavesOut(texts.psqlLeavesOut), text: texts.psql },
  ];
  const chosen = await window.pickOne(items, { title: t('Copy Connection String'), placeholder: t('Choose the form to copy') });
  if (!chosen) return;
  await vscode.env.clipboard.writeText(chosen.text);
  window.flash(t('Copied {0}', chosen.text));
}

function leavesOut(fields: readonly LeftToUser[]): string {
  const t = vscode.l10n.t;
  if (fields.includes('user') && fields.includes('database')) return t('Add the user (-U) and the database (-d): they are yours to fill in.');
  return t('Add the user (user@ before the address): it is yours to fill in; the database is postgres.');
}

/** Check Reachability: one TCP connection attempt, 3 s at most, and what its outcome means (also returned, for tests). */
export async function checkNetworkReachability(window: WindowUi, node: NetworkCarrier, deps: ConnectionDeps): Promise<ReachabilityReport> {
  const t = vscode.l10n.t;
  const { ip, port, vpcId, subnetId } = node.network;
  const endpointIsEmulator = isLoopbackEndpoint(deps.endpoint());
  const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Checking {0}:{1}…', ip, port) }, async () =>
    checkReachability(ip, port, {
      endpointIsEmulator,
      t,
      // Only Tencent Cloud's networks are held to their subnet: the emulator's are dialled on loopback only.
      subnetCidr: endpointIsEmulator ? undefined : await deps.subnetCidr(ownerRegion(node.owner), vpcId, subnetId),
    }),
  );
  window.show(report.verdict === 'reachable' ? 'info' : 'warning', report.message);
  return report;
}
