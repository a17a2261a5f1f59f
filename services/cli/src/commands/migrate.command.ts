import type { Command } from 'commander';
import { withDatabase } from '../cli-database';
import { exitWith, type CommandContext } from '../command-context';

export function registerMigrateCommand(program: Command, ctx: CommandContext): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (start does it too, unless MIGRATE_ON_START=false)')
    .action(
      exitWith(ctx, async () => {
        await withDatabase(ctx.env, async () => undefined);
        ctx.io.out('database schema is up to date\n');
        return 0;
      }),
    );
}
