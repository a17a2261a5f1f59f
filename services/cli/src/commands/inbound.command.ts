import os from 'node:os';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createLogger } from '@docketwatch/log';
import { withDatabase } from '../cli-database';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';

interface ReplayOptions {
  trust?: boolean;
  reason?: string;
}

export function registerInboundCommand(program: Command, ctx: CommandContext): void {
  const inbound = program.command('inbound').description('court notices received by mail, upload or webhook');
  inbound
    .command('replay')
    .description('parse and ingest kept notices again (default: every one that failed; quarantined ones only with --trust)')
    .argument('[ids...]', 'kept message ids')
    .option('--trust', "ingest the named quarantined messages: you vouch that they are the court's")
    .option('--reason <text>', 'why you trust them (required with --trust; logged with your user name)')
    .action(exitWith(ctx, (ids: string[], options: ReplayOptions) => replayInbound(ctx, ids, options)));
}

async function replayInbound(ctx: CommandContext, ids: string[], options: ReplayOptions): Promise<number> {
  const { io } = ctx;
  if (ids.some((id) => !/^\d{1,15}$/.test(id))) {
    io.err('docketwatch inbound: use "inbound replay [ID ...]"\n');
    return USAGE_ERROR;
  }
  const reason = options.reason?.trim() ?? '';
  if (options.trust && (ids.length === 0 || reason === '')) {
    io.err('docketwatch inbound replay: --trust takes the message IDs to trust and --reason "why"\n');
    return USAGE_ERROR;
  }
  if (options.trust) logTrust(ctx, ids.map(Number), reason);
  const { replayInboundMessages } = await import('@docketwatch/ingest');
  const report = await withDatabase(ctx.env, (db) => replayInboundMessages(db, { ids: ids.map(Number), trust: options.trust === true }));
  io.out(`replayed ${report.replayed}: ${report.ingested} ingested, ${report.failed.length} still failing, ${report.events} new alerts\n`);
  for (const f of report.failed) io.out(`  #${f.id}: ${f.reason.split('\n')[0]}\n`);
  for (const r of report.refused) io.out(`  #${r.id}: quarantined (${r.reason.split('\n')[0]}); only --trust --reason "why" ingests it\n`);
  return report.failed.length === 0 && report.refused.length === 0 ? 0 : 1;
}

/** Ingesting mail nobody authenticated is the operator's decision: who took it, and why, is logged. */
function logTrust(ctx: CommandContext, ids: number[], reason: string): void {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      ctx.io.err(chunk.toString());
      done();
    },
  });
  const log = createLogger({ name: 'docketwatch', destination });
  log.warn({ inboundMessageIds: ids, by: operatorName(ctx.env), reason }, "ingesting quarantined inbound messages on the operator's word");
}

function operatorName(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    return env.USER ?? env.LOGNAME ?? 'unknown';
  }
}
