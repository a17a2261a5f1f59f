import type { Command } from 'commander';
import { loadConfig } from '@docketwatch/config';
import { listPinnedCourtListenerIds } from '@docketwatch/db';
import { outboundHttp } from '../outbound-http';
import { CourtListenerClient, syncDocketAlerts } from '@docketwatch/sources';
import { withDatabase } from '../cli-database';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';

interface SyncOptions {
  dryRun?: boolean;
}

export function registerCourtListenerCommand(program: Command, ctx: CommandContext): void {
  const courtListener = program.command('courtlistener').description("the CourtListener account's side of docketwatch");
  const alerts = courtListener.command('alerts').description('docket alerts: what makes CourtListener send its webhook for a docket');
  alerts
    .command('sync')
    .description('create a docket alert for every pinned CourtListener docket id that has none (COURTLISTENER_TOKEN is the account)')
    .option('--dry-run', 'only say which alerts would be created')
    .action(exitWith(ctx, (options: SyncOptions) => syncAlerts(ctx, options)));
}

async function syncAlerts(ctx: CommandContext, options: SyncOptions): Promise<number> {
  const { io } = ctx;
  const config = loadConfig(ctx.env);
  const token = config.courtListener.token;
  if (!token) {
    io.err('docketwatch courtlistener alerts sync: set COURTLISTENER_TOKEN to the API token of the account that receives the webhooks\n');
    return USAGE_ERROR;
  }
  const pinned = await withDatabase(ctx.env, (db) => listPinnedCourtListenerIds(db));
  const http = outboundHttp(config);
  try {
    // A one-off run: the account's windows pace it, not a poller's steady spacing.
    const client = new CourtListenerClient({
      http,
      token,
      baseUrl: config.courtListener.url,
      minIntervalMs: 0,
      ...(config.courtListener.limits ? { rateLimits: config.courtListener.limits } : {}),
    });
    const sync = await syncDocketAlerts(client, pinned, { dryRun: options.dryRun === true });
    const verb = options.dryRun ? 'would create' : 'created';
    for (const id of sync.created) io.out(`${verb} an alert for CourtListener docket ${id}\n`);
    for (const id of sync.turnedOff) io.out(`CourtListener docket ${id}: its alert was turned off on CourtListener; left off\n`);
    io.err(
      `${pinned.length} pinned: ${sync.existing.length} had an alert, ${verb} ${sync.created.length}, ${sync.turnedOff.length} turned off\n`,
    );
    return 0;
  } finally {
    await http.close();
  }
}
