import type { AlertView } from '../../alert-view';
import { renderBurstEmail } from './render-burst-email';
import { renderDigestEmail } from './render-digest';

const LONG_ORDER =
  'ORDER granting in part the motion to extend. ' +
  Array.from({ length: 10 }, (_, i) => `Paragraph ${i + 1}: the parties shall file a joint status report on item ${i + 1}.`).join(' ') +
  ' Briefs are not to exceed 5 pages on or before May 2, 2025 & the last sentence <ends> here.';

function view(n: number, over: Partial<AlertView> = {}): AlertView {
  return {
    kind: 'new',
    source: 'court',
    entryClass: 'order',
    matterName: 'Abrego Garcia v. Noem',
    matterUrl: 'https://dw.example/matters/abrego-garcia',
    court: 'mdd',
    courtName: 'D. Md.',
    docketNumber: '8:25-cv-00951',
    caseName: 'Abrego Garcia v. Noem',
    entryNumber: String(n),
    filedAt: '2025-04-30T10:00:00-04:00',
    shortDescription: '',
    description: `ORDER number ${n}`,
    documentUrl: null,
    ...over,
  };
}

describe('renderBurstEmail', () => {
  it('carries every entry’s whole text, never cut mid-sentence', () => {
    const views = [
      view(1, { description: LONG_ORDER }),
      view(2, { shortDescription: 'Scheduling order', description: `${LONG_ORDER} (second)` }),
      view(3),
    ];
    const mail = renderBurstEmail(views);
    expect(mail.text.replace(/\n {2}/g, ' ')).toContain(LONG_ORDER);
    expect(mail.text).toContain(`${LONG_ORDER} (second)`);
    const escaped = LONG_ORDER.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(mail.html).toContain(escaped);
    expect(mail.html).toContain(`${escaped} (second)`);
    expect(mail.html).not.toContain('<ends>');
  });

  it('does not repeat a short entry whose title says it all', () => {
    const mail = renderBurstEmail([view(1), view(2)]);
    expect(mail.text.match(/ORDER number 1/g)).toHaveLength(1);
  });

  it('keeps 50 long entries whole', () => {
    const mail = renderBurstEmail(Array.from({ length: 50 }, (_, i) => view(i + 1, { description: `${LONG_ORDER} #${i + 1}` })));
    for (let i = 1; i <= 50; i += 1) expect(mail.text.replace(/\n {2}/g, ' ')).toContain(`${LONG_ORDER} #${i}`);
  });
});

describe('renderDigestEmail', () => {
  it('carries every entry’s whole text too', () => {
    const mail = renderDigestEmail([view(1, { description: LONG_ORDER }), view(2)], {
      timeZone: 'America/New_York',
      date: new Date('2025-05-01T12:00:00Z'),
    });
    expect(mail.text.replace(/\n {2}/g, ' ')).toContain(LONG_ORDER);
    expect(mail.html).toContain(LONG_ORDER.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
});
