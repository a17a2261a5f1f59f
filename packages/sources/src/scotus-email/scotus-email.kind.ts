import { z } from 'zod';
import { mailboxSource, sourceName } from '../catalogue-fields';
import { parseInboundEmail } from '../inbound';
import { catalogueEntry, PUSHED_INTERVAL_SECONDS, type Parser, type SourceKind } from '../source-kind';
import { looksLikeScotusEmail } from './detect-scotus-email';
import { parseScotusEmail } from './parse-scotus-email';

const parse: Parser = (_text, _options, raw) => parseScotusEmail(raw);

/** supremecourt.gov docket e-mail, mailed to a docketwatch address or uploaded as .eml. */
export const scotusEmailKind: SourceKind<'scotus-email'> = {
  id: 'scotus-email',
  // A mailbox takes either kind of court mail: the message says which it is.
  arrives: { by: 'push', parse: parseInboundEmail, uploadable: true, history: false },
  parse,
  detect: looksLikeScotusEmail,
  defaultIntervalSeconds: PUSHED_INTERVAL_SECONDS,
  catalogue: [
    catalogueEntry(
      'mailboxes',
      z.object({ kind: z.literal('scotus-email'), address: z.string().email(), name: sourceName.optional() }).strict(),
      (entry) => mailboxSource(entry.address, entry.name, 'Supreme Court e-mail'),
    ),
  ],
};
