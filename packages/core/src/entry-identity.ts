import { createHash } from 'node:crypto';
import type { ParsedAttachment, ParsedEntry } from './parsed-document';

/**
 * What identifies a filing within its docket, whichever source reported it.
 * A document number is unique within a docket; entries without one (minute entries, most
 * Supreme Court proceedings) are identified by their day and their text.
 */
export function entryNaturalKey(
  entry: Pick<ParsedEntry, 'entryNumber' | 'pacerDocId' | 'filedAt' | 'shortDescription' | 'description'>,
): string {
  if (entry.entryNumber) return `n:${entry.entryNumber}`;
  if (entry.pacerDocId) return `d:${entry.pacerDocId}`;
  const text = normaliseText(entry.description || entry.shortDescription);
  return `t:${entry.filedAt.slice(0, 10)}:${sha256(text).slice(0, 24)}`;
}

/** The stored shape of an entry, in the terms the store compares and merges. */
export interface EntryContent {
  entryNumber: string | null;
  filedAt: string;
  shortDescription: string;
  description: string;
  documentUrl: string | null;
  pacerDocId: string | null;
  attachments: ParsedAttachment[];
}

/**
 * Sources disagree in detail: an RSS item has a short description and a time, a docket report
 * the full text. Merging keeps the richest value of each field, so a poorer sighting never
 * downgrades what is stored and only new information counts as an update.
 */
export function mergeEntryContent(stored: EntryContent, seen: EntryContent): EntryContent {
  return {
    entryNumber: stored.entryNumber ?? seen.entryNumber,
    filedAt: stored.filedAt.includes('T') || !seen.filedAt.includes('T') ? stored.filedAt : seen.filedAt,
    shortDescription: stored.shortDescription || seen.shortDescription,
    description: longer(stored.description, seen.description),
    documentUrl: stored.documentUrl ?? seen.documentUrl,
    pacerDocId: stored.pacerDocId ?? seen.pacerDocId,
    attachments: seen.attachments.length > stored.attachments.length ? seen.attachments : stored.attachments,
  };
}

/**
 * A source that changes what it said about an entry is revising it (the clerk edited the text,
 * marked it "filed in error", sealed it): its new values win wherever it gives one.
 */
export function reviseEntryContent(stored: EntryContent, revised: EntryContent): EntryContent {
  return {
    entryNumber: revised.entryNumber ?? stored.entryNumber,
    filedAt: revised.filedAt || stored.filedAt,
    shortDescription: revised.shortDescription || stored.shortDescription,
    description: revised.description || stored.description,
    documentUrl: revised.documentUrl ?? stored.documentUrl,
    pacerDocId: revised.pacerDocId ?? stored.pacerDocId,
    attachments: revised.attachments.length > 0 ? revised.attachments : stored.attachments,
  };
}

export function entryContentHash(content: EntryContent): string {
  return sha256(
    JSON.stringify([
      content.entryNumber,
      content.filedAt,
      content.shortDescription,
      content.description,
      content.documentUrl,
      content.pacerDocId,
      content.attachments.map((a) => [a.attachmentNumber, a.description, a.documentUrl]),
    ]),
  );
}

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function normaliseText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function longer(a: string, b: string): string {
  return b.trim().length > a.trim().length ? b : a;
}
