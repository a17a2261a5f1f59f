import { isDocketwatchError } from '@docketwatch/core';
import type { CatalogueSection } from './source-kind';
import {
  catalogueEntriesIn,
  documentFormats,
  isSourceKindId,
  parseUpload,
  polledKindIds,
  pollDriverOf,
  pushArrivalOf,
  sourceKindIds,
  sourceKindList,
  sourceKinds,
  uploadableKindIds,
} from './source-kinds';

const SECTIONS: CatalogueSection[] = ['docketSources', 'feeds', 'pressRooms', 'pages', 'mailboxes', 'webhooks'];

describe('the source-kind registry is the one list of kinds', () => {
  it('lists each kind once, keyed by its own id', () => {
    expect(new Set(sourceKindIds).size).toBe(sourceKindIds.length);
    expect(Object.keys(sourceKinds)).toEqual(sourceKindIds);
    for (const id of sourceKindIds) expect(sourceKinds[id].id).toBe(id);
  });

  it('derives the parse formats, polled kinds and upload kinds from the kinds themselves', () => {
    expect(documentFormats).toEqual(sourceKindList.filter((k) => k.parse).map((k) => k.id));
    expect(polledKindIds).toEqual(sourceKindList.filter((k) => k.arrives.by === 'poll').map((k) => k.id));
    expect(uploadableKindIds).toEqual(sourceKindList.filter((k) => k.arrives.by === 'push' && k.arrives.uploadable).map((k) => k.id));
    // As the product has them today.
    expect([...polledKindIds].sort()).toEqual([
      'courtlistener',
      'discovery',
      'feed',
      'pacer-rss',
      'page-watch',
      'press-listing',
      'scotus-docket',
    ]);
    expect([...uploadableKindIds].sort()).toEqual(['nef-email', 'pacer-docket', 'scotus-email']);
  });

  it('gives every kind one way in: a poll driver, or a push with a parser unless ingest reads it (webhooks)', () => {
    for (const kind of sourceKindList) {
      if (kind.arrives.by === 'poll') expect(pollDriverOf(kind.id)).toBe(kind.arrives.poll);
      else expect(pushArrivalOf(kind.id)).toBe(kind.arrives);
      expect(pollDriverOf(kind.id) === undefined).toBe(pushArrivalOf(kind.id) !== undefined);
    }
    expect(pushArrivalOf('courtlistener-webhook')?.parse).toBeUndefined();
  });

  it('detects only formats it can parse, and every kind a person configures has a catalogue section', () => {
    for (const kind of sourceKindList) {
      if (kind.detect) expect(kind.parse).toBeDefined();
      // Saved docket reports arrive only as uploads into a source made for them.
      if (kind.id !== 'pacer-docket') expect(kind.catalogue.length).toBeGreaterThan(0);
      expect(kind.defaultIntervalSeconds).toBeGreaterThan(0);
    }
  });

  it('fills every catalogue section, and tells a section’s kinds apart by `kind` when it has several', () => {
    for (const section of SECTIONS) {
      const entries = catalogueEntriesIn(section);
      expect(entries.length).toBeGreaterThan(0);
      if (entries.length > 1) {
        for (const { kind, entry } of entries) expect(entry.schema.shape.kind?.parse(kind)).toBe(kind);
      }
    }
  });

  it('knows its own ids only', () => {
    expect(isSourceKindId('pacer-rss')).toBe(true);
    expect(isSourceKindId('tea-leaves')).toBe(false);
    expect(isSourceKindId('toString')).toBe(false);
    expect(pollDriverOf('tea-leaves')).toBeUndefined();
    expect(pushArrivalOf('tea-leaves')).toBeUndefined();
  });
});

describe('catalogue entries of a kind', () => {
  const entryOf = (section: CatalogueSection, kind: string) => catalogueEntriesIn(section).find((e) => e.kind === kind)!.entry;

  it("default to the kind's interval", () => {
    for (const section of SECTIONS) {
      for (const { kind, entry } of catalogueEntriesIn(section)) {
        const every = entry.schema.shape.every;
        if (every) expect(every.parse(undefined)).toBe(sourceKinds[kind].defaultIntervalSeconds);
      }
    }
  });

  it('become source rows as the kind says: a CourtListener docket source is named by its docket', () => {
    const entry = entryOf('docketSources', 'courtlistener');
    const parsed = entry.schema.parse({ kind: 'courtlistener', docketId: 42 });
    expect(entry.toSource(parsed, { court: 'ca4', number: '25-1345' })).toEqual({
      name: 'CourtListener: 4th Cir. 25-1345',
      address: 'courtlistener:ca4/25-1345',
      intervalSeconds: 900,
      config: { docketId: 42 },
    });
  });

  it('a mailbox is its lower-cased address', () => {
    const entry = entryOf('mailboxes', 'nef-email');
    expect(entry.toSource(entry.schema.parse({ kind: 'nef-email', address: 'NEF@Example.test' }), null)).toEqual({
      name: 'CM/ECF notices to nef@example.test',
      address: 'mailto:nef@example.test',
      intervalSeconds: 86400,
    });
  });

  it("take ignoreRobots, whatever the kind, into the source's config", () => {
    const entry = entryOf('feeds', 'feed');
    const feed = { kind: 'feed', name: 'Court opinions', url: 'https://court.example/feed.xml' };
    expect(entry.toSource(entry.schema.parse({ ...feed, ignoreRobots: true }), null).config).toEqual({ ignoreRobots: true });
    expect(entry.toSource(entry.schema.parse(feed), null).config).toBeUndefined();
    expect(() => entry.schema.parse({ ...feed, ignoreRobots: 'yes' })).toThrow();
  });

  it('an unknown press preset fails the catalogue, naming the known ones', () => {
    const entry = entryOf('pressRooms', 'press-listing');
    expect(() => entry.toSource(entry.schema.parse({ preset: 'no-such-room' }), null)).toThrow(
      /unknown press preset "no-such-room" \(known: /,
    );
  });
});

describe('parseUpload', () => {
  it.each(['pacer-rss', 'courtlistener-webhook', 'tea-leaves'])('refuses a file for a %s source', async (kind) => {
    const err: unknown = await parseUpload(kind, Buffer.from('x')).catch((e: unknown) => e);
    expect(isDocketwatchError(err) && err.code).toBe('PARSE_UNRECOGNISED');
    expect((err as Error).message).toBe(`a ${kind} source takes no uploads`);
  });
});
