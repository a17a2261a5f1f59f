import type { Command } from 'commander';
import { loadConfig } from '@docketwatch/config';
import { getSource, listSources, type Source } from '@docketwatch/db';
import { RobotsRules } from '@docketwatch/http';
import { outboundHttp } from '../outbound-http';
import { createLogger } from '@docketwatch/log';
import { CourtListenerClient, pollDriverOf } from '@docketwatch/sources';
import { withDatabase } from '../cli-database';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';
import { formatTable } from '../format-table';

export function registerSourcesCommand(program: Command, ctx: CommandContext): void {
  const sources = program.command('sources').description('the courts, feeds, press rooms and mailboxes docketwatch reads');
  sources
    .command('list')
    .description('every source with its health, last success and last error')
    .option('--json', 'print JSON instead of a table')
    .action(exitWith(ctx, (options: { json?: boolean }) => listCommand(ctx, options)));
  sources
    .command('poll')
    .description('poll one source now, in this process, and print what it found')
    .argument('<id>', 'the source id (see sources list)')
    .action(exitWith(ctx, (id: string) => pollCommand(ctx, id)));
}

/** A source as `sources list --json` prints it. */
function sourceSummary(s: Source) {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    enabled: s.enabled,
    health: s.health,
    lastSuccessAt: s.last_success_at?.toISOString() ?? null,
    lastCheckedAt: s.last_checked_at?.toISOString() ?? null,
    nextCheckAt: s.next_check_at.toISOString(),
    consecutiveFailures: s.consecutive_failures,
    lastErrorCode: s.last_error_code,
    lastError: s.last_error,
  };
}

async function listCommand(ctx: CommandContext, options: { json?: boolean }): Promise<number> {
  const sources = (await withDatabase(ctx.env, listSources)).map(sourceSummary);
  if (options.json) {
    ctx.io.out(`${JSON.stringify(sources, null, 2)}\n`);
    return 0;
  }
  ctx.io.out(
    formatTable(
      ['ID', 'KIND', 'NAME', 'HEALTH', 'LAST SUCCESS', 'LAST ERROR'],
      sources.map((s) => [
        String(s.id),
        s.kind,
        s.name,
        s.enabled ? s.health : 'disabled',
        s.lastSuccessAt ?? 'never',
        s.lastErrorCode ?? '',
      ]),
    ),
  );
  return 0;
}

/**
 * Runs the poll here rather than enqueueing it: the answer is what the poll found, and it works with
 * no poller running. The notifier's next tick sends any alerts (fan-out also runs on every tick).
 */
async function pollCommand(ctx: CommandContext, id: string): Promise<number> {
  const { io, env } = ctx;
  if (!/^\d{1,15}$/.test(id)) {
    io.err(`docketwatch sources poll: "${id}" is not a source id\n`);
    return USAGE_ERROR;
  }
  const config = loadConfig(env);
  const { pollSource } = await import('@docketwatch/poller');
  const http = outboundHttp(config);
  try {
    return await withDatabase(env, async (db) => {
      const source = await getSource(db, Number(id));
      if (!source) {
        io.err(`docketwatch sources poll: no source ${id} (see docketwatch sources list)\n`);
        return 1;
      }
      if (!pollDriverOf(source.kind)) {
        io.err(`docketwatch sources poll: source ${id} is a ${source.kind} source: its documents are pushed to it, never polled\n`);
        return 1;
      }
      if (!source.enabled) {
        io.err(`docketwatch sources poll: source ${id} is disabled\n`);
        return 1;
      }
      const report = await pollSource(
        {
          db,
          http,
          // The outcome is printed below; the log (on stderr, off stdout) adds detail only when asked for.
          log: createLogger({
            name: 'docketwatch',
            level: config.logLevel === 'debug' || config.logLevel === 'trace' ? config.logLevel : 'error',
            destination: process.stderr,
          }),
          courtListener: config.courtListener.token
            ? new CourtListenerClient({
                http,
                token: config.courtListener.token,
                baseUrl: config.courtListener.url,
                rateLimits: config.courtListener.limits ?? undefined,
              })
            : null,
          robots: new RobotsRules(http, config.fetch.userAgent),
        },
        source.id,
      );
      const after = sourceSummary((await getSource(db, source.id))!);
      if (report.status === 'failed') {
        io.err(`docketwatch sources poll: source ${id} (${source.name}) failed: ${after.lastErrorCode}: ${after.lastError}\n`);
        return 1;
      }
      const baseline = report.baseline ? ' (its first look: a baseline, no alerts)' : '';
      io.out(
        `polled source ${id} (${source.name}): ${report.status}; ${report.created} new entries, ${report.updated} updated, ${report.events} alerts queued${baseline}; health ${after.health}\n`,
      );
      return 0;
    });
  } finally {
    await http.close();
  }
}
