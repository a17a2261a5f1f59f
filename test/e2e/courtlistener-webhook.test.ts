/**
 * CourtListener webhooks through the roles that handle them: the API keeps an event and answers
 * before anything is ingested (no poller is running yet), then a poller's ingest-webhooks job reads
 * it in; a retry with the same Idempotency-Key stores nothing new; an event whose job was lost is
 * picked up by the poller's sweep. Real Postgres and Redis; the docket pins the two CourtListener
 * ids the testdata's Docket Alert names, so entries from either land on it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyCatalogue, parseCatalogue } from '@docketwatch/catalogue';
import { Runtime } from '@docketwatch/cli';
import { loadConfig } from '@docketwatch/config';
import { createTestDatabase, deleteRedisPrefix, eventually, testRedisPrefix, TEST_REDIS_URL } from '@docketwatch/test-support';

jest.setTimeout(60_000);

const TESTDATA = path.resolve(__dirname, '../../packages/sources/src/courtlistener/testdata');
/** A Docket Alert naming CourtListener dockets 68571705 (two entries) and 71234567 (one). */
const DOCKET_ALERT = fs.readFileSync(path.join(TESTDATA, 'docket-alert-webhook.json'), 'utf8');
const SECRET = 'whsec-e2e-0123456789abcdef0123456789abcdef';

describe('CourtListener webhooks (api and poller roles, real Postgres and Redis)', () => {
  it('answers before ingesting; the poller’s job stores either pinned id’s entries on the one docket; a retry stores nothing; a lost job is swept', async () => {
    const t = await createTestDatabase();
    const prefix = testRedisPrefix();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-clhook-'));
    await applyCatalogue(
      t.db,
      parseCatalogue(`
matters:
  - slug: example-corp
    name: Example Corp. v. Sample Agency
    dockets:
      - { court: dcd, number: "1:24-cv-01234", courtlistenerIds: [68571705, 71234567] }
webhooks:
  - { kind: courtlistener-webhook, name: CourtListener, secret: ${SECRET}, checkSender: false }
`),
    );
    const env = {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
    };
    const api = new Runtime(loadConfig(env), ['api']);
    let poller: Runtime | null = null;
    const post = (key: string, body = DOCKET_ALERT) =>
      fetch(`${api.address}/api/hooks/courtlistener/${SECRET}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body,
      });
    const entries = () => t.db.selectFrom('entries').select(['docket_id', 'entry_number']).orderBy('id').execute();
    const kept = () => t.db.selectFrom('inbound_messages').select(['id', 'status']).orderBy('id').execute();
    try {
      await api.start();
      const first = await post('key-1');
      expect(first.status).toBe(202);
      const { message } = (await first.json()) as { message: number };
      // Answered with nothing ingested: the event waits, kept, for a poller.
      expect(await kept()).toEqual([{ id: message, status: 'received' }]);
      expect(await entries()).toEqual([]);

      const retry = await post('key-1');
      expect(retry.status).toBe(200);
      expect(await retry.json()).toEqual({ status: 'duplicate' });
      expect(await kept()).toHaveLength(1);

      poller = new Runtime(loadConfig(env), ['poller']);
      await poller.start();
      await eventually(async () => (await kept())[0]!.status === 'ingested', 'the ingest job');
      const [docket] = await t.db.selectFrom('dockets').select('id').execute();
      const stored = await entries();
      expect(stored).toHaveLength(3);
      expect(stored.every((e) => e.docket_id === docket!.id)).toBe(true);
      expect(await t.db.selectFrom('outbox_events').select('id').execute()).toHaveLength(3);

      // A later event whose job is lost (the poller stopped, Redis flushed) is swept once it has waited a minute.
      await poller.stop();
      poller = null;
      const event = JSON.parse(DOCKET_ALERT) as { payload: { results: Record<string, unknown>[] } };
      event.payload.results = [{ ...event.payload.results[0], id: 401000099, entry_number: 99, recap_documents: [] }];
      const later = await post('key-2', JSON.stringify(event));
      expect(later.status).toBe(202);
      await deleteRedisPrefix(prefix);
      const { message: lost } = (await later.json()) as { message: number };
      // received_at is only ever written by its default (the schema types it so); the test ages the event by hand.
      await t.db
        .updateTable('inbound_messages')
        .set({ received_at: new Date(Date.now() - 5 * 60_000) } as never)
        .where('id', '=', lost)
        .execute();
      poller = new Runtime(loadConfig(env), ['poller']);
      await poller.start();
      await eventually(async () => (await kept()).find((m) => m.id === lost)?.status === 'ingested', 'the sweep');
      expect((await entries()).map((e) => e.entry_number)).toContain('99');
      expect(await t.db.selectFrom('outbox_events').select('id').execute()).toHaveLength(4);
    } finally {
      await poller?.stop();
      await api.stop();
      await t.drop();
      await deleteRedisPrefix(prefix);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
