import type { Command } from 'commander';
import { applyCatalogue, readCatalogueFile, STARTER_CATALOGUE } from '@docketwatch/catalogue';
import { isDocketwatchError } from '@docketwatch/core';
import { withDatabase } from '../cli-database';
import { exitWith, type CommandContext } from '../command-context';

export function registerCatalogueCommand(program: Command, ctx: CommandContext): void {
  const catalogue = program.command('catalogue').description('load or check a catalogue of matters, dockets, sources and subscriptions');
  catalogue
    .command('load')
    .description('load a catalogue into the database (default: the starter catalogue)')
    .argument('[file]', 'the catalogue YAML')
    .action(exitWith(ctx, (file?: string) => loadCatalogue(ctx, file ?? STARTER_CATALOGUE)));
  catalogue
    .command('check')
    .description('validate a catalogue without touching the database; lists every problem with its path')
    .argument('<file>', 'the catalogue YAML')
    .action(exitWith(ctx, (file: string) => checkCatalogue(ctx, file)));
}

async function loadCatalogue(ctx: CommandContext, file: string): Promise<number> {
  const catalogue = readCatalogueFile(file);
  const report = await withDatabase(ctx.env, (db) => applyCatalogue(db, catalogue));
  ctx.io.out(
    `loaded ${file}: ${report.matters} matters, ${report.dockets} dockets, ${report.sources} sources, ${report.subscriptions} subscriptions\n`,
  );
  return 0;
}

async function checkCatalogue(ctx: CommandContext, file: string): Promise<number> {
  try {
    const cat = readCatalogueFile(file);
    ctx.io.out(`${file}: ${cat.matters.length} matters, ${cat.feeds.length} feeds: valid\n`);
    return 0;
  } catch (err) {
    // The whole message: its first line names the file, each following line one problem and its path.
    if (!isDocketwatchError(err) || err.code !== 'CATALOGUE_INVALID') throw err;
    ctx.io.err(`docketwatch catalogue check: ${err.message}\n`);
    return 1;
  }
}
