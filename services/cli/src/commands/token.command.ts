import type { Command } from 'commander';
import { API_SCOPES, isApiScope, type ApiScope } from '@docketwatch/core';
import { createApiToken } from '@docketwatch/db';
import { withDatabase } from '../cli-database';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';

/** Starts with a letter or digit, so a name can never be mistaken for an option. */
const TOKEN_NAME = /^[A-Za-z0-9][\w.-]{0,63}$/;
/** A lifetime in days ("90d"): tokens are handed out for months, not minutes. */
const LIFETIME = /^([1-9][0-9]{0,4})d$/;
const DAY_MS = 24 * 3600 * 1000;

interface TokenOptions {
  scope: string[];
  expires?: string;
}

export function registerTokenCommand(program: Command, ctx: CommandContext): void {
  const token = program.command('token').description('API tokens for uploads and admin calls');
  token
    .command('create')
    .description('make an API token (printed once, stored hashed); making one with a name in use replaces it')
    .argument('<name>', 'what the token is for: letters, digits, . _ - (at most 64)')
    .option(
      '--scope <scope...>',
      `what it may do, one or more of: ${API_SCOPES.join(', ')} (admin covers everything)`,
      (value: string, previous: string[] = []) => [...previous, ...value.split(',')],
    )
    .option('--expires <days>', 'refused after this many days, e.g. 90d (default: never)')
    .action(exitWith(ctx, (name: string, options: TokenOptions) => createToken(ctx, name, options)));
}

async function createToken(ctx: CommandContext, name: string, options: TokenOptions): Promise<number> {
  const usage = (message: string) => {
    ctx.io.err(`docketwatch token create: ${message}\n`);
    return USAGE_ERROR;
  };
  if (!TOKEN_NAME.test(name)) return usage(`"${name}" is not a token name (letters, digits, . _ -, starting with a letter or digit)`);
  const scopes = (options.scope ?? ['admin']).map((s) => s.trim()).filter(Boolean);
  const unknown = scopes.filter((s) => !isApiScope(s));
  if (unknown.length > 0 || scopes.length === 0) {
    return usage(`${unknown.map((s) => `"${s}"`).join(', ') || 'no scope'}: scopes are ${API_SCOPES.join(', ')}`);
  }
  const lifetime = options.expires === undefined ? null : LIFETIME.exec(options.expires);
  if (lifetime === null && options.expires !== undefined)
    return usage(`--expires "${options.expires}" is not a number of days such as 90d`);
  const expiresAt = lifetime ? new Date(Date.now() + Number(lifetime[1]) * DAY_MS) : null;
  const token = await withDatabase(ctx.env, (db) => createApiToken(db, name, { scopes: scopes as ApiScope[], expiresAt }));
  ctx.io.out(`${token}\n`);
  ctx.io.err(`${name}: ${scopes.join(', ')}${expiresAt ? `, until ${expiresAt.toISOString()}` : ''}\n`);
  return 0;
}
