import type { Command } from 'commander';
import { replayDeadDeliveries, replayDelivery } from '@docketwatch/db';
import { withDatabase } from '../cli-database';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';

export function registerDeliveriesCommand(program: Command, ctx: CommandContext): void {
  const deliveries = program.command('deliveries').description('alerts on their way to subscribers');
  deliveries
    .command('replay')
    .description('send a dead delivery again (the notifier picks it up on its next tick)')
    .argument('[id]', 'the dead delivery to replay')
    .option('--dead', 'replay every dead delivery')
    .action(exitWith(ctx, (id: string | undefined, options: { dead?: boolean }) => replayCommand(ctx, id, options)));
}

async function replayCommand(ctx: CommandContext, id: string | undefined, options: { dead?: boolean }): Promise<number> {
  const { io } = ctx;
  if (Boolean(id) === Boolean(options.dead)) {
    io.err('docketwatch deliveries replay: give one delivery ID, or --dead for every dead one\n');
    return USAGE_ERROR;
  }
  if (options.dead) {
    const ids = await withDatabase(ctx.env, replayDeadDeliveries);
    io.out(ids.length === 0 ? 'no dead deliveries\n' : `replaying ${ids.length} dead deliveries: ${ids.join(', ')}\n`);
    return 0;
  }
  if (!/^\d{1,15}$/.test(id!)) {
    io.err(`docketwatch deliveries replay: "${id}" is not a delivery id\n`);
    return USAGE_ERROR;
  }
  const replayed = await withDatabase(ctx.env, (db) => replayDelivery(db, Number(id)));
  if (!replayed) {
    io.err(`docketwatch deliveries replay: no dead delivery ${id} (it does not exist, or it is not dead)\n`);
    return 1;
  }
  io.out(`replaying delivery ${id}\n`);
  return 0;
}
