import { ParseError, type ParsedDocument } from '@docketwatch/core';
import { looksLikeNefEmail, parseNefEmail } from './nef-email';
import { parseScotusEmail } from './scotus-email';
import { looksLikeScotusEmail } from './scotus-email/detect-scotus-email';

/**
 * Mail arriving at docketwatch: a CM/ECF Notice of Electronic Filing or a supremecourt.gov docket
 * e-mail, whichever it is, whatever mailbox it reached. Anything else is refused with PARSE_UNRECOGNISED.
 */
export async function parseInboundEmail(raw: Buffer | string): Promise<ParsedDocument> {
  const head = typeof raw === 'string' ? raw : raw.subarray(0, 1024 * 1024).toString('latin1');
  if (looksLikeScotusEmail(head)) return parseScotusEmail(raw);
  if (looksLikeNefEmail(head)) return parseNefEmail(raw);
  throw new ParseError('PARSE_UNRECOGNISED', 'not a CM/ECF notice of electronic filing or a supremecourt.gov docket e-mail');
}
