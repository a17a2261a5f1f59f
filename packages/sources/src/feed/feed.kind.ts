import { z } from 'zod';
import { every, httpUrl, sourceName } from '../catalogue-fields';
import { pollDocument } from '../poll-document';
import { catalogueEntry, type Parser, type SourceKind } from '../source-kind';
import { parseFeed } from './parse-feed';

const INTERVAL_SECONDS = 900;

const parse: Parser = (text) => parseFeed(text);

/** Any RSS 2.0, RDF or Atom feed. CM/ECF feeds are RSS too: pacer-rss comes first in the registry. */
function detect(text: string): boolean {
  const head = text.slice(0, 8192);
  return (
    /<rss[\s>]/i.test(head) ||
    (/<(?:\w+:)?feed[\s>]/.test(head) && head.includes('http://www.w3.org/2005/Atom')) ||
    (/<rdf:RDF[\s>]/.test(head) && head.includes('http://purl.org/rss/1.0/'))
  );
}

/** Court opinions, oral arguments, newsrooms: a feed's items. */
export const feedKind: SourceKind<'feed'> = {
  id: 'feed',
  arrives: { by: 'poll', poll: pollDocument(parse) },
  parse,
  detect,
  defaultIntervalSeconds: INTERVAL_SECONDS,
  catalogue: [
    catalogueEntry(
      'feeds',
      z.object({ kind: z.literal('feed'), name: sourceName, url: httpUrl, every: every(INTERVAL_SECONDS) }).strict(),
      (entry) => ({ name: entry.name, address: entry.url, intervalSeconds: entry.every }),
    ),
  ],
};
