import type { ParsedDocument } from '@docketwatch/core';
import { foreignLinks, isCourtsOwnLink, refuseForeignLinks } from './court-links';

const entry = (documentUrl: string | null, attachmentUrls: string[] = []) => ({
  entryNumber: '1',
  filedAt: '2025-04-07',
  shortDescription: 'Order',
  description: 'Order',
  documentUrl,
  pacerDocId: null,
  attachments: attachmentUrls.map((url, i) => ({ attachmentNumber: i + 1, description: '', documentUrl: url, pacerDocId: null })),
});

const notice = (court: string, ...entries: ReturnType<typeof entry>[]): ParsedDocument => ({
  format: 'nef-email',
  dockets: [{ court, docketNumber: '1:21-cv-01456', caseName: 'A v. B', pacerCaseId: null, entries }],
});

describe('court links', () => {
  it("accepts the court's own CM/ECF and Supreme Court hosts", () => {
    expect(isCourtsOwnLink('ded', 'https://ecf.ded.uscourts.gov/doc1/04305714362?caseid=77017')).toBe(true);
    expect(isCourtsOwnLink('ded', 'https://ded.uscourts.gov/x')).toBe(true);
    expect(isCourtsOwnLink('scotus', 'https://www.supremecourt.gov/opinions/25pdf/25-112_0am4.pdf')).toBe(true);
  });

  it('refuses other hosts, look-alikes, other courts, credentials, ports and other schemes', () => {
    for (const url of [
      'https://evil.example/doc1/04305714362',
      'https://ecf.ded.uscourts.gov.evil.example/doc1/1',
      'https://evilded.uscourts.gov/doc1/1',
      'https://ecf.nysd.uscourts.gov/doc1/1',
      'https://ecf.ded.uscourts.gov@evil.example/doc1/1',
      'https://user@ecf.ded.uscourts.gov/doc1/1',
      'https://ecf.ded.uscourts.gov:8443/doc1/1',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect([url, isCourtsOwnLink('ded', url)]).toEqual([url, false]);
    }
    expect(isCourtsOwnLink('scotus', 'https://supremecourt.gov.evil.example/x.pdf')).toBe(false);
  });

  it('lists foreign links of entries and attachments once, and refuses a notice that has any', () => {
    const doc = notice(
      'ded',
      entry('https://ecf.ded.uscourts.gov/doc1/1', ['https://evil.example/a.pdf']),
      entry('https://evil.example/a.pdf'),
      entry(null),
    );
    expect(foreignLinks(doc)).toEqual(['https://evil.example/a.pdf']);
    expect(() => refuseForeignLinks(doc)).toThrow(expect.objectContaining({ code: 'NOTICE_QUARANTINED' }));
    expect(() => refuseForeignLinks(notice('ded', entry('https://ecf.ded.uscourts.gov/doc1/1')))).not.toThrow();
  });
});
