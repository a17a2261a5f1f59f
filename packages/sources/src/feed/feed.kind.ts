import { z } from 'zod';
import { every, httpUrl, sourceName } from '../catalogue-fields';
import { pollDocument } from '../poll-document';
import { readArticles } from '../press/read-articles';
import { presetReference, requirePreset, resolvePreset } from '../press/resolve-preset';
import { catalogueEntry, type Parser, type PollDriver, type SourceKind } from '../source-kind';
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

const pollFeedDocument = pollDocument(parse);

/**
 * A feed, and for a press room's official feed (`config.pressRoom`, a press preset) what the press
 * room's listing would give: its publisher's name on every item (feeds name themselves "Press
 * Releases" or "News – The White House") and each new item's own page read for its text.
 */
const pollFeed: PollDriver = async (ctx) => {
  const fetched = await pollFeedDocument(ctx);
  const pressRoom = ctx.source.config.pressRoom === undefined ? undefined : resolvePreset(ctx.source.config.pressRoom);
  if (fetched.kind !== 'document' || !pressRoom) return fetched;
  const items = (fetched.document.items ?? []).map((item) => ({ ...item, publisher: pressRoom.publisher }));
  await readArticles(ctx, pressRoom, items);
  return { ...fetched, document: { ...fetched.document, items } };
};

/** Court opinions, oral arguments, newsrooms: a feed's items. */
export const feedKind: SourceKind<'feed'> = {
  id: 'feed',
  arrives: { by: 'poll', poll: pollFeed },
  parse,
  detect,
  defaultIntervalSeconds: INTERVAL_SECONDS,
  catalogue: [
    catalogueEntry(
      'feeds',
      z
        .object({
          kind: z.literal('feed'),
          name: sourceName,
          url: httpUrl,
          every: every(INTERVAL_SECONDS),
          /** The press room this is the official feed of: a press preset, whose article selectors read each new item's page. */
          pressRoom: presetReference.optional(),
        })
        .strict(),
      (entry) => {
        if (entry.pressRoom !== undefined) requirePreset(entry.pressRoom);
        return {
          name: entry.name,
          address: entry.url,
          intervalSeconds: entry.every,
          ...(entry.pressRoom !== undefined ? { config: { pressRoom: entry.pressRoom } } : {}),
        };
      },
    ),
  ],
};
