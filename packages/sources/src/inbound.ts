import { ParseError, type ParsedDocument } from '@docketwatch/core';
import { decodeBody } from '@docketwatch/http';
import { detectFormat, parseDocument } from './detect-format';

/**
 * Mail arriving at docketwatch: a CM/ECF Notice of Electronic Filing or a supremecourt.gov docket
 * e-mail, whichever it is. Anything else is refused with PARSE_UNRECOGNISED.
 */
export async function parseInboundEmail(raw: Buffer | string): Promise<ParsedDocument> {
  const head = typeof raw === 'string' ? raw : raw.subarray(0, 1024 * 1024).toString('latin1');
  const format = detectFormat(head);
  if (format !== 'nef-email' && format !== 'scotus-email') {
    throw new ParseError('PARSE_UNRECOGNISED', 'not a CM/ECF notice of electronic filing or a supremecourt.gov docket e-mail');
  }
  return parseDocument(raw, { format });
}

/** A file uploaded into a push source: the source's kind says what it must be. */
export async function parseUpload(kind: string, raw: Buffer): Promise<ParsedDocument> {
  if (kind === 'nef-email' || kind === 'scotus-email') return parseInboundEmail(raw);
  if (kind === 'pacer-docket') return parseDocument(decodeBody(raw, null), { format: 'pacer-docket' });
  throw new ParseError('PARSE_UNRECOGNISED', `a ${kind} source takes no uploads`);
}
