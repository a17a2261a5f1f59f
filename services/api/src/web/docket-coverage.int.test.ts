/**
 * What each docket's sources can see, on the matter page and in the API's docket resource (real
 * HTTP, real Postgres): a court feed that carries only some entry classes leaves the rest unseen,
 * a docket's own source carrying everything closes the gap, and a docket with no source says so.
 */
import type { FastifyInstance } from 'fastify';
import { classifyEntry } from '@docketwatch/core';
import { storeDocketEntries, upsertDocket, upsertMatter, upsertSource } from '@docketwatch/db';
import { callJson, createTestDatabase, listenLocally, quietApiDeps, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from '../server';

describe('coverage gaps per docket', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;

  beforeAll(async () => {
    t = await createTestDatabase();
    const matter = await upsertMatter(t.db, { slug: 'aarp-v-trump', name: 'A.A.R.P. / W.M.M. v. Trump' });
    await upsertDocket(t.db, {
      matterId: matter.id,
      court: 'txnd',
      docketNumber: '1:25-cv-00059',
      caseName: 'W.M.M. v. Trump',
    });
    await upsertDocket(t.db, { matterId: matter.id, court: 'ca5', docketNumber: '25-10534', caseName: 'W.M.M. v. Trump' });
    const scotus = await upsertDocket(t.db, {
      matterId: matter.id,
      court: 'scotus',
      docketNumber: '24A1007',
      caseName: 'A.A.R.P. v. Trump',
    });
    // The court's feed carries orders and opinions only (as the catalogue records it).
    await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'N.D. Tex. CM/ECF feed',
      address: 'http://127.0.0.1:9/txnd/rss',
      court: 'txnd',
      intervalSeconds: 300,
      config: { carries: ['order', 'opinion'] },
    });
    // Another court's feed, carrying everything, is no source of the Texas docket.
    await upsertSource(t.db, {
      kind: 'pacer-rss',
      name: 'D.D.C. feed',
      address: 'http://127.0.0.1:9/dcd/rss',
      court: 'dcd',
      intervalSeconds: 300,
    });
    await upsertSource(t.db, {
      kind: 'scotus-docket',
      name: 'Supreme Court docket 24A1007',
      address: 'http://127.0.0.1:9/scotus/24A1007.json',
      docketId: scotus.id,
      intervalSeconds: 600,
    });
    app = buildServer(quietApiDeps(t.db));
    origin = await listenLocally(app);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const unseenByDocket = async (): Promise<Record<string, string[]>> => {
    const { status, body } = await callJson(origin, 'GET', '/api/matters/aarp-v-trump');
    expect(status).toBe(200);
    return Object.fromEntries(
      (body!.dockets as { docketNumber: string; unseenClasses: string[] }[]).map((d) => [d.docketNumber, d.unseenClasses]),
    );
  };

  it("names in the API's docket resource the classes no source of each docket carries", async () => {
    expect(await unseenByDocket()).toEqual({
      '1:25-cv-00059': ['judgment', 'motion', 'brief', 'notice', 'hearing', 'routine', 'other'],
      '25-10534': ['opinion', 'judgment', 'order', 'motion', 'brief', 'notice', 'hearing', 'routine', 'other'],
      '24A1007': [],
    });
  });

  it('shows the gap on the matter page beside each docket', async () => {
    const res = await fetch(`${origin}/matters/aarp-v-trump`);
    expect(res.status).toBe(200);
    const page = (await res.text()).replace(/\s+/g, ' ');
    const item = (docket: string): string => {
      const found = new RegExp(`<li><span class="badge">[^<]*${docket.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</span>(.*?)</li>`).exec(page);
      expect(found).not.toBeNull();
      return found![1]!.replace(/<[^>]+>/g, '').trim();
    };
    expect(item('1:25-cv-00059')).toBe(
      'Not seen by any of its sources: judgment, motion, brief, notice, hearing, routine, other entries. A silence there is a gap, not news.',
    );
    expect(item('25-10534')).toBe('No source follows this docket: nothing from it will appear here.');
    expect(item('24A1007')).toBe('');
  });

  it('closes a gap when a source that sees everything is added, and opens it again when that source is disabled', async () => {
    const [txnd] = await t.db.selectFrom('dockets').select('id').where('docket_number', '=', '1:25-cv-00059').execute();
    const own = await upsertSource(t.db, {
      kind: 'courtlistener',
      name: 'CourtListener W.M.M. v. Trump',
      address: 'courtlistener:txnd/1:25-cv-00059',
      docketId: txnd!.id,
      intervalSeconds: 900,
    });
    expect((await unseenByDocket())['1:25-cv-00059']).toEqual([]);
    await t.db.updateTable('sources').set({ enabled: false }).where('id', '=', own.id).execute();
    expect((await unseenByDocket())['1:25-cv-00059']).toEqual(['judgment', 'motion', 'brief', 'notice', 'hearing', 'routine', 'other']);
  });

  it("counts a source that has seen one of the docket's entries (a mailbox of its notices) as one of its sources", async () => {
    const ca5 = await t.db.selectFrom('dockets').selectAll().where('docket_number', '=', '25-10534').executeTakeFirstOrThrow();
    const mailbox = await upsertSource(t.db, {
      kind: 'nef-email',
      name: 'NEF mailbox',
      address: 'mailto:nef@example.org',
      intervalSeconds: 86400,
    });
    await storeDocketEntries(t.db, {
      sourceId: mailbox.id,
      docket: ca5,
      baseline: false,
      classify: classifyEntry,
      entries: [
        {
          entryNumber: '12',
          filedAt: '2025-05-20',
          shortDescription: 'ORDER',
          description: 'ORDER granting motion to expedite.',
          documentUrl: null,
          pacerDocId: null,
          attachments: [],
        },
      ],
    });
    expect((await unseenByDocket())['25-10534']).toEqual([]);
  });
});
