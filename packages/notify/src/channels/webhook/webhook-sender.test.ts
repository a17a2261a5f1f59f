import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '@docketwatch/http';
import type { AlertView } from '../../alert-view';
import { DeliveryError } from '../../delivery-error';
import { generateWebhookSecret, verifyWebhook, WebhookVerificationError } from './standard-webhooks';
import { webhookPayloadOf, type DocketEntryWebhookPayload } from './webhook-payload';
import { WEBHOOK_RETRY_DELAYS_MS, webhookRetrySchedule, WebhookSender } from './webhook-sender';

const view: AlertView = {
  kind: 'new',
  source: 'court',
  entryClass: 'order',
  matterName: 'Abrego Garcia v. Noem',
  matterUrl: 'http://dw.test/matters/abrego-garcia',
  court: 'mdd',
  courtName: 'D. Md.',
  docketNumber: '8:25-cv-00951',
  caseName: 'Abrego Garcia v. Noem',
  entryNumber: '31',
  filedAt: '2025-04-07T14:05:00-04:00',
  shortDescription: 'Order',
  description: 'ORDER granting TRO <script>alert(1)</script> \u2028 "quoted"',
  documentUrl: 'https://ecf.mdd.uscourts.gov/doc1/04121234567',
};

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verified: { id: string; timestamp: number } | WebhookVerificationError;
}

interface Receiver {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];
const clients: HttpClient[] = [];

/**
 * A customer's endpoint on 127.0.0.1: verifies each request with verifyWebhook (as a customer would,
 * over the raw body) and answers with the status the test chooses.
 */
async function startReceiver(
  secret: string | string[],
  answer: (r: Received) => { status: number; headers?: Record<string, string>; body?: string; hang?: boolean } = () => ({ status: 204 }),
): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let verified: Received['verified'];
      try {
        verified = verifyWebhook(req.headers, raw, secret);
      } catch (err) {
        if (!(err instanceof WebhookVerificationError)) throw err;
        verified = err;
      }
      const r: Received = { headers: req.headers, body: raw.toString('utf8'), verified };
      received.push(r);
      const reply = answer(r);
      if (reply.hang) return;
      res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/docketwatch?token=s3cr3t`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  receivers.push(receiver);
  return receiver;
}

function client(timeoutMs?: number): HttpClient {
  const created = new HttpClient({
    userAgent: 'docketwatch-test/0.1 (+https://example.invalid)',
    allowPrivateAddresses: true,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  clients.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DeliveryError) return err;
    throw err;
  }
  throw new Error('expected the delivery to fail');
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const occurredAt = new Date('2025-04-07T18:06:00Z');
const message = { id: 'msg_delivery_42', payload: webhookPayloadOf(view, 'docket.entry.created', occurredAt) };

describe('WebhookSender', () => {
  it('posts the JSON payload with Standard Webhooks headers that the receiver verifies', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret);
    const result = await new WebhookSender(client()).send(receiver.url, message, [secret]);
    expect(result.status).toBe(204);
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got?.verified).toEqual({ id: 'msg_delivery_42', timestamp: result.timestamp });
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['webhook-id']).toBe('msg_delivery_42');
    expect(got?.headers['webhook-timestamp']).toBe(String(result.timestamp));
    expect(got?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const body = JSON.parse(got?.body ?? '') as DocketEntryWebhookPayload;
    expect(body).toEqual(message.payload);
    expect(body.type).toBe('docket.entry.created');
    expect(body.timestamp).toBe('2025-04-07T18:06:00.000Z');
    expect(body.data.description).toBe(view.description);
  });

  it('signs with old and new secrets during a rotation; receivers on either secret verify', async () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();
    const onOld = await startReceiver(oldSecret);
    const onNew = await startReceiver(newSecret);
    const sender = new WebhookSender(client());
    await sender.send(onOld.url, message, [newSecret, oldSecret]);
    await sender.send(onNew.url, message, [newSecret, oldSecret]);
    expect(onOld.received[0]?.verified).not.toBeInstanceOf(WebhookVerificationError);
    expect(onNew.received[0]?.verified).not.toBeInstanceOf(WebhookVerificationError);
    expect(String(onOld.received[0]?.headers['webhook-signature']).split(' ')).toHaveLength(2);
  });

  it('keeps the id and payload on a retry while the attempt timestamp moves', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret);
    let now = new Date('2025-04-07T18:06:01Z');
    const sender = new WebhookSender(client(), { now: () => now });
    const first = await sender.send(receiver.url, message, [secret]).catch((e: unknown) => e);
    now = new Date('2025-04-07T18:06:06Z');
    const second = await sender.send(receiver.url, message, [secret]).catch((e: unknown) => e);
    expect(first).toEqual({ status: 204, timestamp: 1744049161 });
    expect(second).toEqual({ status: 204, timestamp: 1744049166 });
    const [a, b] = receiver.received;
    expect(a?.headers['webhook-id']).toBe(b?.headers['webhook-id']);
    expect(a?.body).toBe(b?.body);
    expect(a?.headers['webhook-signature']).not.toBe(b?.headers['webhook-signature']);
    // The local receiver checks timestamps against the real clock, so these old attempts are refused there.
    expect(a?.verified).toBeInstanceOf(WebhookVerificationError);
    expect(verifyWebhook(a?.headers ?? {}, a?.body ?? '', secret, { now }).id).toBe('msg_delivery_42');
  });

  it('a receiver with another secret refuses the delivery', async () => {
    const receiver = await startReceiver(generateWebhookSecret(), (r) => ({
      status: r.verified instanceof WebhookVerificationError ? 401 : 204,
    }));
    const err = await failure(new WebhookSender(client()).send(receiver.url, message, [generateWebhookSecret()]));
    expect(err.code).toBe('DELIVERY_REJECTED');
    expect((receiver.received[0]?.verified as WebhookVerificationError).reason).toBe('no-matching-signature');
  });

  it.each([
    [410, {}, 'DELIVERY_DISABLED', null],
    [429, { 'retry-after': '120' }, 'DELIVERY_TEMPORARY', 120_000],
    [429, {}, 'DELIVERY_TEMPORARY', null],
    [503, { 'retry-after': '30' }, 'DELIVERY_TEMPORARY', 30_000],
    [500, {}, 'DELIVERY_TEMPORARY', null],
    [502, {}, 'DELIVERY_TEMPORARY', null],
    [504, {}, 'DELIVERY_TEMPORARY', null],
    [408, {}, 'DELIVERY_TEMPORARY', null],
    [400, {}, 'DELIVERY_REJECTED', null],
    [404, {}, 'DELIVERY_REJECTED', null],
    [301, { location: 'http://127.0.0.1:1/elsewhere' }, 'DELIVERY_REJECTED', null],
  ])('classifies %i %j as %s', async (status, headers, code, retryAfterMs) => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret, () => ({ status, headers, body: 'nope\u0000\r\n<b>' }));
    const err = await failure(new WebhookSender(client()).send(receiver.url, message, [secret]));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(code === 'DELIVERY_TEMPORARY');
    expect(err.retryAfterMs).toBe(retryAfterMs);
    expect(err.message).not.toContain('s3cr3t');
    expect(err.message).not.toContain('127.0.0.1');
    expect(err.message).not.toMatch(/\p{Cc}/u);
    expect(receiver.received).toHaveLength(1);
  });

  it('treats every 2xx as success', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret, () => ({ status: 202, body: 'queued' }));
    await expect(new WebhookSender(client()).send(receiver.url, message, [secret])).resolves.toMatchObject({ status: 202 });
  });

  it('a receiver that never answers is a temporary failure', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver(secret, () => ({ status: 200, hang: true }));
    const err = await failure(new WebhookSender(client(200)).send(receiver.url, message, [secret]));
    expect(err.code).toBe('DELIVERY_TEMPORARY');
    expect(err.message).toContain('FETCH_TIMEOUT');
  });

  it('an endpoint nobody listens on is a temporary failure', async () => {
    const receiver = await startReceiver(generateWebhookSecret());
    await receiver.close();
    const err = await failure(new WebhookSender(client()).send(receiver.url, message, [generateWebhookSecret()]));
    expect(err.code).toBe('DELIVERY_TEMPORARY');
  });

  it('a private address is rejected by the SSRF guard, never retried', async () => {
    const guarded = new HttpClient({ userAgent: 'docketwatch-test/0.1' });
    clients.push(guarded);
    const err = await failure(new WebhookSender(guarded).send('http://127.0.0.1:9/hook', message, [generateWebhookSecret()]));
    expect(err.code).toBe('DELIVERY_REJECTED');
  });

  it('refuses an event type that is not full-stop delimited identifiers', async () => {
    const bad = { id: 'msg_1', payload: { ...message.payload, type: 'docket entry' } };
    await expect(new WebhookSender(client()).send('http://127.0.0.1:9/', bad, [generateWebhookSecret()])).rejects.toThrow(TypeError);
  });
});

describe('webhookPayloadOf', () => {
  it('builds { type, timestamp, data } from the alert, dropping unsafe links', () => {
    const payload = webhookPayloadOf({ ...view, kind: 'updated', documentUrl: 'javascript:alert(1)' }, undefined, occurredAt);
    expect(payload.type).toBe('docket.entry.updated');
    expect(payload.timestamp).toBe('2025-04-07T18:06:00.000Z');
    expect(payload.data).toMatchObject({
      source: 'court',
      entryClass: 'order',
      publisher: null,
      court: 'mdd',
      courtName: 'D. Md.',
      docketNumber: '8:25-cv-00951',
      entryNumber: '31',
      filedAt: '2025-04-07T14:05:00-04:00',
      title: 'Order',
      documentUrl: null,
    });
    expect(webhookPayloadOf(view, undefined, occurredAt).type).toBe('docket.entry.created');
  });

  it('types press items as press.item.*', () => {
    const press: AlertView = {
      ...view,
      source: 'press',
      entryClass: 'press',
      court: 'press',
      courtName: 'U.S. DOJ',
      docketNumber: '',
      publisher: 'U.S. DOJ',
    };
    expect(webhookPayloadOf(press, undefined, occurredAt).type).toBe('press.item.created');
    expect(webhookPayloadOf({ ...press, kind: 'updated' }, undefined, occurredAt).type).toBe('press.item.updated');
    expect(webhookPayloadOf(press, undefined, occurredAt).data).toMatchObject({
      source: 'press',
      entryClass: 'press',
      publisher: 'U.S. DOJ',
    });
  });
});

describe('webhookRetrySchedule', () => {
  const mid = () => 0.5;

  it("follows the spec's example schedule, then stops", () => {
    const delays = Array.from({ length: 11 }, (_, attempt) => webhookRetrySchedule(attempt, mid));
    expect(delays).toEqual([
      0, // the first attempt: immediately
      5_000,
      5 * 60_000,
      30 * 60_000,
      2 * 3_600_000,
      5 * 3_600_000,
      10 * 3_600_000,
      14 * 3_600_000,
      20 * 3_600_000,
      24 * 3_600_000,
      null, // after the tenth attempt
    ]);
    expect(WEBHOOK_RETRY_DELAYS_MS).toHaveLength(10);
    // The spec's "time since start" column ends at 75:35:05.
    expect(WEBHOOK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBe((75 * 3600 + 35 * 60 + 5) * 1000);
    expect(webhookRetrySchedule(50, mid)).toBeNull();
  });

  it('spreads each delay by at most ±10%', () => {
    expect(webhookRetrySchedule(2, () => 0)).toBe(270_000);
    expect(webhookRetrySchedule(2, () => 0.999999)).toBeCloseTo(330_000, -1);
    expect(webhookRetrySchedule(1, () => 0.25)).toBe(4_750);
    for (let i = 0; i < 200; i++) {
      const d = webhookRetrySchedule(3) ?? -1;
      expect(d).toBeGreaterThanOrEqual(1_620_000);
      expect(d).toBeLessThanOrEqual(1_980_000);
    }
  });

  it('refuses nonsense attempts', () => {
    expect(() => webhookRetrySchedule(-1)).toThrow(RangeError);
    expect(() => webhookRetrySchedule(1.5)).toThrow(RangeError);
  });
});
