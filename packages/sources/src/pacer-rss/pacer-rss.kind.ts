import { courtName, ENTRY_CLASSES, type EntryClass } from '@docketwatch/core';
import { z } from 'zod';
import { courtId, every, httpUrl, sourceName } from '../catalogue-fields';
import { pollDocument } from '../poll-document';
import { catalogueEntry, docketSourceEntry, type Parser, type SourceKind } from '../source-kind';
import { parsePacerRss } from './parse-pacer-rss';

const INTERVAL_SECONDS = 300;
const CMECF_MARK = /ecf\.[a-z0-9-]+\.uscourts\.gov|Recent Entries|Docket entries of type/i;

/**
 * The entry classes a court puts in its feed, when it is known to leave some out (many CM/ECF
 * courts publish only some event types: txnd, orders and complaints). Absent: every class.
 * A list (`[order, opinion]`) or, from a web form, the same words separated by commas.
 */
const carries = z
  .preprocess(
    (value) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value),
    z.array(z.enum(ENTRY_CLASSES as [EntryClass, ...EntryClass[]])).min(1),
  )
  .optional();

const carriesConfig = (classes: EntryClass[] | undefined) => (classes ? { config: { carries: classes } } : {});

const parse: Parser = (text, options) => parsePacerRss(text, options.court ? { court: options.court } : {});

/** A CM/ECF RSS feed: one docket's, or a whole court's (of which only tracked dockets are kept). */
export const pacerRssKind: SourceKind<'pacer-rss'> = {
  id: 'pacer-rss',
  arrives: { by: 'poll', poll: pollDocument(parse) },
  parse,
  detect: (text) => /<rss[\s>]/i.test(text.slice(0, 8192)) && CMECF_MARK.test(text.slice(0, 300_000)),
  defaultIntervalSeconds: INTERVAL_SECONDS,
  catalogue: [
    docketSourceEntry(
      z
        .object({ kind: z.literal('pacer-rss'), name: sourceName.optional(), url: httpUrl, every: every(INTERVAL_SECONDS), carries })
        .strict(),
      (entry, docket) => ({
        name: entry.name ?? `${courtName(docket.court)} ${docket.number}`,
        address: entry.url,
        intervalSeconds: entry.every,
        ...carriesConfig(entry.carries),
      }),
    ),
    catalogueEntry(
      'feeds',
      z
        .object({
          kind: z.literal('pacer-rss'),
          name: sourceName.optional(),
          court: courtId,
          url: httpUrl,
          every: every(INTERVAL_SECONDS),
          carries,
        })
        .strict(),
      (entry) => ({
        name: entry.name ?? `${courtName(entry.court)} CM/ECF feed`,
        address: entry.url,
        court: entry.court,
        intervalSeconds: entry.every,
        ...carriesConfig(entry.carries),
      }),
    ),
  ],
};
