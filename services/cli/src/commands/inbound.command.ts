import type { Command } from 'commander';
import { withDatabase } from '../cli-database';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';

export function registerInboundCommand(program: Command, ctx: CommandContext): void {
  const inbound = program.command('inbound').description('court notices received by mail, upload or webhook');
  inbound
    .command('replay')
    .description('parse and ingest kept notices again (default: every one that failed)')
    .argument('[ids...]', 'kept message ids')
    .action(exitWith(ctx, (ids: string[]) => replayInbound(ctx, ids)));
}

async function replayInbound(ctx: CommandContext, ids: string[]): Promise<number> {
  const { io } = ctx;
  if (ids.some((id) => !/^\d+$/.test(id))) {
    io.err('docketwatch inbound: use "inbound replay [ID ...]"\n');
    return USAGE_ERROR;
  }
  const { replayInboundMessages } = await import('@docketwatch/ingest');
  const report = await withDatabase(ctx.env, (db) => replayInboundMessages(db, { ids: ids.map(Number) }));
  io.out(`replayed ${report.replayed}: ${report.ingested} ingested, ${report.failed.length} still failing, ${report.events} new alerts\n`);
  for (const f of report.failed) io.out(`  #${f.id}: ${f.reason.split('\n')[0]}\n`);
  return report.failed.length === 0 ? 0 : 1;
}
