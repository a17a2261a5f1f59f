/**
 * The Supreme Court's newer notices name no entry ("A new docket entry has been added for …"):
 * docketwatch takes one as a signal and reads that docket's own page at once, instead of at its
 * next scheduled check. Real Postgres; the mail in the court's own words and headers.
 */
import { getSource, upsertDocket, upsertMatter, upsertSource } from '@docketwatch/db';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { ingestPushed } from './ingest-pushed';

const CASE_URL = 'https://www.supremecourt.gov/search.aspx?filename=/docket/DocketFiles/html/Public/24a949.html';

function scotusMail(entry: string | null): Buffer {
  const named = entry === null ? '' : `, "${entry}"`;
  const body = `A new docket entry${named} has been added for <a href='${CASE_URL}'>Kristi Noem, Secretary of Homeland Security, et al., Applicants v. Kilmar Armando Abrego Garcia, et al.</a>. You have been signed up to receive email notifications for No. 24A949. <br><br> If you no longer wish to receive email notifications on this case, please\n\n<a href='https://file.supremecourt.gov/Request/NotificationOptOutGet?id=CfDJ8'>click here</a>.\n`;
  return Buffer.from(
    [
      'From: no-reply@sc-us.gov',
      'To: scotus-notices@example.test',
      'Subject: Supreme Court Electronic Filing System',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      'Date: Thu, 10 Apr 2025 14:04:05 +0000',
      '',
      body,
    ].join('\r\n'),
  );
}

describe('a notice that names a docket but no entry', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  async function scotusDocket(slug: string) {
    const matter = await upsertMatter(t.db, { slug, name: slug });
    const docket = await upsertDocket(t.db, { matterId: matter.id, court: 'scotus', docketNumber: '24A949' });
    const inTenMinutes = new Date(Date.now() + 600_000);
    const page = await upsertSource(t.db, {
      kind: 'scotus-docket',
      name: 'Supreme Court docket 24A949',
      address: `https://www.supremecourt.gov/RSS/Cases/JSON/24A949-${slug}.json`,
      docketId: docket.id,
      intervalSeconds: 600,
    });
    await t.db.updateTable('sources').set({ next_check_at: inTenMinutes }).where('id', '=', page.id).execute();
    const mailbox = await upsertSource(t.db, {
      kind: 'scotus-email',
      name: 'mailbox',
      address: `mailto:${slug}@example.test`,
      intervalSeconds: 86400,
    });
    return { page, mailbox };
  }

  it('brings the docket’s own page forward to now, so the scheduler reads it at its next tick', async () => {
    const { page, mailbox } = await scotusDocket('signal');
    const before = Date.now();
    const report = await ingestPushed(t.db, (await getSource(t.db, mailbox.id))!, 'upload', scotusMail(null));
    expect(report).toMatchObject({ dockets: 1, created: 0, events: 0, polledNow: 1 });
    expect((await getSource(t.db, page.id))!.next_check_at.getTime()).toBeLessThanOrEqual(before + 5_000);
  });

  it('leaves the schedule alone when the notice carries the entry itself', async () => {
    const { page, mailbox } = await scotusDocket('named');
    const report = await ingestPushed(t.db, (await getSource(t.db, mailbox.id))!, 'upload', scotusMail('Response to application filed.'));
    expect(report.polledNow).toBe(0);
    expect((await getSource(t.db, page.id))!.next_check_at.getTime()).toBeGreaterThan(Date.now() + 500_000);
  });
});
