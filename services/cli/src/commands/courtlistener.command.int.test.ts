/**
 * `docketwatch courtlistener alerts sync` against real Postgres and a local stand-in for
 * CourtListener's docket-alert API (GET lists the account's alerts page by page, POST creates one).
 */
import { pinCourtListenerDocket, upsertDocket, upsertMatter } from '@docketwatch/db';
import { createTestDatabase, HttpStandIn, type RecordedRequest, type TestDatabase } from '@docketwatch/test-support';
import { main } from '../main';

const TOKEN = 'cl-sync-token-0123456789';
const ALERTS = '/api/rest/v4/docket-alerts/';

describe('docketwatch courtlistener alerts sync (real Postgres, CourtListener stand-in)', () => {
  let t: TestDatabase;
  let courtListener: HttpStandIn;
  let nextAlertId = 9000;

  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), progress: { write: () => true } };
    const env = { DATABASE_URL: t.url, COURTLISTENER_TOKEN: TOKEN, COURTLISTENER_URL: courtListener.url, ALLOW_PRIVATE_URLS: 'true' };
    const code = await main(argv, io, env);
    return { code, out, err };
  };
  const posts = () => courtListener.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body) as unknown);

  beforeAll(async () => {
    t = await createTestDatabase();
    courtListener = new HttpStandIn();
    await courtListener.start();
    const matter = await upsertMatter(t.db, { slug: 'jgg-v-trump', name: 'J.G.G. v. Trump' });
    const district = await upsertDocket(t.db, { matterId: matter.id, court: 'dcd', docketNumber: '1:25-cv-00766' });
    const appeal = await upsertDocket(t.db, { matterId: matter.id, court: 'cadc', docketNumber: '25-5067' });
    // The district case is held twice by CourtListener; the appeal's alert exists; one alert was turned off.
    for (const id of [70000001, 70000002]) await pinCourtListenerDocket(t.db, district.id, id);
    await pinCourtListenerDocket(t.db, appeal.id, 70000003);
    await pinCourtListenerDocket(t.db, appeal.id, 70000004);
    const existing = [
      { id: 11, docket: 70000003, alert_type: 1 },
      { id: 12, docket: 70000004, alert_type: 0 },
      { id: 13, docket: 69999999, alert_type: 1 },
    ];
    courtListener.set(`${ALERTS}?page=2`, {
      body: JSON.stringify({ next: null, results: existing.slice(1) }),
      contentType: 'application/json',
    });
    courtListener.set(ALERTS, (req: RecordedRequest) => {
      if (req.headers.authorization !== `Token ${TOKEN}`)
        return { status: 401, body: '{"detail":"Invalid token."}', contentType: 'application/json' };
      if (req.method === 'POST') {
        const { docket } = JSON.parse(req.body) as { docket: number };
        return { status: 201, body: JSON.stringify({ id: ++nextAlertId, docket, alert_type: 1 }), contentType: 'application/json' };
      }
      return {
        body: JSON.stringify({ next: `${courtListener.url}${ALERTS}?page=2`, results: existing.slice(0, 1) }),
        contentType: 'application/json',
      };
    });
  });
  afterAll(async () => {
    await courtListener?.stop();
    await t?.drop();
  });

  it('on a dry run says which alerts it would create, and creates none', async () => {
    const r = await run('courtlistener', 'alerts', 'sync', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('would create an alert for CourtListener docket 70000001\n');
    expect(r.out).toContain('would create an alert for CourtListener docket 70000002\n');
    expect(posts()).toEqual([]);
  });

  it('creates an alert for each pinned id without one, after reading every page of the existing alerts', async () => {
    const r = await run('courtlistener', 'alerts', 'sync');
    expect(r.code).toBe(0);
    expect(posts()).toEqual([{ docket: 70000001 }, { docket: 70000002 }]);
    const post = courtListener.requests.find((q) => q.method === 'POST')!;
    expect(post.headers['content-type']).toBe('application/json');
    expect(r.out).toBe(
      [
        'created an alert for CourtListener docket 70000001',
        'created an alert for CourtListener docket 70000002',
        'CourtListener docket 70000004: its alert was turned off on CourtListener; left off',
        '',
      ].join('\n'),
    );
    expect(r.err).toBe('4 pinned: 1 had an alert, created 2, 1 turned off\n');
  });

  it('needs the account’s token', async () => {
    let err = '';
    const io = { out: () => undefined, err: (s: string) => void (err += s), progress: { write: () => true } };
    expect(await main(['courtlistener', 'alerts', 'sync'], io, { DATABASE_URL: t.url })).toBe(2);
    expect(err).toMatch(/COURTLISTENER_TOKEN/);
  });
});
