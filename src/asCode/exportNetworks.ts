import * as vscode from 'vscode';
import { terraformExportInChunks } from '../export/terraform';
import { tccliScriptInChunks } from '../export/tccliScript';
import { UserFacingError } from '../ui/userFacingError';
import type { WindowUi } from '../ui/windowUi';
import { leftOutText, splitExportableInTurns } from './leftOut';
import type { NetworkSource } from '../ui/networkSource';
import type { SecurityGroupsOf } from './ports';
import { scopeOf } from './scope';
import { readSecurityGroups } from './securityGroups';

export type ExportFormat = 'terraform' | 'tccli';

export interface ExportDeps {
  readonly networks: NetworkSource;
  readonly securityGroupsOf: SecurityGroupsOf;
  readonly now: () => Date;
  readonly window: WindowUi;
}

/**
 * Export Networks as Terraform / as tccli Script: loads every network below the node (with progress and Cancel),
 * leaves out those that cannot be recreated (saying how many and why), and opens the text in an untitled editor.
 */
export async function exportNetworks(deps: ExportDeps, node: unknown, format: ExportFormat): Promise<void> {
  const t = vscode.l10n.t;
  const scope = scopeOf(node, t);
  if (scope === undefined) throw new UserFacingError(t('Run this command from an item of the Read-Only Groups view.'));
  const both = await withCancellableProgress(t('Loading the networks of {0}…', scope), async (signal, report) => {
    const groupNetworks = await deps.networks.networksUnder(node, { signal, onProgress: (groups) => report(t('{0} read-only groups loaded', groups)) });
    // After the walk above everything is loaded: the primaries' own networks cost no further call.
    const instanceNetworks = await deps.networks.instanceNetworksUnder(node, { signal });
    return groupNetworks === undefined || instanceNetworks === undefined ? undefined : { groupNetworks, instanceNetworks };
  });
  if (both === undefined) throw new UserFacingError(t('Run this command from an item of the Read-Only Groups view.'));

  const { exportable, leftOut } = await splitExportableInTurns(both.groupNetworks);
  const instances = await splitExportableInTurns(both.instanceNetworks, leftOut);
  if (exportable.length === 0 && instances.exportable.length === 0) {
    const why = leftOut.size > 0 ? ` ${leftOutText(leftOut, t)}` : '';
    deps.window.show('info', t('{0} has no network to export.', scope) + why);
    return;
  }
  const input = { networks: exportable, instanceNetworks: instances.exportable, scope, generatedAt: deps.now() };
  const securityGroups = format === 'terraform' ? await securityGroupsWithProgress(deps, exportable.map((item) => item.group)) : undefined;
  // A whole account is thousands of resources: written in chunks, the extension host stays responsive meanwhile.
  const content = await withCancellableProgress(t('Writing the export of {0}…', scope), (signal) =>
    securityGroups ? terraformExportInChunks({ ...input, securityGroups }, { signal }) : tccliScriptInChunks(input, { signal }));
  const language = format === 'terraform' ? await terraformLanguage() : 'shellscript';
  const document = await vscode.workspace.openTextDocument({ language, content });
  await vscode.window.showTextDocument(document, { preview: false });
  if (leftOut.size > 0) deps.window.show('info', leftOutText(leftOut, t));
}

/** The bound security groups of every distinct group, read with progress and Cancel (each group's resource lists them). */
async function securityGroupsWithProgress(deps: ExportDeps, groups: readonly { readonly region: string; readonly id: string }[]): ReturnType<typeof readSecurityGroups> {
  const t = vscode.l10n.t;
  const distinct = [...new Map(groups.map((group) => [group.id, group])).values()];
  return withCancellableProgress(t('Reading the security groups of {0} read-only groups…', distinct.length), (signal, report) =>
    readSecurityGroups(distinct, deps.securityGroupsOf, { signal, onProgress: (done) => report(t('{0} of {1}', done, distinct.length)) }));
}

/** A notification with progress and Cancel; Cancel aborts `signal` with a CancellationError, which ends the command quietly. */
function withCancellableProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    const subscription = token.onCancellationRequested(() => abort.abort(new vscode.CancellationError()));
    try {
      return await work(abort.signal, (message) => progress.report({ message }));
    } finally {
      subscription.dispose();
    }
  });
}

/** Terraform's language when an extension provides it; otherwise plain text rather than a failure. */
async function terraformLanguage(): Promise<string> {
  const languages = await vscode.languages.getLanguages();
  return languages.includes('terraform') ? 'terraform' : 'plaintext';
}
