import { recordInboundMessage, upsertDocket, upsertMatter, upsertSource, markInboundMessage } from '@docketwatch/db';
import { parseNefEmail } from '@docketwatch/sources';
import { createTestDatabase, readFixture, type TestDatabase } from '@docketwatch/test-support';
import { replayInboundMessages } from './ingest-pushed';

describe('replaying kept inbound messages (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('ingests a notice that once failed, leaves garbage failing with its reason, and adds nothing the second time', async () => {
    const nef = readFixture('pacer/nef/s3/ded_1.txt');
    const parsed = await parseNefEmail(nef);
    const docket = parsed.dockets[0]!;
    const matter = await upsertMatter(t.db, { slug: 'case', name: 'Case' });
    await upsertDocket(t.db, { matterId: matter.id, court: docket.court, docketNumber: docket.docketNumber });
    const box = await upsertSource(t.db, { kind: 'nef-email', name: 'box', url: 'mailto:nef@example.test', intervalSeconds: 86400 });

    // As if a parser bug had refused it when it arrived: kept raw, marked failed.
    const kept = await recordInboundMessage(t.db, {
      sourceId: box.id,
      channel: 'smtp',
      sender: 'ecf@ded.uscourts.gov',
      recipient: 'nef@example.test',
      raw: nef,
    });
    await markInboundMessage(t.db, kept, 'failed', 'PARSE_MALFORMED: (a bug since fixed)');
    const junk = await recordInboundMessage(t.db, {
      sourceId: box.id,
      channel: 'smtp',
      sender: 'x@example.test',
      recipient: 'nef@example.test',
      raw: Buffer.from('Subject: hello\r\n\r\nnewsletter'),
    });
    await markInboundMessage(t.db, junk, 'failed', 'PARSE_UNRECOGNISED: not a notice');

    const first = await replayInboundMessages(t.db);
    expect(first).toMatchObject({ replayed: 2, ingested: 1, events: 1 });
    expect(first.failed).toEqual([{ id: junk, reason: expect.stringMatching(/^PARSE_UNRECOGNISED/) }]);
    const statuses = await t.db.selectFrom('inbound_messages').select(['id', 'status']).orderBy('id').execute();
    expect(statuses).toEqual([
      { id: kept, status: 'ingested' },
      { id: junk, status: 'failed' },
    ]);
    expect(await t.db.selectFrom('entries').select('id').execute()).toHaveLength(1);

    // Replaying the one that got in, by id, changes nothing: ingest is idempotent.
    const again = await replayInboundMessages(t.db, { ids: [kept] });
    expect(again).toMatchObject({ replayed: 1, ingested: 1, events: 0, failed: [] });
    expect(await t.db.selectFrom('entries').select('id').execute()).toHaveLength(1);
    expect(await t.db.selectFrom('outbox_events').select('id').execute()).toHaveLength(1);
  });
});
