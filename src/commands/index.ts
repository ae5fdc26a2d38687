import type { CommandContext } from './registerCommand';
import { registerCommand } from './registerCommand';

export type { CommandContext, CommandHandler } from './registerCommand';
export { registerCommand, UserFacingError, reportCommandFailure } from './registerCommand';

/** Commands that belong to no feature in particular. */
export function registerCommonCommands(commands: CommandContext): void {
  registerCommand(commands, 'tencentdbPostgres.showLog', () => commands.log.show(true));
}
