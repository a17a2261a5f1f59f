import net from 'node:net';
import { sql } from 'kysely';
import type { ParsedMail } from 'mailparser';
import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
import {
  attachItem,
  openDatabase,
  setSubscriptionPaused,
  storeDocketEntries,
  storeItem,
  upsertDocket,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  writeItemEvent,
  type Docket,
  type Subscription,
  type SubscriptionInput,
} from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { EmailSender } from '@docketwatch/notify';
import { createTestDatabase, SmtpSink, type TestDatabase } from '@docketwatch/test-support';
import { unsubscribeUrl } from './deliver';
import { sendDueDigests, type DigestDeps } from './digest';

const log = createLogger({ name: 'test', level: 'silent' });
const FROM = 'docketwatch <alerts@example.test>';
const PUBLIC_URL = 'http://dw.example.test';
const LINK_SECRET = 'test-link-secret';

describe('sendDueDigests (real Postgres, real SMTP server, injected clock)', () => {
  let t: TestDatabase;
  let smtp: SmtpSink;
  let email: EmailSender;
  let sourceId: number;
  let seen = 0;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    smtp = new SmtpSink({ rejectRecipients: /^bounce@/ });
    email = new EmailSender({ from: FROM, smtpUrl: await smtp.start() });
    sourceId = (await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', intervalSeconds: 60 })).id;
  });
  afterAll(async () => {
    await email.close();
    await smtp.stop();
    await t.drop();
  });
  beforeEach(async () => {
    // Each test's subscribers are the only ones the sweep sees.
    await t.db.updateTable('subscriptions').set({ status: 'disabled' }).where('status', '=', 'active').execute();
  });

  const deps = (now: string, sender: EmailSender = email, db = t.db): DigestDeps => ({
    db,
    email: sender,
    log,
    publicUrl: PUBLIC_URL,
    linkSecret: LINK_SECRET,
    mailDomain: 'dw.example.test',
    now: new Date(now),
  });
  const sweep = (now: string, sender?: EmailSender) => sendDueDigests(deps(now, sender));

  /** Mail that arrived since the last call. SmtpSink keeps a message before it answers the DATA command. */
  function newMail(): ParsedMail[] {
    const fresh = smtp.messages.slice(seen);
    seen = smtp.messages.length;
    return fresh;
  }
  const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address;
  /** A header as sent, unfolded. */
  const header = (m: ParsedMail, name: string) => m.headerLines.find((h) => h.key === name)?.line.replace(/\r?\n(?=[ \t])/g, '');

  async function matterWithDocket(slug: string, name: string, court = 'mdd', number = `8:25-cv-${String(++n).padStart(5, '0')}`) {
    const matter = await upsertMatter(t.db, { slug, name });
    const docket = await upsertDocket(t.db, { matterId: matter.id, court, docketNumber: number, caseName: name });
    return { matterId: matter.id, docket };
  }

  /** Moves the outbox events written by `write` to `at`, as if they had happened then. */
  async function happenedAt(at: string, write: () => Promise<unknown>): Promise<void> {
    const before = await t.db
      .selectFrom('outbox_events')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    await write();
    // created_at is never updated by the application (Kysely's types say so); the test moves time.
    const moved = await sql`update outbox_events set created_at = ${new Date(at)} where id > ${Number(before.max ?? 0)}`.execute(t.db);
    expect(Number(moved.numAffectedRows)).toBeGreaterThan(0);
  }

  async function fileEntry(docket: Docket, at: string, entry: Partial<ParsedEntry>): Promise<void> {
    n++;
    await happenedAt(at, () =>
      storeDocketEntries(t.db, {
        sourceId,
        docket,
        baseline: false,
        classify: classifyEntry,
        entries: [
          {
            entryNumber: String(n),
            filedAt: at,
            shortDescription: 'Order',
            description: '',
            documentUrl: `https://ecf.mdd.uscourts.gov/doc1/0931306${n}`,
            pacerDocId: null,
            attachments: [],
            ...entry,
          },
        ],
      }),
    );
  }

  async function publish(matterId: number, at: string, item: { title: string; text?: string; url?: string; publisher?: string }) {
    n++;
    await happenedAt(at, async () => {
      const stored = await storeItem(t.db, {
        sourceId,
        item: {
          url: item.url ?? `https://www.justice.gov/opa/pr/statement-${n}`,
          title: item.title,
          publishedAt: at,
          summary: '',
          text: item.text ?? item.title,
          publisher: item.publisher ?? 'U.S. Department of Justice',
          enclosures: [],
        },
      });
      await attachItem(t.db, { matterId, itemId: stored.id, reasons: [{ kind: 'manual', value: 'test', excerpt: '' }] });
      await writeItemEvent(t.db, { matterId, itemId: stored.id });
    });
  }

  /** A digest subscriber who joined at `joined` (and, when given, was last sent a digest at `lastDigestAt`). */
  async function digestSubscriber(
    input: Omit<SubscriptionInput, 'channel' | 'mode'> & { joined: string; lastDigestAt?: string },
  ): Promise<Subscription> {
    const { joined, lastDigestAt, ...rest } = input;
    const sub = await upsertSubscription(t.db, { ...rest, channel: 'email', mode: 'digest' });
    await sql`update subscriptions set created_at = ${new Date(joined)}, last_digest_at = ${lastDigestAt ? new Date(lastDigestAt) : null}, status = 'active' where id = ${sub.id}`.execute(
      t.db,
    );
    return sub;
  }

  const runsOf = (subscriptionId: number) =>
    t.db.selectFrom('digest_runs').selectAll().where('subscription_id', '=', subscriptionId).orderBy('window_end').execute();
  const lastDigestAt = async (id: number) =>
    (await t.db.selectFrom('subscriptions').select('last_digest_at').where('id', '=', id).executeTakeFirstOrThrow()).last_digest_at;

  it('sends at 07:00 on each subscriber’s own clock, in New York and Berlin, across both DST changes, once a day', async () => {
    const ny = await matterWithDocket('jgg-v-trump', 'J.G.G. v. Trump', 'dcd', '1:25-cv-00766');
    const be = await matterWithDocket('aarp-v-trump', 'A.A.R.P. v. Trump', 'txnd', '1:25-cv-00059');
    // Joined after the day's digest hour, so each one's first digest is the next day's.
    const nySub = await digestSubscriber({
      matterId: ny.matterId,
      target: 'ny@example.com',
      timeZone: 'America/New_York',
      joined: '2025-03-07T13:00:00Z',
    });
    const beSub = await digestSubscriber({
      matterId: be.matterId,
      target: 'berlin@example.com',
      timeZone: 'Europe/Berlin',
      joined: '2025-03-07T13:00:00Z',
    });

    // New York: Sat 8 March 07:00 EST = 12:00Z; Sun 9 March (DST from 02:00) 07:00 EDT = 11:00Z; Mon 10 March 11:00Z.
    await fileEntry(ny.docket, '2025-03-07T20:00:00Z', { shortDescription: 'ORDER setting briefing schedule (ny-sat)' });
    await fileEntry(ny.docket, '2025-03-08T11:59:00Z', { shortDescription: 'ORDER on motion (ny-sat-late)' });
    await fileEntry(ny.docket, '2025-03-08T12:00:00Z', { shortDescription: 'ORDER to show cause (ny-sun)' });
    await fileEntry(ny.docket, '2025-03-09T10:59:59Z', { shortDescription: 'ORDER granting stay (ny-sun-late)' });
    await fileEntry(ny.docket, '2025-03-09T11:00:00Z', { shortDescription: 'ORDER denying motion (ny-mon)' });
    // Berlin: Sat 29 March 07:00 CET = 06:00Z; Sun 30 March (CEST from 02:00) 07:00 CEST = 05:00Z; Mon 31 March 05:00Z.
    await fileEntry(be.docket, '2025-03-28T12:00:00Z', { shortDescription: 'ORDER staying removal (be-sat)' });
    await fileEntry(be.docket, '2025-03-29T06:30:00Z', { shortDescription: 'ORDER granting injunction (be-sun)' });
    await fileEntry(be.docket, '2025-03-30T06:00:00Z', { shortDescription: 'ORDER to respond (be-mon)' });

    /** [sweep instant, who gets a digest, the entries it must list] in time order; every sweep runs twice. */
    const timeline: [string, string | null, string[]][] = [
      ['2025-03-08T11:59:00Z', null, []],
      ['2025-03-08T12:00:00Z', 'ny@example.com', ['ny-sat', 'ny-sat-late']],
      ['2025-03-08T12:30:00Z', null, []],
      ['2025-03-09T10:59:00Z', null, []], // 06:59 EDT: the clocks went forward at 07:00Z
      ['2025-03-09T11:00:00Z', 'ny@example.com', ['ny-sun', 'ny-sun-late']],
      ['2025-03-09T12:00:00Z', null, []], // 07:00 EST would have been now: not again
      ['2025-03-10T10:59:00Z', null, []],
      ['2025-03-10T11:00:00Z', 'ny@example.com', ['ny-mon']],
      // Berlin's own change, three weeks later (New York's days in between have nothing new).
      ['2025-03-29T05:59:00Z', null, []],
      ['2025-03-29T06:00:00Z', 'berlin@example.com', ['be-sat']],
      ['2025-03-30T04:59:00Z', null, []], // 06:59 CEST
      ['2025-03-30T05:00:00Z', 'berlin@example.com', ['be-sun']],
      ['2025-03-30T06:00:00Z', null, []], // 07:00 CET would have been now: not again
      ['2025-03-31T04:59:00Z', null, []],
      ['2025-03-31T05:00:00Z', 'berlin@example.com', ['be-mon']],
      ['2025-03-31T05:01:00Z', null, []],
    ];
    newMail();
    for (const [now, recipient, tags] of timeline) {
      const first = await sweep(now);
      const again = await sweep(now);
      const mail = newMail();
      expect({ now, sent: first + again, to: mail.map(to) }).toEqual({ now, sent: recipient ? 1 : 0, to: recipient ? [recipient] : [] });
      if (!recipient) continue;
      const text = mail[0]!.text ?? '';
      const listed = [...text.matchAll(/\((\w+(?:-\w+)*)\)/g)].map((m) => m[1]);
      expect({ now, listed }).toEqual({ now, listed: tags });
    }

    const nyRuns = await runsOf(nySub.id);
    expect(nyRuns.filter((r) => r.status === 'sent').map((r) => r.window_end.toISOString())).toEqual([
      '2025-03-08T12:00:00.000Z',
      '2025-03-09T11:00:00.000Z',
      '2025-03-10T11:00:00.000Z',
    ]);
    // New York's quiet days between the changes were closed without a mail.
    expect(nyRuns.filter((r) => r.status !== 'sent').every((r) => r.status === 'skipped' && r.items === 0)).toBe(true);
    expect((await runsOf(beSub.id)).filter((r) => r.status === 'sent').map((r) => r.window_end.toISOString())).toEqual([
      '2025-03-29T06:00:00.000Z',
      '2025-03-30T05:00:00.000Z',
      '2025-03-31T05:00:00.000Z',
    ]);
  });

  it('sends a new subscriber nothing until their next 07:00 (no digest for a window that closed before they joined)', async () => {
    const m = await matterWithDocket('abrego-late-joiner', 'Abrego Garcia v. Noem');
    await fileEntry(m.docket, '2025-04-10T09:00:00Z', { shortDescription: 'ORDER before joining (before)' });
    await fileEntry(m.docket, '2025-04-10T16:00:00Z', { shortDescription: 'ORDER after joining (after)' });
    // Joined Thursday 10 April at 11:00 EDT, four hours after that day's digest.
    const sub = await digestSubscriber({ matterId: m.matterId, target: 'late@example.com', joined: '2025-04-10T15:00:00Z' });
    newMail();
    expect(await sweep('2025-04-10T15:01:00Z')).toBe(0);
    expect(await sweep('2025-04-11T10:59:00Z')).toBe(0);
    expect(newMail()).toHaveLength(0);
    expect(await runsOf(sub.id)).toHaveLength(0);
    expect(await sweep('2025-04-11T11:00:00Z')).toBe(1);
    const [mail] = newMail();
    expect(to(mail!)).toBe('late@example.com');
    expect(mail!.text).toContain('(after)');
  });

  it('groups by matter, orders and opinions before routine entries, press after; links, HTML and text, unsubscribe headers, escaping', async () => {
    const abrego = await matterWithDocket('abrego-garcia', 'Abrego Garcia v. Noem');
    const jgg = await matterWithDocket('j-g-g', 'J.G.G. v. Trump', 'dcd');
    // A saved search across matters: every update below mentions removal.
    const sub = await digestSubscriber({ matterId: null, query: 'removal', target: 'reader@example.com', joined: '2025-05-01T00:00:00Z' });
    const at = '2025-05-08T15:00:00Z';
    // Stored in the "wrong" order on purpose: press and routine first.
    await publish(jgg.matterId, at, {
      title: 'Statement on removal flights <script>alert("x")</script> & "more"',
      url: 'https://www.justice.gov/opa/pr/removal-flights',
    });
    await fileEntry(jgg.docket, at, {
      shortDescription: 'NOTICE of Appearance by Jane Doe (removal)',
      documentUrl: 'https://ecf.dcd.uscourts.gov/doc1/045111',
    });
    await fileEntry(jgg.docket, at, {
      shortDescription: 'MEMORANDUM OPINION on removal under the Alien Enemies Act',
      documentUrl: 'https://ecf.dcd.uscourts.gov/doc1/045222',
    });
    await fileEntry(abrego.docket, at, {
      shortDescription: 'Corporate Disclosure Statement (removal) <img src=x onerror=alert(1)>',
      documentUrl: 'javascript:alert(1)',
    });
    await fileEntry(abrego.docket, at, {
      shortDescription: 'ORDER directing the Government to facilitate return after removal',
      documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/093130698',
    });
    await fileEntry(abrego.docket, at, { shortDescription: 'ORDER unrelated to this search' });
    newMail();

    expect(await sweep('2025-05-09T11:00:00Z')).toBe(1);
    const [mail] = newMail();
    const text = mail!.text!;
    const html = mail!.html as string;
    expect(to(mail!)).toBe('reader@example.com');
    expect(mail!.subject).toBe('docketwatch digest, Friday, May 9, 2025: 5 updates in 2 matters');
    expect(mail!.messageId).toMatch(/^<digest-\d+@dw\.example\.test>$/);
    expect(text).not.toContain('unrelated');

    // Grouped by matter (alphabetical), and within each: orders and opinions, routine, then press.
    const order = (haystack: string, needles: string[]) => needles.map((s) => haystack.indexOf(s));
    const inText = order(text, [
      'Abrego Garcia v. Noem',
      'ORDER directing the Government',
      'Corporate Disclosure Statement',
      'J.G.G. v. Trump',
      'MEMORANDUM OPINION on removal',
      'NOTICE of Appearance by Jane Doe',
      'Statement on removal flights',
    ]);
    expect(inText.every((i) => i >= 0)).toBe(true);
    expect([...inText].sort((a, b) => a - b)).toEqual(inText);
    const inHtml = order(html, [
      '>Abrego Garcia v. Noem<',
      'ORDER directing the Government',
      'Corporate Disclosure Statement',
      '>J.G.G. v. Trump<',
      'MEMORANDUM OPINION on removal',
      'NOTICE of Appearance by Jane Doe',
      'Statement on removal flights',
    ]);
    expect(inHtml.every((i) => i >= 0)).toBe(true);
    expect([...inHtml].sort((a, b) => a - b)).toEqual(inHtml);
    expect(text).toMatch(/\[order\] ORDER directing/);
    expect(text).toMatch(/\[routine\] Corporate Disclosure/);
    expect(text).toMatch(/\[press\] Statement on removal flights/);

    // Links: each document, each matter's timeline; a javascript: URL the court printed is never a link.
    for (const url of [
      'https://ecf.mdd.uscourts.gov/doc1/093130698',
      'https://ecf.dcd.uscourts.gov/doc1/045222',
      'https://www.justice.gov/opa/pr/removal-flights',
      `${PUBLIC_URL}/matters/abrego-garcia`,
      `${PUBLIC_URL}/matters/j-g-g`,
    ]) {
      expect(html).toContain(`href="${url}"`);
      expect(text).toContain(url);
    }
    expect(html).not.toContain('javascript:');
    expect(text).not.toContain('javascript:');

    // Scraped text is escaped in HTML, and plain in the text part.
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('Statement on removal flights <script>alert("x")</script> & "more"');

    // RFC 8058 one-click unsubscribe, in the headers and the footer of both parts.
    const link = unsubscribeUrl(PUBLIC_URL, LINK_SECRET, sub.id);
    expect(header(mail!, 'list-unsubscribe')).toBe(`List-Unsubscribe: <${link}>`);
    expect(header(mail!, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(html).toContain(`href="${link}"`);
    expect(text).toContain(link);
    // And the owner's manage page, by a signed link that expires.
    const manage = new RegExp(`Manage your alerts: (${PUBLIC_URL}/manage/${sub.id}\\.\\d+\\.[A-Za-z0-9_-]{32})`).exec(text)?.[1];
    expect(manage).toBeDefined();
    expect(html).toContain(`href="${manage}"`);

    const [run] = await runsOf(sub.id);
    expect(run).toMatchObject({ status: 'sent', items: 5 });
    expect(run!.window_start.toISOString()).toBe('2025-05-08T11:00:00.000Z');
    expect(run!.window_end.toISOString()).toBe('2025-05-09T11:00:00.000Z');
  });

  it('sends nothing when nothing is new: the run is skipped and the window closed; digestSendEmpty sends "nothing new"', async () => {
    const m = await matterWithDocket('quiet-matter', 'Quiet v. Matter');
    const other = await matterWithDocket('busy-matter', 'Busy v. Matter');
    await fileEntry(other.docket, '2025-06-10T09:00:00Z', { shortDescription: 'ORDER in another matter' });
    const quiet = await digestSubscriber({ matterId: m.matterId, target: 'quiet@example.com', joined: '2025-06-01T00:00:00Z' });
    const wantsEmpty = await digestSubscriber({
      matterId: m.matterId,
      target: 'always@example.com',
      digestSendEmpty: true,
      joined: '2025-06-01T00:00:00Z',
    });
    newMail();

    expect(await sweep('2025-06-11T11:00:00Z')).toBe(1);
    const mail = newMail();
    expect(mail.map(to)).toEqual(['always@example.com']);
    expect(mail[0]!.subject).toBe('docketwatch digest, Wednesday, June 11, 2025: nothing new');
    expect(mail[0]!.text).toContain('Nothing new since your last digest.');
    expect(header(mail[0]!, 'list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    expect(await runsOf(quiet.id)).toMatchObject([{ status: 'skipped', items: 0, sent_at: null }]);
    expect((await lastDigestAt(quiet.id))?.toISOString()).toBe('2025-06-11T11:00:00.000Z');
    expect(await runsOf(wantsEmpty.id)).toMatchObject([{ status: 'sent', items: 0 }]);
    expect((await lastDigestAt(wantsEmpty.id))?.toISOString()).toBe('2025-06-11T11:00:00.000Z');

    // Later the same day: both windows are closed.
    expect(await sweep('2025-06-11T20:00:00Z')).toBe(0);
    expect(newMail()).toHaveLength(0);
    expect(await runsOf(quiet.id)).toHaveLength(1);
  });

  it('sends a paused subscription no digest, and resumes with the next one', async () => {
    const m = await matterWithDocket('paused-matter', 'Paused v. Matter');
    await fileEntry(m.docket, '2025-07-10T09:00:00Z', { shortDescription: 'ORDER while paused' });
    const paused = await digestSubscriber({ matterId: m.matterId, target: 'paused@example.com', joined: '2025-07-01T00:00:00Z' });
    expect(await setSubscriptionPaused(t.db, paused.id, true)).toBe(true);
    newMail();

    await sweep('2025-07-11T11:00:00Z');
    expect(newMail().map(to)).not.toContain('paused@example.com');
    expect(await runsOf(paused.id)).toEqual([]);

    expect(await setSubscriptionPaused(t.db, paused.id, false)).toBe(true);
    await fileEntry(m.docket, '2025-07-11T15:00:00Z', { shortDescription: 'ORDER after resuming' });
    await sweep('2025-07-12T11:00:00Z');
    expect(newMail().map(to)).toContain('paused@example.com');
  });

  it('two sweepers at once send each digest exactly once', async () => {
    const m = await matterWithDocket('two-sweepers', 'Two v. Sweepers');
    await fileEntry(m.docket, '2025-07-10T09:00:00Z', { shortDescription: 'ORDER granting motion (race)' });
    const subs = [];
    for (let i = 0; i < 12; i++) {
      subs.push(await digestSubscriber({ matterId: m.matterId, target: `race${i}@example.com`, joined: '2025-07-01T00:00:00Z' }));
    }
    const other = await openDatabase({ url: t.url, poolSize: 5 });
    const otherEmail = new EmailSender({ from: FROM, smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
    try {
      newMail();
      const now = '2025-07-10T11:00:00Z';
      const [a, b] = await Promise.all([sendDueDigests(deps(now)), sendDueDigests(deps(now, otherEmail, other.db))]);
      expect(a + b).toBe(subs.length);
      const mail = newMail();
      expect(mail.map(to).sort()).toEqual(subs.map((s) => s.target).sort());
      // Once more from both: nothing.
      const again = await Promise.all([sendDueDigests(deps(now)), sendDueDigests(deps(now, otherEmail, other.db))]);
      expect(again).toEqual([0, 0]);
      expect(newMail()).toHaveLength(0);
      const runs = await t.db
        .selectFrom('digest_runs')
        .select(['subscription_id', 'status'])
        .where(
          'subscription_id',
          'in',
          subs.map((s) => s.id),
        )
        .execute();
      expect(runs).toHaveLength(subs.length);
      expect(runs.every((r) => r.status === 'sent')).toBe(true);
    } finally {
      await otherEmail.close();
      await other.close();
    }
  });

  it('a failed send gives the window back and the next sweep sends it; a refused recipient closes the window', async () => {
    const m = await matterWithDocket('flaky-mail', 'Flaky v. Mail');
    await fileEntry(m.docket, '2025-08-12T09:00:00Z', { shortDescription: 'ORDER granting motion (flaky)' });
    const sub = await digestSubscriber({ matterId: m.matterId, target: 'flaky@example.com', joined: '2025-08-01T00:00:00Z' });

    // An SMTP server that is not there (a port nothing listens on): a temporary failure.
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const down = new EmailSender({ from: FROM, smtpUrl: `smtp://127.0.0.1:${closedPort}` });
    // An SMTP server that refuses the recipient for good (550).
    const refusing = new SmtpSink({ rejectRecipients: /^flaky@/ });
    const refusingSender = new EmailSender({ from: FROM, smtpUrl: await refusing.start() });
    try {
      newMail();
      expect(await sweep('2025-08-12T11:00:00Z', down)).toBe(0);
      expect(await runsOf(sub.id)).toHaveLength(0);
      expect(await lastDigestAt(sub.id)).toBeNull();

      expect(await sweep('2025-08-12T11:02:00Z')).toBe(1);
      const mail = newMail();
      expect(mail.map(to)).toEqual(['flaky@example.com']);
      expect(mail[0]!.text).toContain('(flaky)');
      expect(await runsOf(sub.id)).toMatchObject([{ status: 'sent', items: 1 }]);
      expect(await sweep('2025-08-12T11:03:00Z')).toBe(0);
      expect(newMail()).toHaveLength(0);

      // Next day the server refuses the address: the run records why, and the window is not retried every minute.
      await fileEntry(m.docket, '2025-08-13T09:00:00Z', { shortDescription: 'ORDER setting hearing (flaky 2)' });
      expect(await sweep('2025-08-13T11:00:00Z', refusingSender)).toBe(0);
      expect(refusing.messages).toHaveLength(0);
      const runs = await runsOf(sub.id);
      expect(runs.at(-1)).toMatchObject({ status: 'failed' });
      expect(runs.at(-1)!.error).toMatch(/550|rejected/);
      expect(await sweep('2025-08-13T11:01:00Z')).toBe(0);
      expect(newMail()).toHaveLength(0);
    } finally {
      await down.close();
      await refusingSender.close();
      await refusing.stop();
    }
  });

  it('applies the subscription’s filters: classes and courts/press', async () => {
    const m = await matterWithDocket('filtered-digest', 'Filtered v. Digest');
    const at = '2025-09-15T14:00:00Z';
    await fileEntry(m.docket, at, { shortDescription: 'ORDER granting preliminary injunction (order)' });
    await fileEntry(m.docket, at, { shortDescription: 'MEMORANDUM OPINION (opinion)' });
    await fileEntry(m.docket, at, { shortDescription: 'NOTICE of Appearance by Jane Doe (routine)' });
    await publish(m.matterId, at, { title: 'Press release on the ruling (press)' });
    const joined = '2025-09-01T00:00:00Z';
    await digestSubscriber({ matterId: m.matterId, target: 'orders@example.com', classes: ['order'], joined });
    await digestSubscriber({ matterId: m.matterId, target: 'rulings@example.com', classes: ['order', 'opinion'], joined });
    await digestSubscriber({ matterId: m.matterId, target: 'press@example.com', sourceFilter: 'press', joined });
    await digestSubscriber({ matterId: m.matterId, target: 'courts@example.com', sourceFilter: 'courts', joined });
    await digestSubscriber({ matterId: m.matterId, target: 'all@example.com', joined });
    newMail();

    expect(await sweep('2025-09-16T11:00:00Z')).toBe(5);
    const byRecipient = new Map(
      newMail().map((mail) => [to(mail), [...(mail.text ?? '').matchAll(/\((order|opinion|routine|press)\)/g)].map((x) => x[1])]),
    );
    expect(Object.fromEntries(byRecipient)).toEqual({
      'orders@example.com': ['order'],
      'rulings@example.com': ['opinion', 'order'],
      'press@example.com': ['press'],
      'courts@example.com': ['opinion', 'order', 'routine'],
      'all@example.com': ['opinion', 'order', 'routine', 'press'],
    });
  });
});
