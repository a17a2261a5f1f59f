import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getSource, markInboundMessage, recordInboundMessage, type Db, type Source } from '@docketwatch/db';
import { uploadableKindIds } from '@docketwatch/sources';
import { withDatabase } from '../cli-database';
import { exitWith, USAGE_ERROR, type CommandContext } from '../command-context';
import { describeError } from '../describe-error';
import { isMbox, splitMbox } from '../mbox';
import { ProgressBar } from '../progress-bar';

export function registerBackfillCommand(program: Command, ctx: CommandContext): void {
  program
    .command('backfill')
    .description(
      'ingest saved documents into a push source: CM/ECF docket reports (stored as history, no alerts) or notice e-mails (.eml, .mbox)',
    )
    .argument('<files...>', 'docket reports, .eml messages or .mbox files')
    .requiredOption('--source <id>', `the source to ingest into (a ${uploadableKindIds.join(', ')} source; see sources list)`)
    .action(exitWith(ctx, (files: string[], options: { source: string }) => backfillCommand(ctx, files, options.source)));
}

interface Document {
  name: string;
  raw: Buffer;
}

/** Every document in the files, an mbox counting as its messages; a file that cannot be read stops the backfill before anything is stored. */
function readDocuments(files: string[]): Document[] {
  return files.flatMap((file) => {
    const raw = fs.readFileSync(file);
    if (!isMbox(raw)) return [{ name: path.basename(file), raw }];
    return splitMbox(raw).map((message, i) => ({ name: `${path.basename(file)} message ${i + 1}`, raw: message }));
  });
}

async function backfillCommand(ctx: CommandContext, files: string[], sourceId: string): Promise<number> {
  const { io } = ctx;
  if (!/^\d{1,15}$/.test(sourceId)) {
    io.err(`docketwatch backfill: "${sourceId}" is not a source id\n`);
    return USAGE_ERROR;
  }
  const documents = readDocuments(files);
  return withDatabase(ctx.env, async (db) => {
    const source = await getSource(db, Number(sourceId));
    const refusal = !source
      ? `no source ${sourceId} (see docketwatch sources list)`
      : !uploadableKindIds.includes(source.kind)
        ? `source ${sourceId} is a ${source.kind} source, which takes no documents (backfill into a ${uploadableKindIds.join(', ')} source)`
        : !source.enabled
          ? `source ${sourceId} is disabled`
          : null;
    if (refusal || !source) {
      io.err(`docketwatch backfill: ${refusal}\n`);
      return 1;
    }
    const totals = await ingestAll(ctx, db, source, documents);
    io.out(
      `backfilled ${documents.length - totals.failed} of ${documents.length} documents into source ${source.id} (${source.kind}): ` +
        `${totals.created} new entries, ${totals.updated} updated, ${totals.events} alerts queued, ${totals.untracked} untracked dockets\n`,
    );
    return totals.failed === 0 ? 0 : 1;
  });
}

/**
 * Each document as an upload would be: kept raw first (so `inbound replay` can retry a failure after
 * a fix), then ingested in its own transaction, so one bad document costs only itself.
 */
async function ingestAll(ctx: CommandContext, db: Db, source: Source, documents: Document[]) {
  const { ingestPushed } = await import('@docketwatch/ingest');
  const totals = { created: 0, updated: 0, events: 0, untracked: 0, failed: 0 };
  const bar = new ProgressBar(ctx.io.progress, 'backfill', documents.length);
  for (const [i, doc] of documents.entries()) {
    const messageId = await recordInboundMessage(db, {
      sourceId: source.id,
      channel: 'upload',
      sender: 'docketwatch backfill',
      recipient: null,
      raw: doc.raw,
    });
    try {
      const report = await ingestPushed(db, source, 'upload', doc.raw);
      await markInboundMessage(db, messageId, 'ingested');
      totals.created += report.created;
      totals.updated += report.updated;
      totals.events += report.events;
      totals.untracked += report.untracked;
    } catch (err) {
      const reason = describeError(err);
      await markInboundMessage(db, messageId, 'failed', reason.slice(0, 1000));
      totals.failed++;
      bar.finish();
      ctx.io.err(`docketwatch backfill: ${doc.name}: ${reason} (kept as inbound message #${messageId})\n`);
    }
    bar.update(i + 1);
  }
  bar.finish();
  return totals;
}
