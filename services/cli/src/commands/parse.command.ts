import fs from 'node:fs';
import type { Command } from 'commander';
import { documentFormats, parseDocument, type DocumentFormat } from '@docketwatch/sources';
import { describeError } from '../describe-error';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';

export function registerParseCommand(program: Command, ctx: CommandContext): void {
  program
    .command('parse')
    .description('parse a court document and print it as JSON (format detected when omitted)')
    .argument('<file>', 'the document: a feed, docket page, docket report or notice e-mail')
    .option('--format <format>', `read it as this format (${documentFormats.join(', ')})`)
    .option('--court <id>', 'the court id, for documents that do not name their court')
    .action(exitWith(ctx, (file: string, options: { format?: string; court?: string }) => parseCommand(ctx, file, options)));
}

async function parseCommand(ctx: CommandContext, file: string, options: { format?: string; court?: string }): Promise<number> {
  const { io } = ctx;
  if (options.format && !documentFormats.includes(options.format as DocumentFormat)) {
    io.err(`docketwatch parse: unknown format "${options.format}" (known: ${documentFormats.join(', ')})\n`);
    return USAGE_ERROR;
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
      ...(options.format ? { format: options.format as DocumentFormat } : {}),
      ...(options.court ? { court: options.court } : {}),
    });
    io.out(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  } catch (err) {
    io.err(`docketwatch parse: ${file}: ${describeError(err)}\n`);
    return 1;
  }
}
