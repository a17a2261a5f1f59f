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
    const box = await upsertSource(t.db, { kind: 'nef-email', name: 'box', address: 'mailto:nef@example.test', intervalSeconds: 86400 });

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

  it('leaves a quarantined notice quarantined unless the operator trusts it, and quarantines a kept notice that links elsewhere', async () => {
    const t2 = await createTestDatabase();
    try {
      const nef = readFixture('pacer/nef/s3/ded_1.txt');
      const docket = (await parseNefEmail(nef)).dockets[0]!;
      const matter = await upsertMatter(t2.db, { slug: 'case', name: 'Case' });
      await upsertDocket(t2.db, { matterId: matter.id, court: docket.court, docketNumber: docket.docketNumber });
      const box = await upsertSource(t2.db, { kind: 'nef-email', name: 'box', address: 'mailto:nef@example.test', intervalSeconds: 86400 });
      const keep = (raw: Buffer, status: 'failed' | 'quarantined', error: string) =>
        recordInboundMessage(t2.db, {
          sourceId: box.id,
          channel: 'smtp',
          sender: 'x@evil.example',
          recipient: 'nef@example.test',
          raw,
          status,
          error,
        });
      const unsigned = await keep(nef, 'quarantined', 'not authenticated as a court: no DKIM signature');
      const forged = Buffer.from(nef.toString('latin1').replace(/https:\/\/ecf\.ded\.uscourts\.gov/g, 'https://evil.example'), 'latin1');
      const elsewhere = await keep(forged, 'failed', 'PARSE_MALFORMED: (a bug since fixed)');
      const rows = () => t2.db.selectFrom('inbound_messages').select(['id', 'status']).orderBy('id').execute();
      const entries = () => t2.db.selectFrom('entries').select('id').execute();

      // Named but not trusted: refused, left as it was; the default replay never picks it up.
      const refused = await replayInboundMessages(t2.db, { ids: [unsigned] });
      expect(refused).toMatchObject({ replayed: 0, ingested: 0, refused: [{ id: unsigned, reason: expect.stringMatching(/DKIM/) }] });
      // A kept notice whose link leads away from the court is quarantined on replay, not ingested.
      const byDefault = await replayInboundMessages(t2.db);
      expect(byDefault).toMatchObject({ replayed: 1, ingested: 0, events: 0 });
      expect(byDefault.failed).toEqual([{ id: elsewhere, reason: expect.stringContaining('https://evil.example/doc1/') }]);
      expect(await rows()).toEqual([
        { id: unsigned, status: 'quarantined' },
        { id: elsewhere, status: 'quarantined' },
      ]);
      expect(await entries()).toEqual([]);
      expect(await t2.db.selectFrom('outbox_events').select('id').execute()).toEqual([]);

      // The operator's explicit trust ingests it.
      expect(await replayInboundMessages(t2.db, { ids: [unsigned], trust: true })).toMatchObject({ replayed: 1, ingested: 1, events: 1 });
      expect((await rows())[0]).toEqual({ id: unsigned, status: 'ingested' });
      expect(await entries()).toHaveLength(1);
    } finally {
      await t2.drop();
    }
  });
});
