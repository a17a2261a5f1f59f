import type { Command } from 'commander';
import { ALL_ROLES, type Role } from '../roles';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';

export function registerStartCommand(program: Command, ctx: CommandContext): void {
  program
    .command('start')
    .description('run docketwatch; with no roles, everything in one process')
    .argument('[roles...]', `the roles to run (${ALL_ROLES.join(', ')}); separate roles need DATABASE_URL`)
    .action(exitWith(ctx, (roles: string[]) => startCommand(ctx, roles)));
}

async function startCommand(ctx: CommandContext, args: string[]): Promise<number> {
  const { io, env } = ctx;
  const roles = args.length === 0 ? ALL_ROLES : args;
  const unknown = roles.filter((r) => !ALL_ROLES.includes(r as Role));
  if (unknown.length > 0) {
    io.err(`docketwatch start: unknown role(s) ${unknown.join(', ')} (roles: ${ALL_ROLES.join(', ')})\n`);
    return USAGE_ERROR;
  }
  // Loaded here, not at the top: `parse` should not pay for queues, servers and databases.
  const { Runtime } = await import('../runtime.js');
  const runtime = Runtime.fromEnv(env, roles as Role[]);
  try {
    await runtime.start();
  } catch (err) {
    await runtime.stop().catch(() => undefined);
    throw err;
  }
  if (runtime.address) {
    io.out(`docketwatch is running: ${runtime.address}  (web UI and API; /healthz for health)\n`);
    if (runtime.adminSignInUrl) io.out(`admin (outbox, sources): open ${runtime.adminSignInUrl}  (works once)\n`);
  } else {
    io.out(`docketwatch ${roles.join(', ')} running\n`);
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      runtime.log.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  await runtime.stop();
  return 0;
}
