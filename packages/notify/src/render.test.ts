import type { AlertView } from './alert-view';
import { formatFiledAt } from './alert-view';
import { renderEntryEmail } from './channels/email/render-email';
import { renderEntrySlack } from './channels/slack/render-slack';

const hostile: AlertView = {
  kind: 'new',
  source: 'court',
  entryClass: 'order',
  matterName: 'Abrego <Garcia>',
  matterUrl: 'http://dw.test/matters/abrego-garcia',
  court: 'mdd',
  courtName: 'D. Md.',
  docketNumber: '8:25-cv-00951',
  caseName: 'Abrego Garcia v. Noem & "others"',
  entryNumber: '31',
  filedAt: '2025-04-07T14:05:00-04:00',
  shortDescription: 'Order <script>alert(1)</script>',
  description: 'ORDER <img src=x onerror=alert(1)> granting TRO\r\nBcc: victim@example.com',
  documentUrl: 'javascript:alert(1)',
};

describe('renderEntryEmail', () => {
  it('escapes every scraped value in the HTML part and drops unsafe links', () => {
    const { html, text, subject } = renderEntryEmail(hostile);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('Order &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Abrego Garcia v. Noem &amp; &quot;others&quot;');
    expect(html).not.toContain('javascript:');
    expect(text).toContain('No document link yet.');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it("names the court, docket, entry and date in the reader's zone", () => {
    const { subject, text } = renderEntryEmail({
      ...hostile,
      shortDescription: 'Order',
      documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/1',
    });
    expect(subject).toBe('[Abrego <Garcia>] Order (D. Md. 8:25-cv-00951 #31)');
    expect(text).toContain('Apr 7, 2025, 2:05 PM EDT');
    expect(text).toContain('Document: https://ecf.mdd.uscourts.gov/doc1/1');
  });

  it('marks updates', () => {
    expect(renderEntryEmail({ ...hostile, kind: 'updated' }).subject).toMatch(/^Updated: /);
  });
});

describe('press items', () => {
  it('name the publisher instead of a court and docket', () => {
    const press: AlertView = {
      ...hostile,
      source: 'press',
      entryClass: 'press',
      courtName: 'U.S. Department of Justice',
      docketNumber: '',
      entryNumber: null,
      shortDescription: 'Statement on Abrego Garcia',
      documentUrl: 'https://www.justice.gov/opa/pr/statement',
    };
    const { text, subject } = renderEntryEmail(press);
    expect(subject).toBe('[Abrego <Garcia>] Statement on Abrego Garcia (U.S. Department of Justice)');
    expect(text).toContain('Published by: U.S. Department of Justice');
    expect(text).toContain('Read it: https://www.justice.gov/opa/pr/statement');
    expect(text).not.toContain('Entry:');
  });
});

describe('renderEntrySlack', () => {
  it('escapes Slack control characters and keeps within Block Kit limits', () => {
    const long = { ...hostile, description: '<!channel> '.repeat(1000) };
    const msg = renderEntrySlack(long);
    const section = (msg.blocks[0] as { text: { text: string } }).text.text;
    expect(section).not.toContain('<!channel>');
    expect(section.length).toBeLessThanOrEqual(3000);
    expect(JSON.stringify(msg.blocks)).not.toContain('javascript:');
  });
});

describe('formatFiledAt', () => {
  it('shows plain dates as dates, whatever the zone', () => {
    expect(formatFiledAt('2025-04-07', 'Pacific/Auckland')).toBe('Apr 7, 2025');
    expect(formatFiledAt('2025-04-07T14:05:00-04:00', 'Europe/Berlin')).toMatch(/Apr 7, 2025, 8:05\s?PM GMT\+2/);
  });
});
