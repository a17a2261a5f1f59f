/**
 * What readers and calendars fetch, and the web UI: the matter Atom feed, the iCalendar feed of
 * hearings and deadlines, and the server-rendered pages, all with hostile scraped text in them.
 * The real Fastify app listens on 127.0.0.1 against real Postgres.
 *
 * Requests go over a real socket rather than app.inject(): inject loads light-my-request, whose
 * dependency cookie@2 is ESM-only, which Jest 29 cannot require.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParsedEntry } from '@docketwatch/core';
import {
  attachItem,
  createApiToken,
  insertLocalMail,
  storeDocketEntries,
  storeItem,
  upsertDocket,
  upsertMatter,
  upsertSource,
  type Docket,
  type Matter,
  type Source,
} from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';

const log = createLogger({ name: 'test', level: 'silent' });
const PUBLIC_URL = 'http://dw.example.test';

interface Answer {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One GET to the app on its own connection. */
function get(origin: string, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}${url}`, { method: 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Control characters other than tab, LF and CR, which neither XML 1.0 nor iCalendar text may carry, and U+FFFE/U+FFFF. */
function illegalCharacters(text: string): string[] {
  return [...text].filter((c) => {
    const code = c.codePointAt(0)!;
    return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
  });
}

/** Scraped text as hostile as court and press pages can make it. */
const HOSTILE_SHORT = '<script>alert("entry")</script> Motion ]]> to Seal \u0001\u0007\u000B\uFFFE& co';
const HOSTILE_SHORT_CLEAN = '<script>alert("entry")</script> Motion ]]> to Seal & co';
const HOSTILE_DESCRIPTION =
  'MOTION to Seal </summary></entry><entry><title>forged</title> ]]><![CDATA[ x ]]> filed by <b>Nobody</b>\u001F.';
const HOSTILE_ITEM_TITLE = 'Judge <b>orders</b> return ]]> <script>alert(1)</script> \u0008now';
const HOSTILE_ITEM_TITLE_CLEAN = 'Judge <b>orders</b> return ]]> <script>alert(1)</script> now';

const HEARING = 'Motion Hearing set for 4/15/2025 10:00 AM in Courtroom 3A before Judge Paula Xinis.';

function entry(n: string, filedAt: string, shortDescription: string, description: string, documentUrl: string | null = null): ParsedEntry {
  return { entryNumber: n, filedAt, shortDescription, description, documentUrl, pacerDocId: null, attachments: [] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  isArray: (name) => name === 'entry',
});

interface AtomText {
  '#text': string;
  '@type': string;
}
interface AtomEntry {
  id: string;
  title: AtomText;
  summary: AtomText;
  link?: { '@href': string };
  updated: string;
  category: { '@term': string } | { '@term': string }[];
}

function atomEntries(xml: string): AtomEntry[] {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { feed: { entry?: AtomEntry[] } };
  return doc.feed.entry ?? [];
}

/** iCalendar lines with folding undone (RFC 5545 §3.1). */
function icsLines(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** The VEVENT blocks, each as its lines. */
function vevents(ics: string): string[][] {
  const out: string[][] = [];
  let current: string[] | null = null;
  for (const line of icsLines(ics)) {
    if (line === 'BEGIN:VEVENT') current = [];
    else if (line === 'END:VEVENT' && current) {
      out.push(current);
      current = null;
    } else if (current) current.push(line);
  }
  return out;
}

const prop = (event: string[], name: string) => event.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));

/**
 * The server-rendered pages run no script but our own file (the time-zone picker): no inline
 * script, nothing from elsewhere, whatever slips through.
 */
function expectSafePage(res: Answer, status = 200): void {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  const csp = String(res.headers['content-security-policy'] ?? '');
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toMatch(/script-src (?!'self';)|unsafe-inline'[^;]*script|script-src[^;]*unsafe/);
  expect(res.body.replace('<script src="/assets/time-zone.js" defer></script>', '')).not.toMatch(/<script/i);
  expect(res.body).not.toMatch(/<img|<svg|<b>/i);
  expect(res.body).not.toMatch(/href="javascript:/i);
}

describe('feeds and web pages (real Postgres, real HTTP)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let matter: Matter;
  let mdd: Docket;
  let rss: Source;
  let press: Source;
  const fetch = (url: string) => get(origin, url);
  let adminKey: string;
  /** Source health and the outbox are for admins (an admin key as Bearer, or a session). */
  const adminFetch = (url: string) => get(origin, url, { authorization: `Bearer ${adminKey}` });

  beforeAll(async () => {
    t = await createTestDatabase();
    matter = await upsertMatter(t.db, {
      slug: 'abrego-garcia',
      name: 'Abrego Garcia v. Noem',
      description: 'Wrongful removal <script>alert("description")</script> to El Salvador.',
    });
    mdd = await upsertDocket(t.db, { matterId: matter.id, court: 'mdd', docketNumber: '8:25-cv-00951', caseName: 'Abrego Garcia v. Noem' });
    rss = await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'D. Md. <img src=x onerror=alert(1)> RSS',
      address: 'https://ecf.mdd.uscourts.gov/cgi-bin/rss_outside.pl',
      court: 'mdd',
      intervalSeconds: 300,
    });
    press = await upsertSource(t.db, {
      kind: 'feed',
      name: 'Press feed',
      address: 'https://press.example.test/feed.xml',
      intervalSeconds: 3600,
    });
    await t.db
      .updateTable('sources')
      .set({ last_error: 'HTTP 500: <script>alert("error")</script>', last_error_code: 'FETCH_<b>HTTP</b>' })
      .where('id', '=', rss.id)
      .execute();
    await storeDocketEntries(t.db, {
      sourceId: rss.id,
      docket: mdd,
      baseline: true,
      entries: [
        entry('57', '2025-04-10T16:12:00-04:00', 'Notice of Hearing', HEARING, 'https://ecf.mdd.uscourts.gov/doc1/11513544057'),
        entry('58', '2025-04-11T09:30:00-04:00', 'Order', 'ORDER directing the Defendants to show cause. Responses due by 4/21/2025.'),
        entry(
          '59',
          '2025-04-12T11:00:00-04:00',
          HOSTILE_SHORT,
          HOSTILE_DESCRIPTION,
          'https://ecf.mdd.uscourts.gov/doc1/1?a="><script>alert(2)</script><img src=x onerror=alert(3)>',
        ),
        entry('60', '2025-04-12T12:00:00-04:00', 'Exhibit <img src=x onerror=alert(4)>', '', 'javascript:alert(5)'),
      ],
    });
    const item = await storeItem(t.db, {
      sourceId: press.id,
      item: {
        url: 'https://press.example.test/2025/04/13/abrego-garcia?a=1&b=2',
        title: HOSTILE_ITEM_TITLE,
        publishedAt: '2025-04-13T08:00:00-04:00',
        summary: 'The judge <svg onload=alert(6)> ordered the government to facilitate his return.',
        text: '',
        publisher: 'Press <b>Example</b>',
        enclosures: [],
      },
    });
    await attachItem(t.db, {
      matterId: matter.id,
      itemId: item.id,
      reasons: [{ kind: 'alias', value: 'Abrego Garcia', excerpt: 'Abrego Garcia' }],
    });
    await insertLocalMail(t.db, {
      to: '"><script>alert(7)</script>@evil.example',
      subject: 'New: <img src=x onerror=alert(8)> Order',
      text: 'Body <script>alert(9)</script>',
      html: '<p>Hello</p><script>alert(10)</script>',
      headers: {},
    });

    adminKey = await createApiToken(t.db, 'admin');
    app = buildServer({
      db: t.db,
      log,
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: PUBLIC_URL,
      linkSecret: 'test-link-secret',
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  describe('GET /feeds/matters/:slug.atom', () => {
    it('is well-formed Atom with the docket entries and the press item, newest first', async () => {
      const res = await fetch('/feeds/matters/abrego-garcia.atom');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      const entries = atomEntries(res.body);
      expect(entries.map((e) => e.title['#text'])).toEqual([
        HOSTILE_ITEM_TITLE_CLEAN,
        'Exhibit <img src=x onerror=alert(4)>',
        HOSTILE_SHORT_CLEAN,
        'Order',
        'Notice of Hearing',
      ]);
      expect(entries.every((e) => e.title['@type'] === 'text' && e.summary['@type'] === 'text')).toBe(true);
      const hearing = entries.find((e) => e.title['#text'] === 'Notice of Hearing')!;
      expect(hearing.link?.['@href']).toBe('https://ecf.mdd.uscourts.gov/doc1/11513544057');
      expect(hearing.summary['#text']).toBe(`D. Md. 8:25-cv-00951 #57 · 2025-04-10T16:12:00-04:00\n${HEARING}`);
      expect(hearing.category).toEqual({ '@term': 'other' });
      const pressEntry = entries[0]!;
      expect(pressEntry.link?.['@href']).toBe('https://press.example.test/2025/04/13/abrego-garcia?a=1&b=2');
      expect(pressEntry.category).toEqual({ '@term': 'press' });
      // A javascript: document link is dropped; without a link the entry carries its text as content.
      expect(entries[1]!.link).toBeUndefined();
      expect((entries[1] as AtomEntry & { content?: AtomText }).content?.['@type']).toBe('text');
      expect(res.body).not.toContain('javascript:');
    });

    it('gives every entry an id that stays the same from one request to the next', async () => {
      const first = await fetch('/feeds/matters/abrego-garcia.atom');
      const second = await fetch('/feeds/matters/abrego-garcia.atom');
      const ids = atomEntries(first.body).map((e) => e.id);
      expect(new Set(ids).size).toBe(5);
      expect(ids.every((id) => id.startsWith(`${PUBLIC_URL}/`))).toBe(true);
      expect(atomEntries(second.body).map((e) => e.id)).toEqual(ids);
      expect(second.body).toBe(first.body);
    });

    it('escapes hostile scraped text: no markup, no CDATA end, no control characters', async () => {
      const { body } = await fetch('/feeds/matters/abrego-garcia.atom');
      expect(body).not.toMatch(/<script|<b>|<img|<svg|<!\[CDATA\[/i);
      expect(body).not.toContain(']]>');
      expect(body).toContain(']]&gt;');
      expect(body).toContain('&lt;script&gt;alert(&quot;entry&quot;)&lt;/script&gt;');
      expect(illegalCharacters(body)).toEqual([]);
      // The forged </entry><entry> in a description did not make an entry.
      expect(atomEntries(body)).toHaveLength(5);
      expect(body).not.toContain('<title>forged</title>');
      const hostile = atomEntries(body).find((e) => e.title['#text'] === HOSTILE_SHORT_CLEAN)!;
      expect(hostile.summary['#text']).toContain(HOSTILE_DESCRIPTION.replace('\u001F', ''));
      expect(hostile.link?.['@href']).toBe(
        'https://ecf.mdd.uscourts.gov/doc1/1?a=%22%3E%3Cscript%3Ealert(2)%3C/script%3E%3Cimg%20src=x%20onerror=alert(3)%3E',
      );
    });

    it('answers 404 for an unknown matter', async () => {
      const res = await fetch('/feeds/matters/no-such-matter.atom');
      expect(res.statusCode).toBe(404);
      expect(JSON.parse(res.body)).toMatchObject({ status: 404, code: 'MATTER_NOT_FOUND' });
    });
  });

  describe('GET /feeds/matters/:slug.ics', () => {
    let hearingUid: string;

    it('is an iCalendar feed with the hearing in the court’s time zone and the deadline as an all-day event', async () => {
      const res = await fetch('/feeds/matters/abrego-garcia.ics');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const lines = icsLines(res.body);
      expect(lines[0]).toBe('BEGIN:VCALENDAR');
      expect(lines).toContain('VERSION:2.0');
      expect(lines).toContain('BEGIN:VTIMEZONE');
      expect(lines).toContain('TZID:America/New_York');

      const events = vevents(res.body);
      const hearing = events.find((e) => prop(e, 'DTSTART')?.includes('20250415'));
      expect(hearing).toBeDefined();
      expect(prop(hearing!, 'DTSTART')).toBe('DTSTART;TZID=America/New_York:20250415T100000');
      expect(prop(hearing!, 'SUMMARY')).toMatch(/^SUMMARY:Motion Hearing · Abrego Garcia v\. Noem \(/);
      expect(prop(hearing!, 'LOCATION')).toBe('LOCATION:Courtroom 3A');
      expect(prop(hearing!, 'DESCRIPTION')).toContain('Judge Paula Xinis');
      expect(prop(hearing!, 'STATUS')).toBe('STATUS:CONFIRMED');
      expect(prop(hearing!, 'URL')).toBe('URL;VALUE=URI:https://ecf.mdd.uscourts.gov/doc1/11513544057');
      hearingUid = prop(hearing!, 'UID')!.slice('UID:'.length);
      expect(hearingUid).toMatch(/^[0-9a-f]{32}@dw\.example\.test$/);

      const deadline = events.find((e) => prop(e, 'DTSTART')?.includes('20250421'));
      expect(deadline).toBeDefined();
      expect(prop(deadline!, 'DTSTART')).toBe('DTSTART;VALUE=DATE:20250421');
      expect(prop(deadline!, 'SUMMARY')).toMatch(/^SUMMARY:Responses due · /);
      expect(prop(deadline!, 'TRANSP')).toBe('TRANSP:TRANSPARENT');
      expect(events).toHaveLength(2);
    });

    it('keeps every UID, and the whole calendar, the same from one request to the next', async () => {
      const first = await fetch('/feeds/matters/abrego-garcia.ics');
      const second = await fetch('/feeds/matters/abrego-garcia.ics');
      const uids = (ics: string) => vevents(ics).map((e) => prop(e, 'UID'));
      expect(uids(second.body)).toEqual(uids(first.body));
      expect(uids(first.body)).toContain(`UID:${hearingUid}`);
      expect(second.body).toBe(first.body);
    });

    it('still renders when a later entry vacates the same hearing: one event, same UID, cancelled', async () => {
      await storeDocketEntries(t.db, {
        sourceId: rss.id,
        docket: mdd,
        baseline: false,
        entries: [
          entry(
            '61',
            '2025-04-14T17:45:00-04:00',
            'Order',
            'PAPERLESS ORDER VACATING the Motion Hearing set for 4/15/2025 10:00 AM. Signed by Judge Paula Xinis on 4/14/2025.',
          ),
        ],
      });
      const res = await fetch('/feeds/matters/abrego-garcia.ics');
      expect(res.statusCode).toBe(200);
      const events = vevents(res.body);
      const hearings = events.filter((e) => prop(e, 'UID') === `UID:${hearingUid}`);
      expect(hearings).toHaveLength(1);
      expect(prop(hearings[0]!, 'STATUS')).toBe('STATUS:CANCELLED');
      expect(prop(hearings[0]!, 'SUMMARY')).toMatch(/^SUMMARY:CANCELLED: Motion Hearing · /);
      expect(prop(hearings[0]!, 'DTSTART')).toBe('DTSTART;TZID=America/New_York:20250415T100000');
      expect(new Set(events.map((e) => prop(e, 'UID'))).size).toBe(events.length);
    });

    it('cannot be made to carry extra properties or events by entry text', async () => {
      await storeDocketEntries(t.db, {
        sourceId: rss.id,
        docket: mdd,
        baseline: false,
        entries: [
          entry(
            '62',
            '2025-04-14T18:00:00-04:00',
            'Notice',
            'Status Conference set for 5/1/2025 02:00 PM in Courtroom 3A before Judge Paula Xinis.\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned; \u0001',
          ),
        ],
      });
      const res = await fetch('/feeds/matters/abrego-garcia.ics');
      expect(res.statusCode).toBe(200);
      const lines = icsLines(res.body);
      expect(lines.filter((l) => l.startsWith('SUMMARY:pwned'))).toEqual([]);
      expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(vevents(res.body).length);
      expect(illegalCharacters(res.body)).toEqual([]);
      const conference = vevents(res.body).find((e) => prop(e, 'DTSTART')?.includes('20250501'));
      expect(prop(conference!, 'DTSTART')).toBe('DTSTART;TZID=America/New_York:20250501T140000');
    });

    it('answers 404 for an unknown matter', async () => {
      const res = await fetch('/feeds/matters/no-such-matter.ics');
      expect(res.statusCode).toBe(404);
    });
  });

  describe('web UI pages escape scraped text and forbid scripts', () => {
    it('/ lists matters with their descriptions escaped', async () => {
      const res = await fetch('/');
      expectSafePage(res);
      expect(res.body).toContain('<a href="/matters/abrego-garcia">Abrego Garcia v. Noem</a>');
      expect(res.body).toContain('Wrongful removal &lt;script&gt;alert(&quot;description&quot;)&lt;/script&gt; to El Salvador.');
    });

    it('/matters/:slug shows the timeline with entry and press text escaped and only http(s) links', async () => {
      const res = await fetch('/matters/abrego-garcia');
      expectSafePage(res);
      expect(res.body).toContain('&lt;script&gt;alert(&quot;entry&quot;)&lt;/script&gt; Motion ]]&gt; to Seal');
      expect(res.body).toContain('&lt;/summary&gt;&lt;/entry&gt;&lt;entry&gt;&lt;title&gt;forged&lt;/title&gt;');
      expect(res.body).toContain('Judge &lt;b&gt;orders&lt;/b&gt; return');
      expect(res.body).toContain('The judge &lt;svg onload=alert(6)&gt; ordered');
      expect(res.body).toContain('Press &lt;b&gt;Example&lt;/b&gt;');
      expect(res.body).toContain('D. Md. &lt;img src=x onerror=alert(1)&gt; RSS');
      // The quote in a document URL cannot close the href attribute.
      expect(res.body).toContain('href="https://ecf.mdd.uscourts.gov/doc1/1?a=&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;');
      expect(res.body).toContain('href="https://press.example.test/2025/04/13/abrego-garcia?a=1&amp;b=2"');
      // The javascript: link is shown as text, not as a link.
      expect(res.body).toContain('Exhibit &lt;img src=x onerror=alert(4)&gt;');
      expect(res.body).not.toContain('javascript:');
    });

    it('/matters/:slug answers a safe 404 for an unknown matter', async () => {
      const res = await fetch('/matters/%3Cscript%3Ealert(1)%3C%2Fscript%3E');
      expectSafePage(res, 404);
      expect(res.body).toContain('No such matter');
    });

    it('/sources escapes source names and errors', async () => {
      expect((await fetch('/sources')).statusCode).toBe(303);
      const res = await adminFetch('/sources');
      expectSafePage(res);
      expect(res.body).toContain('D. Md. &lt;img src=x onerror=alert(1)&gt; RSS');
      expect(res.body).toContain('FETCH_&lt;b&gt;HTTP&lt;/b&gt; HTTP 500: &lt;script&gt;alert(&quot;error&quot;)&lt;/script&gt;');
    });

    it('/outbox escapes addresses and subjects; a message’s own HTML is served sandboxed', async () => {
      expect((await fetch('/outbox')).statusCode).toBe(303);
      const list = await adminFetch('/outbox');
      expectSafePage(list);
      expect(list.body).toContain('&quot;&gt;&lt;script&gt;alert(7)&lt;/script&gt;@evil.example');
      expect(list.body).toContain('New: &lt;img src=x onerror=alert(8)&gt; Order');
      expect(list.body).toContain('No SMTP_URL is set');

      const id = /href="\/outbox\/(\d+)"/.exec(list.body)?.[1];
      expect(id).toBeDefined();
      const one = await adminFetch(`/outbox/${id}`);
      expectSafePage(one);
      expect(one.body).toContain('Body &lt;script&gt;alert(9)&lt;/script&gt;');
      expect(one.body).toContain(
        `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="message" src="/outbox/${id}/html"></iframe>`,
      );

      const raw = await adminFetch(`/outbox/${id}/html`);
      expect(raw.statusCode).toBe(200);
      expect(raw.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(raw.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      // Sandboxed: no scripts, no same-origin access; only its links may open, in a new tab.
      expect(csp.split(';').map((d) => d.trim())).toContain('sandbox allow-popups allow-popups-to-escape-sandbox');

      expectSafePage(await adminFetch('/outbox/999999'), 404);
    });
  });
});
