import * as vscode from 'vscode';
import { CLOUD_ACTIONS } from '../cloud/cloudActions';
import { camPolicyJson } from '../export/camPolicy';
import { whyNotExportable } from '../export/exportedNetwork';
import { terraformExport } from '../export/terraform';
import { UserFacingError } from '../ui/userFacingError';
import { leftOutText } from './leftOut';
import { isNetworkCarrier, scopeOf } from './scope';

/** Copy as Terraform on a network: its resource and the import block that adopts it (Terraform 1.5+). */
export async function copyNetworkAsTerraform(node: unknown, now: () => Date): Promise<void> {
  const t = vscode.l10n.t;
  if (!isNetworkCarrier(node)) throw new UserFacingError(t('Run this command from an item of the Read-Only Groups view.'));
  const why = whyNotExportable(node.network);
  if (why !== undefined) throw new UserFacingError(leftOutText(new Map([[why, 1]]), t));
  const item = { group: node.group, network: node.network };
  await vscode.env.clipboard.writeText(terraformExport({ networks: [item], scope: scopeOf(node, t) ?? node.group.id, generatedAt: now() }));
  vscode.window.setStatusBarMessage(t('Copied the Terraform resource and import block of {0}:{1}', node.network.ip, node.network.port), 3000);
}

/** The least-privilege CAM policy for every action the extension calls, for the CAM console. */
export async function copyCamPolicy(): Promise<void> {
  await vscode.env.clipboard.writeText(camPolicyJson(CLOUD_ACTIONS));
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Copied the CAM policy the extension needs. In the CAM console, create a custom policy from this JSON and attach it to the user whose key you sign in with.'),
  );
}
