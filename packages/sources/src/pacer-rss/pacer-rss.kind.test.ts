import { catalogueEntryFor } from '../source-kinds';

const courtFeed = catalogueEntryFor('feeds', 'pacer-rss')!.entry;
const toSource = (entry: Record<string, unknown>) => courtFeed.toSource(courtFeed.schema.parse({ kind: 'pacer-rss', ...entry }), null);
const txnd = { court: 'txnd', url: 'https://ecf.txnd.uscourts.gov/cgi-bin/rss_outside.pl' };

describe("a court feed's catalogue entry: which entry classes the court puts in its feed", () => {
  it('records the classes it carries in the source config', () => {
    expect(toSource({ ...txnd, carries: ['order', 'opinion'] })).toMatchObject({
      court: 'txnd',
      config: { carries: ['order', 'opinion'] },
    });
  });

  it('reads the same words from a web form, separated by commas', () => {
    expect(toSource({ ...txnd, carries: 'order, opinion' }).config).toEqual({ carries: ['order', 'opinion'] });
  });

  it('records nothing when the feed is not known to leave anything out (every class)', () => {
    expect(toSource(txnd).config).toBeUndefined();
  });

  it('refuses a word that is no entry class, and an empty list', () => {
    expect(courtFeed.schema.safeParse({ kind: 'pacer-rss', ...txnd, carries: ['orders', 'complaints'] }).success).toBe(false);
    expect(courtFeed.schema.safeParse({ kind: 'pacer-rss', ...txnd, carries: [] }).success).toBe(false);
  });
});
