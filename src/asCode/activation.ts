import { COMMAND } from '../ui/commandIds';
import type { CommandContext } from '../ui/commands';
import { registerCommand } from '../ui/commands';
import { copyAsTerraform, copyCamPolicy } from './copyCommands';
import { exportNetworks } from './exportNetworks';
import type { NetworkSource } from '../ui/networkSource';
import type { SecurityGroupsOf } from './ports';

export type { SecurityGroupsOf } from './ports';

export interface AsCodeDeps {
  readonly commands: CommandContext;
  /** The tree's networks below a node, loaded if needed. */
  readonly networks: NetworkSource;
  /** The security groups bound to a group, for its Terraform resource. */
  readonly securityGroupsOf: SecurityGroupsOf;
  readonly now: () => Date;
}

/** Networks as code: Terraform and tccli exports of the tree's networks, and the CAM policy the extension needs. */
export function registerAsCode(deps: AsCodeDeps): void {
  registerCommand(deps.commands, COMMAND.copyAsTerraform, (node?: unknown) => copyAsTerraform(deps.commands.window, node, deps.securityGroupsOf));
  registerCommand(deps.commands, COMMAND.exportTerraform, (node?: unknown) => exportNetworks({ ...deps, window: deps.commands.window }, node, 'terraform'));
  registerCommand(deps.commands, COMMAND.exportTccli, (node?: unknown) => exportNetworks({ ...deps, window: deps.commands.window }, node, 'tccli'));
  registerCommand(deps.commands, COMMAND.copyCamPolicy, () => copyCamPolicy(deps.commands.window));
}
