import { z } from 'zod';
import { mailboxSource, sourceName } from '../catalogue-fields';
import { parseInboundEmail } from '../inbound';
import { catalogueEntry, PUSHED_INTERVAL_SECONDS, type Parser, type SourceKind } from '../source-kind';
import { looksLikeNefEmail } from './detect-nef-email';
import { parseNefEmail } from './parse-nef-email';

const parse: Parser = (_text, options, raw) => parseNefEmail(raw, options.court ? { court: options.court } : {});

/** CM/ECF Notices of Electronic Filing, mailed to a docketwatch address or uploaded as .eml. */
export const nefEmailKind: SourceKind<'nef-email'> = {
  id: 'nef-email',
  // A mailbox takes either kind of court mail: the message says which it is.
  arrives: { by: 'push', parse: parseInboundEmail, uploadable: true, history: false },
  parse,
  detect: looksLikeNefEmail,
  defaultIntervalSeconds: PUSHED_INTERVAL_SECONDS,
  catalogue: [
    catalogueEntry(
      'mailboxes',
      z.object({ kind: z.literal('nef-email'), address: z.string().email(), name: sourceName.optional() }).strict(),
      (entry) => mailboxSource(entry.address, entry.name, 'CM/ECF notices'),
    ),
  ],
};
