import { courtName } from '@docketwatch/core';
import { z } from 'zod';
import { every, httpUrl, sourceName } from '../catalogue-fields';
import { pollDocument } from '../poll-document';
import { docketSourceEntry, type Parser, type SourceKind } from '../source-kind';
import { parseScotusDocket } from './index';

const INTERVAL_SECONDS = 600;

const parse: Parser = (text) => parseScotusDocket(text);

/** The docket JSON feed, or a current or legacy docket page. */
function detect(text: string): boolean {
  const head = text.slice(0, 8192);
  const body = text.slice(0, 300_000);
  if (/^\s*\{/.test(head) && /"(CaseNumber|ProceedingsandOrder)"\s*:/.test(body)) return true;
  const html = /<html|<!doctype/i.test(head);
  // Current pages wrap the docket in #docketinfo; legacy pages are titled "Docket for 02A1002".
  return html && /Supreme Court/i.test(body) && /id="docket(?:info|wrappers?)"|<title>\s*Docket for /i.test(body);
}

/** A Supreme Court docket on supremecourt.gov, polled. */
export const scotusDocketKind: SourceKind<'scotus-docket'> = {
  id: 'scotus-docket',
  arrives: { by: 'poll', poll: pollDocument(parse) },
  parse,
  detect,
  defaultIntervalSeconds: INTERVAL_SECONDS,
  catalogue: [
    docketSourceEntry(
      z.object({ kind: z.literal('scotus-docket'), name: sourceName.optional(), url: httpUrl, every: every(INTERVAL_SECONDS) }).strict(),
      (entry, docket) => ({
        name: entry.name ?? `${courtName(docket.court)} ${docket.number}`,
        address: entry.url,
        intervalSeconds: entry.every,
      }),
    ),
  ],
};
