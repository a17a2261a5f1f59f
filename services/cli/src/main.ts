import { Command, CommanderError } from 'commander';
import { registerBackfillCommand } from './commands/backfill.command';
import { registerCatalogueCommand } from './commands/catalogue.command';
import { registerCourtListenerCommand } from './commands/courtlistener.command';
import { registerDeliveriesCommand } from './commands/deliveries.command';
import { registerInboundCommand } from './commands/inbound.command';
import { registerMigrateCommand } from './commands/migrate.command';
import { registerParseCommand } from './commands/parse.command';
import { registerSourcesCommand } from './commands/sources.command';
import { registerStartCommand } from './commands/start.command';
import { registerTokenCommand } from './commands/token.command';
import { stdio, USAGE_ERROR, type CommandContext, type Io } from './command-context';
import { describeError } from './describe-error';

/**
 * The `docketwatch` command. Commander parses every subcommand's arguments and prints its help, so
 * `--help` anywhere only prints (it never reaches an action), and an unknown option is an error
 * rather than an argument.
 */
function buildProgram(ctx: CommandContext): Command {
  const program = new Command('docketwatch')
    .description('court-docket monitoring: one timeline per matter, each subscriber alerted once per new entry')
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.out, writeErr: ctx.io.err })
    .showHelpAfterError('(docketwatch --help lists the commands; docketwatch COMMAND --help describes one)');
  registerParseCommand(program, ctx);
  registerStartCommand(program, ctx);
  registerMigrateCommand(program, ctx);
  registerCatalogueCommand(program, ctx);
  registerTokenCommand(program, ctx);
  registerSourcesCommand(program, ctx);
  registerDeliveriesCommand(program, ctx);
  registerBackfillCommand(program, ctx);
  registerInboundCommand(program, ctx);
  registerCourtListenerCommand(program, ctx);
  return program;
}

export async function main(argv: string[], io: Io = stdio, env = process.env): Promise<number> {
  if (io === stdio) endQuietlyWhenStdoutCloses();
  const ctx: CommandContext = { io, env, exitCode: 0 };
  const program = buildProgram(ctx);
  if (argv.length === 0) {
    io.out(program.helpInformation());
    return USAGE_ERROR;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return ctx.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : USAGE_ERROR;
    io.err(`docketwatch: ${describeError(err)}\n`);
    return 1;
  }
}

/** `docketwatch parse FILE | head` closes stdout early: the reader has what it wanted, which is no failure. */
function endQuietlyWhenStdoutCloses(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(0);
  });
}
