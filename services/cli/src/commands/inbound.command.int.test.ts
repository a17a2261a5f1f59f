/**
 * `docketwatch inbound replay` against real Postgres: a quarantined notice stays quarantined unless
 * the operator names it with --trust and a reason, and who trusted it, and why, is logged.
 */
import { recordInboundMessage, upsertDocket, upsertMatter, upsertSource } from '@docketwatch/db';
import { createTestDatabase, readFixture, type TestDatabase } from '@docketwatch/test-support';
import { main } from '../main';

describe('docketwatch inbound replay (real Postgres)', () => {
  let t: TestDatabase;
  let quarantined: number;

  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), progress: { write: () => true } };
    const code = await main(argv, io, { DATABASE_URL: t.url });
    return { code, out, err };
  };
  const status = async () =>
    (await t.db.selectFrom('inbound_messages').select('status').where('id', '=', quarantined).executeTakeFirstOrThrow()).status;
  const events = async () => (await t.db.selectFrom('outbox_events').select('id').execute()).length;

  beforeAll(async () => {
    t = await createTestDatabase();
    const matter = await upsertMatter(t.db, { slug: 'cbv-chanbond', name: 'CBV v. ChanBond' });
    await upsertDocket(t.db, { matterId: matter.id, court: 'ded', docketNumber: '1:21-cv-01456' });
    const box = await upsertSource(t.db, {
      kind: 'nef-email',
      name: 'CM/ECF notices',
      address: 'mailto:nef@dw.test',
      intervalSeconds: 86400,
    });
    quarantined = await recordInboundMessage(t.db, {
      sourceId: box.id,
      channel: 'smtp',
      sender: 'ded_nefreply@ded.uscourts.gov',
      recipient: 'nef@dw.test',
      raw: readFixture('pacer/nef/s3/ded_1.txt'),
      status: 'quarantined',
      error: 'not authenticated as uscourts.gov: no DKIM signature',
    });
  });
  afterAll(() => t?.drop());

  it('leaves a quarantined message alone when it is named without --trust', async () => {
    const r = await run('inbound', 'replay', String(quarantined));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`#${quarantined}: quarantined (not authenticated as uscourts.gov: no DKIM signature); only --trust`);
    expect(await status()).toBe('quarantined');
    expect(await events()).toBe(0);
  });

  it('wants the ids and a reason with --trust', async () => {
    for (const argv of [
      ['inbound', 'replay', '--trust', '--reason', 'clerk confirmed by phone'],
      ['inbound', 'replay', String(quarantined), '--trust'],
      ['inbound', 'replay', String(quarantined), '--trust', '--reason', '  '],
    ]) {
      const r = await run(...argv);
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.err).toContain('--trust takes the message IDs to trust and --reason "why"');
    }
    expect(await status()).toBe('quarantined');
  });

  it("ingests it on the operator's explicit trust, logging who and why", async () => {
    const r = await run('inbound', 'replay', String(quarantined), '--trust', '--reason', 'clerk confirmed by phone');
    expect(r.code).toBe(0);
    expect(r.out).toContain('replayed 1: 1 ingested, 0 still failing, 1 new alerts');
    const [line] = r.err
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(line).toMatchObject({ level: 40, inboundMessageIds: [quarantined], by: expect.any(String), reason: 'clerk confirmed by phone' });
    expect(await status()).toBe('ingested');
    expect(await events()).toBe(1);
  });
});
