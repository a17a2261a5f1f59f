import {
  recordPollFailure,
  recordPollSuccess,
  getSource,
  storeDocketEntries,
  upsertDocket,
  upsertMatter,
  upsertSource,
  type Db,
} from '@docketwatch/db';
import { createLogger, Metrics } from '@docketwatch/log';
import { EmailSender } from '@docketwatch/notify';
import { createTestDatabase, SmtpSink, type TestDatabase } from '@docketwatch/test-support';
import { sendOperatorNotices, type OperatorNoticeDeps } from './operator-notices';

jest.setTimeout(60_000);

const log = createLogger({ name: 'test', level: 'silent' });
const OPERATOR = 'ops@example.test';
const HOUR = 3_600_000;

describe('operator notices (real Postgres, real SMTP server)', () => {
  let t: TestDatabase;
  let smtp: SmtpSink;
  let email: EmailSender;
  let deps: OperatorNoticeDeps;
  let n = 0;

  beforeEach(async () => {
    t = await createTestDatabase();
    smtp = new SmtpSink();
    email = new EmailSender({ from: 'docketwatch <alerts@example.test>', smtpUrl: await smtp.start() });
    deps = { db: t.db, email, log, publicUrl: 'http://dw.example.test', mailDomain: 'dw.example.test', operatorEmails: [OPERATOR] };
  });
  afterEach(async () => {
    await email.close();
    await smtp.stop();
    await t.drop();
  });

  const source = (db: Db, name = `feed ${++n}`) =>
    upsertSource(db, { kind: 'pacer-rss', name, address: `http://court${n}.test/rss`, court: 'mdd', intervalSeconds: 300 });

  async function failTimes(id: number, times: number, code = 'FETCH_HTTP_STATUS') {
    for (let i = 0; i < times; i++) await recordPollFailure(t.db, (await getSource(t.db, id))!, { code, message: `HTTP 404 from court` });
  }

  it('tells the operator once when a source turns failing, and once when it recovers', async () => {
    const s = await source(t.db, 'D. Md. <script>alert(1)</script> feed');
    await failTimes(s.id, 4);
    expect(await sendOperatorNotices(deps)).toBe(0); // degraded is not yet news
    await failTimes(s.id, 1);
    // Two notifiers sweeping at once: one notice between them.
    const [a, b] = await Promise.all([sendOperatorNotices(deps), sendOperatorNotices({ ...deps })]);
    expect(a + b).toBe(1);
    const [mail] = await smtp.waitForMailTo(OPERATOR);
    expect(mail!.subject).toBe('docketwatch: source "D. Md. <script>alert(1)</script> feed" is failing');
    expect(mail!.text).toContain('5 polls failed in a row; the last with FETCH_HTTP_STATUS: HTTP 404 from court');
    expect(mail!.html).toContain('D. Md. &lt;script&gt;alert(1)&lt;/script&gt; feed');
    expect(mail!.html).not.toContain('<script>');
    expect(mail!.messageId).toMatch(/^<operator-notice-\d+@dw\.example\.test>$/);
    // Still failing: nothing new to tell.
    await failTimes(s.id, 3);
    expect(await sendOperatorNotices(deps)).toBe(0);
    await recordPollSuccess(t.db, (await getSource(t.db, s.id))!, {});
    expect(await sendOperatorNotices(deps)).toBe(1);
    const mails = await smtp.waitForMailTo(OPERATOR, 2);
    expect(mails[1]!.subject).toContain('has recovered');
    expect(smtp.messages).toHaveLength(2);
  });

  it('reports a layout change at the first failure of a source that had worked', async () => {
    const s = await source(t.db);
    await recordPollSuccess(t.db, s, { baseline: true });
    await recordPollFailure(t.db, (await getSource(t.db, s.id))!, {
      code: 'PARSE_LAYOUT_CHANGED',
      message: 'layout changed? justice-gov-olc found no items',
    });
    expect((await getSource(t.db, s.id))!.health).toBe('layout-changed');
    const metrics = new Metrics();
    expect(await sendOperatorNotices({ ...deps, metrics })).toBe(1);
    expect(await metrics.registry.getSingleMetricAsString('docketwatch_operator_notices_total')).toContain(
      'docketwatch_operator_notices_total{condition="layout-changed",outcome="mailed"} 1',
    );
    const [mail] = await smtp.waitForMailTo(OPERATOR);
    expect(mail!.subject).toContain('changed its layout');
    expect(mail!.text).toContain('justice-gov-olc found no items');
  });

  it('a source silent far longer than its history says is normal is reported; a quiet one within its pace, or one with little history, is not', async () => {
    const now = new Date();
    const matter = await upsertMatter(t.db, { slug: 'm', name: 'M' });
    const docket = await upsertDocket(t.db, { matterId: matter.id, court: 'mdd', docketNumber: '8:25-cv-00951', caseName: 'A v. B' });
    /** A source whose new entries arrived every `gapHours`, the last `sinceHours` ago; `count` of them after its baseline. */
    async function withHistory(count: number, gapHours: number, sinceHours: number) {
      const s = await source(t.db);
      const baselineAt = new Date(now.getTime() - (sinceHours + gapHours * (count + 1)) * HOUR);
      await t.db.updateTable('sources').set({ baseline_at: baselineAt, health: 'ok' }).where('id', '=', s.id).execute();
      for (let i = 0; i < count; i++) {
        const number = `${s.id}-${i}`;
        await storeDocketEntries(t.db, {
          sourceId: s.id,
          docket,
          baseline: false,
          // When this entry was first seen: the history the silence check reads.
          now: new Date(now.getTime() - (sinceHours + gapHours * (count - 1 - i)) * HOUR),
          entries: [
            {
              entryNumber: number,
              filedAt: '2025-04-07',
              shortDescription: 'Order',
              description: `Order ${number}`,
              documentUrl: null,
              pacerDocId: null,
              attachments: [],
            },
          ],
        });
      }
      return s;
    }
    const silent = await withHistory(8, 6, 24 * 5); // every 6 h, then nothing for 5 days
    await withHistory(8, 6, 12); // every 6 h, quiet for 12 h: within its pace and under 2 days
    await withHistory(3, 6, 24 * 5); // too little history to judge
    expect(await sendOperatorNotices({ ...deps, now })).toBe(1);
    const [mail] = await smtp.waitForMailTo(OPERATOR);
    expect(mail!.subject).toBe(`docketwatch: source "${silent.name}" has gone silent`);
    expect(mail!.text).toMatch(/nothing new since .*longest quiet spell was 0\.3 days/);
  });

  it('without an operator address, notices are recorded and logged, not mailed', async () => {
    const s = await source(t.db);
    await failTimes(s.id, 5);
    expect(await sendOperatorNotices({ ...deps, operatorEmails: [] })).toBe(0);
    const notices = await t.db.selectFrom('operator_notices').selectAll().execute();
    expect(notices).toMatchObject([{ source_id: s.id, condition: 'failing', sent_at: null }]);
    expect(smtp.messages).toHaveLength(0);
  });
});
