import { entryContentHash, entryNaturalKey, mergeEntryContent, type EntryContent } from './entry-identity';

const base: EntryContent = {
  entryNumber: '31',
  filedAt: '2025-04-07',
  shortDescription: 'Order',
  description: '',
  documentUrl: null,
  pacerDocId: null,
  attachments: [],
};

describe('entry identity', () => {
  it('keys numbered entries by number, others by doc id, else by day and text', () => {
    expect(entryNaturalKey(base)).toBe('n:31');
    expect(entryNaturalKey({ ...base, entryNumber: null, pacerDocId: '0931' })).toBe('d:0931');
    const a = entryNaturalKey({ ...base, entryNumber: null, description: 'Motion Hearing  held' });
    const b = entryNaturalKey({ ...base, entryNumber: null, filedAt: '2025-04-07T10:00:00-04:00', description: 'motion hearing held' });
    expect(a).toBe(b);
    expect(a).toMatch(/^t:2025-04-07:/);
  });

  it('merges to the richest value of each field and never downgrades', () => {
    const rss: EntryContent = { ...base, filedAt: '2025-04-07T14:05:00-04:00', documentUrl: 'https://x/doc' };
    const report: EntryContent = { ...base, description: 'ORDER granting TRO. Signed by Judge Xinis.' };
    const merged = mergeEntryContent(rss, report);
    expect(merged).toMatchObject({ filedAt: rss.filedAt, documentUrl: 'https://x/doc', description: report.description });
    expect(mergeEntryContent(merged, rss)).toEqual(merged);
    expect(entryContentHash(mergeEntryContent(merged, base))).toBe(entryContentHash(merged));
  });
});
