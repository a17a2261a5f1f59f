/**
 * The admin's view of kept inbound messages (real Postgres, real HTTP): quarantined mail is listed
 * for a token holder only, and its raw text is downloadable, never rendered.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createApiToken, recordInboundMessage, upsertSource } from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';
import { buildServer } from './server';

const log = createLogger({ name: 'test', level: 'silent' });

function get(origin: string, url: string, token?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = token ? { authorization: `Bearer ${token}` } : {};
    http
      .get(`${origin}${url}`, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const FORGED = Buffer.from('From: attacker@evil.example\r\nSubject: Activity in Case 1:21-cv-01456\r\n\r\n<script>alert(1)</script>\r\n');

describe('GET /api/admin/inbound (real Postgres, real HTTP)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let origin: string;
  let token: string;
  let quarantined: number[];

  beforeAll(async () => {
    t = await createTestDatabase();
    const box = await upsertSource(t.db, {
      kind: 'nef-email',
      name: 'CM/ECF notices',
      address: 'mailto:nef@dw.test',
      intervalSeconds: 86400,
    });
    const keep = (status: 'ingested' | 'failed' | 'quarantined', error: string | null, raw = FORGED) =>
      recordInboundMessage(t.db, {
        sourceId: box.id,
        channel: 'smtp',
        sender: 'attacker@evil.example',
        recipient: 'nef@dw.test',
        raw,
        status,
        error,
      });
    quarantined = [await keep('quarantined', "From domain evil.example is not a court's")];
    await keep('ingested', null, Buffer.from('a notice'));
    await keep('failed', 'PARSE_UNRECOGNISED: not a notice');
    quarantined.push(await keep('quarantined', 'not authenticated as uscourts.gov: no DKIM signature'));
    token = await createApiToken(t.db, 'admin');
    app = buildServer({
      db: t.db,
      log,
      pingRedis: async () => {},
      mailMode: 'local',
      publicUrl: 'http://dw.example.test',
      linkSecret: 'test-link-secret',
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('shows nothing without a token', async () => {
    for (const url of ['/api/admin/inbound?status=quarantined', `/api/admin/inbound/${quarantined[0]}/raw`]) {
      const res = await get(origin, url);
      expect(res.status).toBe(401);
      expect(JSON.parse(res.body.toString())).toMatchObject({
        status: 401,
        code: expect.stringMatching(/^(ADMIN_REQUIRED|UNAUTHORIZED)$/),
      });
      expect(res.body.toString()).not.toContain('evil.example');
    }
  });

  it('lists quarantined messages newest first with why, a page at a time', async () => {
    const res = await get(origin, '/api/admin/inbound?status=quarantined', token);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body.toString()) as { messages: Record<string, unknown>[]; next: number | null };
    expect(body.next).toBeNull();
    expect(body.messages.map((m) => m.id)).toEqual([...quarantined].reverse());
    expect(body.messages[1]).toEqual({
      id: quarantined[0],
      sourceId: expect.any(Number),
      channel: 'smtp',
      sender: 'attacker@evil.example',
      recipient: 'nef@dw.test',
      status: 'quarantined',
      error: "From domain evil.example is not a court's",
      receivedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      bytes: FORGED.length,
    });

    const first = JSON.parse((await get(origin, '/api/admin/inbound?status=quarantined&limit=1', token)).body.toString()) as typeof body;
    expect(first.messages.map((m) => m.id)).toEqual([quarantined[1]]);
    expect(first.next).toBe(quarantined[1]);
    const second = JSON.parse(
      (await get(origin, `/api/admin/inbound?status=quarantined&limit=1&before=${first.next}`, token)).body.toString(),
    ) as typeof body;
    expect(second).toEqual({ messages: [expect.objectContaining({ id: quarantined[0] })], next: null });

    const all = JSON.parse((await get(origin, '/api/admin/inbound', token)).body.toString()) as typeof body;
    expect(all.messages.map((m) => m.status)).toEqual(['quarantined', 'failed', 'ingested', 'quarantined']);
  });

  it('refuses a status or parameter it does not know, and an id it does not have', async () => {
    expect((await get(origin, '/api/admin/inbound?status=spam', token)).status).toBe(400);
    expect((await get(origin, '/api/admin/inbound?sort=id', token)).status).toBe(400);
    expect((await get(origin, '/api/admin/inbound/99999999999/raw', token)).status).toBe(404);
    expect((await get(origin, '/api/admin/inbound/424242/raw', token)).status).toBe(404);
  });

  it('counts quarantined notices on the sources page, linking to the list', async () => {
    const res = await get(origin, '/sources', token);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toMatch(/<a href="\/api\/admin\/inbound\?status=quarantined">2 quarantined notices<\/a>/);
  });

  it('gives a message exactly as received, as a download', async () => {
    const res = await get(origin, `/api/admin/inbound/${quarantined[0]}/raw`, token);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="inbound-${quarantined[0]}.eml"`);
    expect(res.body.equals(FORGED)).toBe(true);
  });
});
