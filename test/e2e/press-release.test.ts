/**
 * A press room end to end: a justice.gov-style press-release listing on a local stand-in, read
 * through the justice-gov-news preset by a poller child process. A new release naming
 * "Abrego Garcia" reaches that matter's subscribers (e-mail and Slack) once, and nobody else; a
 * release about the Alien Enemies Act reaches the J.G.G. subscriber; unrelated releases reach
 * nobody. Each new release's own page is fetched once, and its text (not the listing's teaser) is
 * what is stored and matched.
 *
 * The listing and article pages are synthetic (the preset is unverified against the live site):
 * the listing rows below and the article pages in testdata/justice-gov-news/ follow the Drupal/USWDS
 * markup the preset expects, as the synthetic page in packages/sources/src/press/presets.test.ts does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@docketwatch/config';
import { Runtime } from '@docketwatch/cli';
import {
  CliProcess,
  createTestDatabase,
  deleteRedisPrefix,
  eventually,
  HttpStandIn,
  SmtpSink,
  testRedisPrefix,
  TEST_REDIS_URL,
  type TestDatabase,
} from '@docketwatch/test-support';

jest.setTimeout(120_000);

/** Waits for alerts: a new alert is held COALESCE_SECONDS (to merge a burst), then sent on the next sweep. */
const ALERT_WAIT_MS = 60_000;

const ARTICLES = path.join(__dirname, 'testdata', 'justice-gov-news');

interface Release {
  slug: string;
  title: string;
  /** As justice.gov stamps a date-only field: the day at a placeholder noon UTC. */
  datetime: string;
  shown: string;
  teaser: string;
  /** Link the listing row as the press room does: site-relative, or absolute (to the stand-in). */
  absolute?: boolean;
}

// Baseline: already listed when docketwatch first looks. The first names Abrego Garcia.
const OLD_ABREGO: Release = {
  slug: 'attorney-general-statement-supreme-court-order-noem-v-abrego-garcia',
  title: 'Attorney General Statement on the Supreme Court Order in Noem v. Abrego Garcia',
  datetime: '2025-04-11T12:00:00Z',
  shown: 'April 11, 2025',
  teaser: 'The Attorney General responds to the Supreme Court&#8217;s order.',
};
const OLD_CRIME: Release = {
  slug: 'justice-department-announces-nationwide-violent-crime-initiative',
  title: 'Justice Department Announces Nationwide Violent Crime Initiative',
  datetime: '2025-04-03T12:00:00Z',
  shown: 'April 3, 2025',
  teaser: 'A nationwide initiative with state and local partners.',
  absolute: true,
};
// New: the docket number is only on the article page, not in the listing.
const RETURN: Release = {
  slug: 'statement-return-kilmar-abrego-garcia',
  title: 'Statement on the Return of Kilmar Ábrego García',
  datetime: '2025-06-06T12:00:00Z',
  shown: 'June 6, 2025',
  teaser: 'The Department of Justice issued the following statement.',
};
const LIBRARIES: Release = {
  slug: 'justice-department-announces-grants-rural-libraries',
  title: 'Justice Department Announces Grants for Rural Libraries',
  datetime: '2025-06-05T12:00:00Z',
  shown: 'June 5, 2025',
  teaser: 'Grants will help rural libraries offer legal self-help resources.',
  absolute: true,
};
// New later: "Alien Enemies Act" is only on the article page.
const AEA: Release = {
  slug: 'statement-court-ruling-alien-enemies-act-removals',
  title: 'Statement on the Court of Appeals Ruling on Removals',
  datetime: '2025-06-10T12:00:00Z',
  shown: 'June 10, 2025',
  teaser: 'The Department issued a statement on today&#8217;s ruling.',
};
const ALL = [OLD_ABREGO, OLD_CRIME, RETURN, LIBRARIES, AEA];

const articlePath = (r: Release): string => `/opa/pr/${r.slug}`;
const decode = (html: string): string => html.replace(/&#8217;/g, '\u2019');

describe('a press release reaches the subscribers of the matter it names', () => {
  let t: TestDatabase;
  let press: HttpStandIn;
  let slack: HttpStandIn;
  let smtp: SmtpSink;
  let runtime: Runtime;
  let poller: CliProcess | null = null;
  let dir: string;
  let pressUrl: string;
  const prefix = testRedisPrefix();
  const env: Record<string, string> = {};

  const ABREGO_MAIL = 'abrego-watcher@example.com';
  const JGG_MAIL = 'jgg-watcher@example.com';
  const SLACK_HOOK = '/services/T1/B1/abrego';

  /** A synthetic justice.gov press-release listing (the justice-gov-news preset's markup): newest first, one page. */
  function listing(...releases: Release[]): string {
    const rows = releases.map(
      (r) => `
        <div class="views-row">
          <article role="article" class="news-content-listing node-press-release">
            <div class="node-content">
              <h2 class="news-title"><a href="${r.absolute ? pressUrl : ''}${articlePath(r)}" hreflang="en"><span class="field-formatter--string">${r.title}</span></a></h2>
              <div class="node-date"><time datetime="${r.datetime}">${r.shown}</time></div>
              <div class="field-formatter--text-default field_summary"><p>${r.teaser}</p></div>
              <div class="node-organization">Office of Public Affairs</div>
            </div>
          </article>
        </div>`,
    );
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<!-- SYNTHETIC listing for test/e2e/press-release.test.ts, following the justice-gov-news preset's markup. -->
<title>Press Releases | United States Department of Justice</title></head><body>
<header><nav><ul><li><a href="/news">News</a></li><li><a href="/olc">OLC</a></li></ul></nav></header>
<main id="main-content"><h1>Press Releases</h1>
  <div class="view-content"><div class="rows-wrapper">${rows.join('')}
  </div></div>
  <nav aria-label="Pagination" class="usa-pagination"><ul class="usa-pagination__list">
    <li class="usa-pagination__item"><a href="?page=0" class="usa-pagination__button usa-current" aria-current="page">1</a></li>
  </ul></nav>
</main></body></html>`;
  }

  const showListing = (...releases: Release[]) =>
    press.set('/news', { body: listing(...releases), contentType: 'text/html; charset=utf-8' });
  const slackPosts = () => slack.requests.filter((r) => r.method === 'POST');
  const mailTo = (address: string) => smtp.messages.filter((m) => JSON.stringify(m.to ?? '').includes(address));
  const count = async (table: 'items' | 'matter_items' | 'outbox_events' | 'deliveries') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const itemByTitle = (title: string) => t.db.selectFrom('items').selectAll().where('title', '=', title).executeTakeFirst();
  const mattersOf = async (title: string) =>
    (
      await t.db
        .selectFrom('matter_items')
        .innerJoin('items', 'items.id', 'matter_items.item_id')
        .innerJoin('matters', 'matters.id', 'matter_items.matter_id')
        .select(['matters.slug', 'matter_items.reasons'])
        .where('items.title', '=', title)
        .execute()
    ).map((r) => ({ slug: r.slug, reasons: r.reasons as unknown as { kind: string; value: string; excerpt: string }[] }));
  /** Every outbox event fanned out and every delivery sent: what a poll started has finished. */
  const settled = () =>
    eventually(
      async () => {
        const unfanned = await t.db.selectFrom('outbox_events').select('id').where('fanned_out_at', 'is', null).execute();
        const unsent = await t.db.selectFrom('deliveries').select('id').where('status', '!=', 'sent').execute();
        return unfanned.length === 0 && unsent.length === 0;
      },
      'every event fanned out and every delivery sent',
      ALERT_WAIT_MS,
    );
  /** Resolves after the press room has been polled `n` more times than now. */
  const morePolls = async (n: number) => {
    const lastChecked = async () =>
      (await t.db.selectFrom('sources').select('last_checked_at').executeTakeFirstOrThrow()).last_checked_at?.getTime() ?? 0;
    for (let i = 0; i < n; i++) {
      const before = await lastChecked();
      await eventually(async () => (await lastChecked()) > before, 'another poll of the press room');
    }
  };
  const timeline = async (slug: string) => {
    const res = await fetch(`${runtime.address!}/api/matters/${slug}/timeline`);
    expect(res.status).toBe(200);
    return (
      (await res.json()) as { entries: { type: string; title?: string; url?: string; reasons?: { kind: string; value: string }[] }[] }
    ).entries;
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    press = new HttpStandIn();
    slack = new HttpStandIn();
    smtp = new SmtpSink();
    let slackUrl: string;
    let smtpUrl: string;
    [pressUrl, slackUrl, smtpUrl] = await Promise.all([press.start(), slack.start(), smtp.start()]);
    slack.set(SLACK_HOOK, { body: 'ok' });
    // Every article page is in place before any listing names it, so no fetch meets a 404.
    for (const r of ALL) {
      press.set(articlePath(r), { body: fs.readFileSync(path.join(ARTICLES, `${r.slug}.html`)), contentType: 'text/html; charset=utf-8' });
    }
    showListing(OLD_ABREGO, OLD_CRIME);

    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-e2e-press-'));
    const catalogue = path.join(dir, 'catalogue.yaml');
    fs.writeFileSync(
      catalogue,
      `matters:
  - slug: abrego-garcia
    name: Abrego Garcia v. Noem
    aliases: [Abrego Garcia, Kilmar Abrego Garcia, Ábrego García]
    dockets:
      - { court: mdd, number: 8:25-cv-00951, caseName: Abrego Garcia v. Noem }
    subscriptions:
      - { email: ${ABREGO_MAIL} }
      - { slack: "${slackUrl}${SLACK_HOOK}" }
  - slug: jgg-v-trump
    name: J.G.G. v. Trump
    aliases: [J.G.G., J.G.G. v. Trump]
    keywords: [Alien Enemies Act]
    dockets:
      - { court: dcd, number: 1:25-cv-00766, caseName: J.G.G. v. Trump }
    subscriptions:
      - { email: ${JGG_MAIL} }
pressRooms:
  - { preset: justice-gov-news, url: "${pressUrl}/news", every: 1s }
`,
      'utf8',
    );
    Object.assign(env, {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SMTP_URL: smtpUrl,
      CATALOGUE: catalogue,
      ALLOW_PRIVATE_URLS: 'true',
      SCHEDULER_TICK_MS: '250',
      JOB_LOCK_MS: '1500',
      PORT: '0',
      LOG_LEVEL: 'warn',
      DATA_DIR: dir,
      // Alerts wait this long for others in the same matter; short, so the test does not idle.
      COALESCE_SECONDS: '1',
    });
    runtime = new Runtime(loadConfig(env), ['api', 'scheduler', 'notifier']);
    await runtime.start();
    poller = new CliProcess(['start', 'poller'], { env });
  });

  afterAll(async () => {
    await poller?.stop();
    await runtime?.stop();
    await Promise.all([press?.stop(), slack?.stop(), smtp?.stop()]);
    await t?.drop();
    await deleteRedisPrefix(prefix);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores what the press room already lists as its baseline and alerts nobody', async () => {
    await eventually(async () => {
      const sources = await t.db.selectFrom('sources').select(['kind', 'baseline_at', 'last_error']).execute();
      return sources.length === 1 && sources[0]!.kind === 'press-listing' && sources[0]!.baseline_at !== null;
    }, 'the press room to set its baseline');

    expect(await count('items')).toBe(2);
    // The old statement naming Abrego Garcia is on the matter's timeline, silently.
    expect((await mattersOf(OLD_ABREGO.title)).map((m) => m.slug)).toEqual(['abrego-garcia']);
    expect(await mattersOf(OLD_CRIME.title)).toEqual([]);
    expect(await count('outbox_events')).toBe(0);
    expect(await count('deliveries')).toBe(0);
    expect(smtp.messages).toHaveLength(0);
    expect(slackPosts()).toHaveLength(0);
    // Each baseline item's own page was read, once.
    expect(press.requestsTo(articlePath(OLD_ABREGO))).toHaveLength(1);
    expect(press.requestsTo(articlePath(OLD_CRIME))).toHaveLength(1);
  });

  it('alerts the Abrego Garcia subscribers, and only them, to a new release naming him', async () => {
    showListing(RETURN, LIBRARIES, OLD_ABREGO, OLD_CRIME);

    await smtp.waitFor(1, ALERT_WAIT_MS);
    await eventually(async () => slackPosts().length >= 1, 'the Slack post', ALERT_WAIT_MS);
    await eventually(async () => (await count('items')) === 4, 'both new releases stored');
    await settled();

    // One e-mail, to the Abrego Garcia subscriber; its subject names the release, its body links it.
    expect(smtp.messages).toHaveLength(1);
    const [mail] = mailTo(ABREGO_MAIL);
    expect(mail).toBeDefined();
    expect(mail!.subject).toContain(RETURN.title);
    expect(mail!.text).toContain(`${pressUrl}${articlePath(RETURN)}`);
    expect(mail!.html).toContain(`${pressUrl}${articlePath(RETURN)}`);
    expect(mailTo(JGG_MAIL)).toHaveLength(0);
    // One Slack post, naming the release.
    expect(slackPosts()).toHaveLength(1);
    expect(slackPosts()[0]!.path).toBe(SLACK_HOOK);
    const post = JSON.parse(slackPosts()[0]!.body) as { text: string; blocks: unknown[] };
    expect(post.text).toContain(RETURN.title);
    expect(post.blocks.length).toBeGreaterThan(0);
    expect(await count('outbox_events')).toBe(1);
    expect(await count('deliveries')).toBe(2);

    // The attachment records why: the name (in the title, accents and all) and the docket number,
    // which only the article page carries ("No. 8:25-cv-951", stored canonically).
    const attached = await mattersOf(RETURN.title);
    expect(attached.map((m) => m.slug)).toEqual(['abrego-garcia']);
    const reasons = attached[0]!.reasons;
    expect(reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['alias', 'docket-number']));
    const docketReason = reasons.find((r) => r.kind === 'docket-number')!;
    expect(docketReason.value).toBe('8:25-cv-00951');
    expect(docketReason.excerpt).toContain('Abrego Garcia v. Noem, No. 8:25-cv-951');
    // The unrelated release is stored, attached to nothing.
    expect(await itemByTitle(LIBRARIES.title)).toBeDefined();
    expect(await mattersOf(LIBRARIES.title)).toEqual([]);

    // The stored text is the article's, not the listing's teaser.
    const item = (await itemByTitle(RETURN.title))!;
    expect(item.url).toBe(`${pressUrl}${articlePath(RETURN)}`);
    expect(item.summary).toBe(RETURN.teaser);
    expect(item.text).toContain('Abrego Garcia v. Noem, No. 8:25-cv-951');
    expect(item.text).toContain('returned to the United States from El Salvador');
    expect(item.text).not.toContain(RETURN.teaser);
    expect(item.text).not.toContain('Skip to main content');
    expect(item.publisher).toBe('U.S. Department of Justice');
    expect(item.published_at).toBe('2025-06-06');
    expect((await itemByTitle(LIBRARIES.title))!.text).toContain('rural libraries offer legal self-help resources');

    // Each new page was fetched once; the baseline pages were not fetched again.
    for (const r of [RETURN, LIBRARIES, OLD_ABREGO, OLD_CRIME]) expect(press.requestsTo(articlePath(r))).toHaveLength(1);

    // The API shows the release on the matter's timeline, with its reasons; not on J.G.G.'s.
    const abrego = (await timeline('abrego-garcia')).filter((e) => e.type === 'item');
    expect(abrego.map((e) => e.title)).toEqual([RETURN.title, OLD_ABREGO.title]);
    expect(abrego[0]!.url).toBe(`${pressUrl}${articlePath(RETURN)}`);
    expect(abrego[0]!.reasons!.map((r) => r.kind)).toEqual(expect.arrayContaining(['alias', 'docket-number']));
    expect((await timeline('jgg-v-trump')).filter((e) => e.type === 'item')).toEqual([]);
  });

  it('alerts the J.G.G. subscriber to a release about the Alien Enemies Act, and not the Abrego Garcia ones', async () => {
    showListing(AEA, RETURN, LIBRARIES, OLD_ABREGO, OLD_CRIME);

    await smtp.waitFor(2, ALERT_WAIT_MS);
    await eventually(async () => (await count('items')) === 5, 'the new release stored');
    await settled();

    expect(smtp.messages).toHaveLength(2);
    const jgg = mailTo(JGG_MAIL);
    expect(jgg).toHaveLength(1);
    expect(jgg[0]!.subject).toContain(AEA.title);
    expect(jgg[0]!.text).toContain(`${pressUrl}${articlePath(AEA)}`);
    expect(mailTo(ABREGO_MAIL)).toHaveLength(1);
    expect(slackPosts()).toHaveLength(1);
    expect(await count('outbox_events')).toBe(2);
    expect(await count('deliveries')).toBe(3);

    // Matched on the keyword, which only the article page carries.
    const attached = await mattersOf(AEA.title);
    expect(attached.map((m) => m.slug)).toEqual(['jgg-v-trump']);
    expect(attached[0]!.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'keyword', value: 'Alien Enemies Act' })]),
    );
    expect((await itemByTitle(AEA.title))!.summary).toBe(decode(AEA.teaser));
    expect(press.requestsTo(articlePath(AEA))).toHaveLength(1);

    const jggTimeline = (await timeline('jgg-v-trump')).filter((e) => e.type === 'item');
    expect(jggTimeline.map((e) => e.title)).toEqual([AEA.title]);
    expect((await timeline('abrego-garcia')).filter((e) => e.type === 'item').map((e) => e.title)).not.toContain(AEA.title);
  });

  it('sends nothing more, and fetches no article again, when the listing is polled unchanged', async () => {
    const listingRequests = press.requestsTo('/news').length;
    await morePolls(2);
    await settled();

    expect(press.requestsTo('/news').length).toBeGreaterThan(listingRequests);
    expect(await count('items')).toBe(5);
    expect(await count('outbox_events')).toBe(2);
    expect(await count('deliveries')).toBe(3);
    expect(smtp.messages).toHaveLength(2);
    expect(slackPosts()).toHaveLength(1);
    for (const r of ALL) expect(press.requestsTo(articlePath(r))).toHaveLength(1);
    const source = await t.db.selectFrom('sources').select(['health', 'last_error']).executeTakeFirstOrThrow();
    expect(source).toEqual({ health: 'ok', last_error: null });
  });
});
