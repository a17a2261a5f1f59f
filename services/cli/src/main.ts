import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { isDocketwatchError } from '@docketwatch/core';
import { loadConfig } from '@docketwatch/config';
import { applyCatalogue, readCatalogueFile, STARTER_CATALOGUE } from '@docketwatch/catalogue';
import { createApiToken, migrateToLatest, openDatabase } from '@docketwatch/db';
import { documentFormats, parseDocument, type DocumentFormat } from '@docketwatch/sources';
import { ALL_ROLES, type Role } from './roles';

const USAGE = `usage: docketwatch <command>

  parse FILE [--format ${documentFormats.join('|')}] [--court ID]
                         parse a court document and print it as JSON (format detected when omitted)
  start [ROLE ...]       run docketwatch; with no roles, everything in one process
                         (roles: ${ALL_ROLES.join(', ')}; separate roles need DATABASE_URL)
  migrate                bring the database schema up to date
  catalogue load [FILE]  load a catalogue of matters, dockets, sources and subscriptions
                         (default: the starter catalogue)
  catalogue check FILE   validate a catalogue without touching the database
  token create NAME      make an API token for uploads and admin calls (printed once, stored hashed)
  inbound replay [ID ...]  parse and ingest kept notices again (default: every one that failed)
`;

type Io = { out: (s: string) => void; err: (s: string) => void };
const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function main(argv: string[], io: Io = stdio, env = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'parse':
        return await parseCommand(rest, io);
      case 'migrate':
        return await migrateCommand(env, io);
      case 'catalogue':
        return await catalogueCommand(rest, env, io);
      case 'inbound':
        return await inboundCommand(rest, env, io);
      case 'token':
        return await tokenCommand(rest, env, io);
      case 'start':
        return await startCommand(rest, env, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`docketwatch: unknown command "${command}"\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    io.err(`docketwatch: ${oneLine(err)}\n`);
    return 1;
  }
}

function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return isDocketwatchError(err) ? `${err.code}: ${text.split('\n')[0]}` : text;
}

async function parseCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string' }, court: { type: 'string' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    io.err('docketwatch parse: give exactly one FILE\n');
    return 2;
  }
  if (values.format && !documentFormats.includes(values.format as DocumentFormat)) {
    io.err(`docketwatch parse: unknown format "${values.format}" (known: ${documentFormats.join(', ')})\n`);
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    io.err(`docketwatch parse: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 1;
  }
  try {
    const doc = await parseDocument(bytes, {
      ...(values.format ? { format: values.format as DocumentFormat } : {}),
      ...(values.court ? { court: values.court } : {}),
    });
    io.out(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  } catch (err) {
    io.err(`docketwatch parse: ${file}: ${oneLine(err)}\n`);
    return 1;
  }
}

async function withDatabase<T>(env: NodeJS.ProcessEnv, fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const handle = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir, poolSize: 2 });
  try {
    await migrateToLatest(handle.db);
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

async function migrateCommand(env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  await withDatabase(env, async () => undefined);
  io.out('database schema is up to date\n');
  return 0;
}

async function catalogueCommand(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const [sub, file] = args;
  if (sub === 'check' && file) {
    const cat = readCatalogueFile(file);
    io.out(`${file}: ${cat.matters.length} matters, ${cat.feeds.length} feeds: valid\n`);
    return 0;
  }
  if (sub === 'load') {
    const path = file ?? STARTER_CATALOGUE;
    const catalogue = readCatalogueFile(path);
    const report = await withDatabase(env, (db) => applyCatalogue(db, catalogue));
    io.out(
      `loaded ${path}: ${report.matters} matters, ${report.dockets} dockets, ${report.sources} sources, ${report.subscriptions} subscriptions\n`,
    );
    return 0;
  }
  io.err('docketwatch catalogue: use "catalogue load [FILE]" or "catalogue check FILE"\n');
  return 2;
}

async function inboundCommand(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const [sub, ...ids] = args;
  if (sub !== 'replay' || ids.some((id) => !/^\d+$/.test(id))) {
    io.err('docketwatch inbound: use "inbound replay [ID ...]"\n');
    return 2;
  }
  const { replayInboundMessages } = await import('@docketwatch/ingest');
  const report = await withDatabase(env, (db) => replayInboundMessages(db, { ids: ids.map(Number) }));
  io.out(`replayed ${report.replayed}: ${report.ingested} ingested, ${report.failed.length} still failing, ${report.events} new alerts\n`);
  for (const f of report.failed) io.out(`  #${f.id}: ${f.reason.split('\n')[0]}\n`);
  return report.failed.length === 0 ? 0 : 1;
}

async function tokenCommand(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const [sub, name] = args;
  if (sub !== 'create' || !name || !/^[\w.-]{1,64}$/.test(name)) {
    io.err('docketwatch token: use "token create NAME" (letters, digits, . _ -)\n');
    return 2;
  }
  const token = await withDatabase(env, (db) => createApiToken(db, name));
  io.out(`${token}\n`);
  return 0;
}

async function startCommand(args: string[], env: NodeJS.ProcessEnv, io: Io): Promise<number> {
  const roles = args.length === 0 ? ALL_ROLES : args;
  const unknown = roles.filter((r) => !ALL_ROLES.includes(r as Role));
  if (unknown.length > 0) {
    io.err(`docketwatch start: unknown role(s) ${unknown.join(', ')} (roles: ${ALL_ROLES.join(', ')})\n`);
    return 2;
  }
  // Loaded here, not at the top: `parse` should not pay for queues, servers and databases.
  const { Runtime } = await import('./runtime.js');
  const runtime = Runtime.fromEnv(env, roles as Role[]);
  try {
    await runtime.start();
  } catch (err) {
    await runtime.stop().catch(() => undefined);
    throw err;
  }
  if (runtime.address) {
    io.out(`docketwatch is running: ${runtime.address}  (web UI and API; /healthz for health)\n`);
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
