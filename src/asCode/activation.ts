import type { CommandContext } from '../ui/commands';
import { registerCommand } from '../ui/commands';
import { copyAsTerraform, copyCamPolicy } from './copyCommands';
import { exportNetworks } from './exportNetworks';
import type { NetworksBelow, SecurityGroupsOf } from './ports';

export type { NetworksBelow, SecurityGroupsOf } from './ports';

export const COPY_AS_TERRAFORM_COMMAND = 'tencentdbPostgres.copyAsTerraform';
export const EXPORT_TERRAFORM_COMMAND = 'tencentdbPostgres.exportTerraform';
export const EXPORT_TCCLI_COMMAND = 'tencentdbPostgres.exportTccli';
export const COPY_CAM_POLICY_COMMAND = 'tencentdbPostgres.copyCamPolicy';

export interface AsCodeDeps {
  readonly commands: CommandContext;
  /** The tree's networks below a node, loaded if needed. */
  readonly networks: NetworksBelow;
  /** The security groups bound to a group, for its Terraform resource. */
  readonly securityGroupsOf: SecurityGroupsOf;
  readonly now: () => Date;
}

/** Networks as code: Terraform and tccli exports of the tree's networks, and the CAM policy the extension needs. */
export function registerAsCode(deps: AsCodeDeps): void {
  registerCommand(deps.commands, COPY_AS_TERRAFORM_COMMAND, (node?: unknown) => copyAsTerraform(node, deps.securityGroupsOf));
  registerCommand(deps.commands, EXPORT_TERRAFORM_COMMAND, (node?: unknown) => exportNetworks(deps, node, 'terraform'));
  registerCommand(deps.commands, EXPORT_TCCLI_COMMAND, (node?: unknown) => exportNetworks(deps, node, 'tccli'));
  registerCommand(deps.commands, COPY_CAM_POLICY_COMMAND, () => copyCamPolicy());
}
