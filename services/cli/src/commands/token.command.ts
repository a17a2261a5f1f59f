import type { Command } from 'commander';
import { createApiToken } from '@docketwatch/db';
import { withDatabase } from '../cli-database';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';

/** Starts with a letter or digit, so a name can never be mistaken for an option. */
const TOKEN_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;

export function registerTokenCommand(program: Command, ctx: CommandContext): void {
  const token = program.command('token').description('API tokens for uploads and admin calls');
  token
    .command('create')
    .description('make an API token (printed once, stored hashed)')
    .argument('<name>', 'what the token is for: letters, digits, . _ - (at most 64)')
    .action(exitWith(ctx, (name: string) => createToken(ctx, name)));
}

async function createToken(ctx: CommandContext, name: string): Promise<number> {
  if (!TOKEN_NAME.test(name)) {
    ctx.io.err(`docketwatch token create: "${name}" is not a token name (letters, digits, . _ -, starting with a letter or digit)\n`);
    return USAGE_ERROR;
  }
  const token = await withDatabase(ctx.env, (db) => createApiToken(db, name));
  ctx.io.out(`${token}\n`);
  return 0;
}
