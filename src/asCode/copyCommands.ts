import * as vscode from 'vscode';
import { CLOUD_ACTIONS } from '../cloud/cloudActions';
import type { GroupNetwork, PrimaryInstance, ReadOnlyGroup } from '../domain/model';
import { camPolicyJson } from '../export/camPolicy';
import { recreateRequest, whyNotExportable } from '../export/exportedNetwork';
import { tccliCreateNetworkCommand } from '../export/tccli';
import type { BoundSecurityGroups } from '../export/terraformGroup';
import { groupResourceNameBase, isGroupsOwnNetwork, terraformGroupBlocks, whyGroupNotWritable } from '../export/terraformGroup';
import { instanceNetworkOf, instanceNetworkResourceNameBase, terraformInstanceNetworkBlocks } from '../export/terraformInstanceNetwork';
import { UserFacingError } from '../ui/userFacingError';
import type { WindowUi } from '../ui/windowUi';
import { leftOutText } from './leftOut';
import type { SecurityGroupsOf } from './ports';
import { readSecurityGroups } from './securityGroups';
import { networkArgument, ownerArgument } from '../ui/treeArguments';

/**
 * Copy as Terraform on a group, or on its own network (the group's VPC and subnet): the group's resource and the
 * import block that adopts it. On the group's other network, which no released provider can express, it says so
 * and offers the group's resource or the tccli command instead. On a primary's private network: that network's
 * own resource (tencentcloud_postgresql_instance_network_access) and its import block.
 */
export async function copyAsTerraform(window: WindowUi, node: unknown, securityGroupsOf: SecurityGroupsOf): Promise<void> {
  const t = vscode.l10n.t;
  const target = networkArgument(node);
  if (target?.owner.kind === 'primaryInstance') return copyInstanceNetwork(window, target.owner.instance, target.network);
  if (target?.owner.kind === 'readOnlyGroup') {
    const why = whyNotExportable(target.network);
    if (why !== undefined) throw new UserFacingError(leftOutText(new Map([[why, 1]]), t));
    if (!isGroupsOwnNetwork(target.owner.group, target.network)) return offerInstead(window, target.owner.group, target.network, securityGroupsOf);
  }
  const owner = ownerArgument(node);
  if (owner?.kind !== 'readOnlyGroup') throw new UserFacingError(t('Run this command from an item of the Read-Only Groups view.'));
  await copyGroupResource(window, owner.group, securityGroupsOf);
}

async function offerInstead(window: WindowUi, group: ReadOnlyGroup, network: ReadOnlyGroup['networks'][number], securityGroupsOf: SecurityGroupsOf): Promise<void> {
  const t = vscode.l10n.t;
  const copyGroup = t('Copy Group Resource');
  const copyTccli = t('Copy tccli Command');
  const choice = await window.ask(
    'info',
    t('No released tencentcloud Terraform provider has a resource for {0}:{1}: it is not in the group\'s own VPC and subnet, and the provider manages only that network of a read-only group (tencentcloud_postgresql_readonly_group). Copy the group\'s resource, or the tccli command that creates this network again.', network.ip, network.port),
    [copyGroup, copyTccli],
  );
  if (choice === copyGroup) await copyGroupResource(window, group, securityGroupsOf);
  if (choice === copyTccli) {
    await vscode.env.clipboard.writeText(`${tccliCreateNetworkCommand(recreateRequest({ group, network }))}\n`);
    window.flash(t('Copied the tccli command that creates {0}:{1}', network.ip, network.port));
  }
}

async function copyInstanceNetwork(window: WindowUi, instance: PrimaryInstance, network: GroupNetwork): Promise<void> {
  const t = vscode.l10n.t;
  const why = whyNotExportable(network);
  if (why !== undefined) throw new UserFacingError(leftOutText(new Map([[why, 1]]), t));
  const blocks = terraformInstanceNetworkBlocks(instanceNetworkOf(instance, network), instanceNetworkResourceNameBase(instance, network));
  await vscode.env.clipboard.writeText(`${blocks}\n`);
  window.flash(t('Copied the Terraform resource and import block of {0}:{1}', network.ip, network.port));
}

async function copyGroupResource(window: WindowUi, group: ReadOnlyGroup, securityGroupsOf: SecurityGroupsOf): Promise<void> {
  const t = vscode.l10n.t;
  const why = whyGroupNotWritable(group);
  if (why === 'notVpc') throw new UserFacingError(t('{0} is not in a VPC: the Terraform resource of a read-only group needs its VPC and subnet.', group.id));
  if (why === 'noReplicationSettings') {
    throw new UserFacingError(t('The API did not list the replication settings of {0}, which its Terraform resource requires. Refresh the group and try again.', group.id));
  }
  const securityGroups = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: t('Reading the security groups of {0}…', group.id) },
    () => readSecurityGroups([group], securityGroupsOf, { signal: new AbortController().signal }),
  );
  const bound: BoundSecurityGroups = securityGroups.get(group.id) ?? { kind: 'unknown', reason: 'not read' };
  await vscode.env.clipboard.writeText(`${terraformGroupBlocks(group, bound, groupResourceNameBase(group))}\n`);
  if (bound.kind === 'unknown') {
    window.show('warning', t('Copied the Terraform resource of {0}, but its security groups could not be read ({1}): the resource ignores them, so that it can never plan to change them.', group.id, bound.reason));
    return;
  }
  window.flash(t('Copied the Terraform resource and import block of {0}', group.id));
}

/** The least-privilege CAM policy for every action the extension calls, for the CAM console. */
export async function copyCamPolicy(window: WindowUi): Promise<void> {
  await vscode.env.clipboard.writeText(camPolicyJson(CLOUD_ACTIONS));
  window.show(
    'info',
    vscode.l10n.t('Copied the CAM policy the extension needs. In the CAM console, create a custom policy from this JSON and attach it to the user whose key you sign in with.'),
  );
}
