/**
 * Attacks on the public inbound mailbox (issue 8), against a real SMTP server and real Postgres:
 * forged notices are kept as quarantined and never alerted; a notice signed by the court's key
 * (generated here, its public key served through the test's DNS resolver, since tests have no
 * internet) is ingested; oversized mail is never held whole; slow and excess sessions are cut.
 */
import { generateKeyPairSync } from 'node:crypto';
import net from 'node:net';
import nodemailer from 'nodemailer';
import { dkimSign } from 'mailauth';
import { upsertDocket, upsertMatter, upsertSource, type Source } from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, readFixture, type TestDatabase } from '@docketwatch/test-support';
import { InboundMailServer, type InboundMailOptions } from './inbound-mail-server';

const log = createLogger({ name: 'test', level: 'silent' });
const COURT_DOMAINS = ['uscourts.gov', 'supremecourt.gov', 'sc-us.gov'];

/** A real NEF (D. Del., CBV v. ChanBond, entry 136), in its on-the-wire form. */
const REAL_NEF = readFixture('pacer/nef/s3/ded_1.txt').toString('latin1').replace(/\r?\n/g, '\r\n');

const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_KEY = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_KEY = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
/** Only these DKIM key records exist; every other name does not resolve. */
const DNS: Record<string, string> = {
  'dw-test._domainkey.ded.uscourts.gov': `v=DKIM1; k=rsa; p=${PUBLIC_KEY}`,
  // An attacker's own domain signs with a key it controls.
  'dw-test._domainkey.evil.example': `v=DKIM1; k=rsa; p=${PUBLIC_KEY}`,
};
async function resolver(name: string, rrtype: string): Promise<string[][]> {
  const record = rrtype === 'TXT' ? DNS[name.toLowerCase()] : undefined;
  if (record) return [[record]];
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
}

async function sign(message: string, signingDomain: string): Promise<string> {
  const result = await dkimSign(message, {
    canonicalization: 'relaxed/relaxed',
    signatureData: [{ signingDomain, selector: 'dw-test', privateKey: PRIVATE_KEY }],
  } as Parameters<typeof dkimSign>[1]);
  return result.signatures + message;
}

const withFrom = (message: string, from: string) => message.replace(/^From:.*$/m, `From: ${from}`);
const withLinksTo = (message: string, host: string) => message.replace(/https:\/\/ecf\.ded\.uscourts\.gov/g, host);

/** Opens a socket and resolves with the server's first reply line. */
function connect(port: number): Promise<{ socket: net.Socket; greeting: string; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
    socket.setEncoding('latin1');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      const first = received === '';
      received += chunk;
      if (first) resolve({ socket, greeting: received, closed });
    });
  });
}

describe('InboundMailServer under attack (real SMTP server, real Postgres)', () => {
  let t: TestDatabase;
  let nefBox: Source;
  let server: InboundMailServer | undefined;
  let woken: number[];

  const start = async (options: Partial<InboundMailOptions> = {}) => {
    server = new InboundMailServer({
      db: t.db,
      log,
      host: '127.0.0.1',
      port: 0,
      trust: { courtDomains: COURT_DOMAINS, accept: 'dkim', relays: [], relayAuthservId: null },
      resolver,
      onEvents: async (n) => void woken.push(n),
      ...options,
    });
    return (await server.start()).port;
  };
  const send = async (port: number, raw: string, from = 'ded_nefreply@ded.uscourts.gov') => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      return await transport.sendMail({ envelope: { from, to: ['nef@dw.test'] }, raw });
    } finally {
      transport.close();
    }
  };
  const kept = () => t.db.selectFrom('inbound_messages').select(['status', 'error', 'sender']).orderBy('id').execute();
  const count = async (table: 'entries' | 'outbox_events' | 'deliveries') => (await t.db.selectFrom(table).select('id').execute()).length;

  beforeAll(async () => {
    t = await createTestDatabase();
    const matter = await upsertMatter(t.db, { slug: 'cbv-chanbond', name: 'CBV v. ChanBond' });
    await upsertDocket(t.db, { matterId: matter.id, court: 'ded', docketNumber: '1:21-cv-01456', caseName: 'CBV, Inc. v. ChanBond, LLC' });
    nefBox = await upsertSource(t.db, { kind: 'nef-email', name: 'CM/ECF notices', address: 'mailto:nef@dw.test', intervalSeconds: 86400 });
  });
  afterAll(async () => {
    await t?.drop();
  });
  beforeEach(async () => {
    woken = [];
    await t.db.deleteFrom('outbox_events').execute();
    await t.db.deleteFrom('sightings').execute();
    await t.db.deleteFrom('entries').execute();
    await t.db.deleteFrom('inbound_messages').execute();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  /** Nothing reached the timeline or the outbox, and the notifier was not woken. */
  const expectNothingAlerted = async () => {
    expect(await count('entries')).toBe(0);
    expect(await count('outbox_events')).toBe(0);
    expect(await count('deliveries')).toBe(0);
    expect(woken).toEqual([]);
  };

  it('quarantines a forged NEF from attacker@evil.example, whether unsigned or signed by its own domain', async () => {
    const port = await start();
    const forged = withLinksTo(withFrom(REAL_NEF, 'attacker@evil.example'), 'https://evil.example');
    expect((await send(port, forged, 'attacker@evil.example')).response).toMatch(/^250 /);
    expect((await send(port, await sign(forged, 'evil.example'), 'attacker@evil.example')).response).toMatch(/^250 /);

    const messages = await kept();
    expect(messages).toEqual([
      { status: 'quarantined', sender: 'attacker@evil.example', error: "From domain evil.example is not a court's" },
      { status: 'quarantined', sender: 'attacker@evil.example', error: "From domain evil.example is not a court's" },
    ]);
    await expectNothingAlerted();
  });

  it("quarantines a notice that claims a court's From without the court's signature", async () => {
    const port = await start();
    // The real notice: its SES signature cannot be checked here, and none is the court's DKIM-Signature.
    await send(port, REAL_NEF);
    // Signed, but by the attacker's domain, not aligned with the court's From.
    await send(port, await sign(REAL_NEF, 'evil.example'));
    // A claim of a relay's verdict from a sender that is not an allow-listed relay.
    await send(port, `Authentication-Results: mx.dw.test; dkim=pass header.d=ded.uscourts.gov\r\n${REAL_NEF}`);
    // The court's signature, on a body changed after signing.
    const signed = await sign(REAL_NEF, 'ded.uscourts.gov');
    await send(port, signed.replace('Letter', 'Order granting everything'));

    const messages = await kept();
    expect(messages.map((m) => m.status)).toEqual(['quarantined', 'quarantined', 'quarantined', 'quarantined']);
    expect(messages[0]!.error).toBe('not authenticated as uscourts.gov: no DKIM signature');
    expect(messages[1]!.error).toMatch(/^not authenticated as uscourts.gov: DKIM d=evil.example pass/);
    expect(messages[3]!.error).toMatch(/DKIM d=ded.uscourts.gov (fail|neutral)/);
    await expectNothingAlerted();
  });

  it('trusts an allow-listed relay only under its own authserv-id, in the topmost Authentication-Results', async () => {
    const port = await start({
      trust: { courtDomains: COURT_DOMAINS, accept: 'dkim', relays: ['127.0.0.0/8'], relayAuthservId: 'mx.dw.test' },
    });
    // Another server's verdict (here a forged one) is not the relay's.
    await send(port, `Authentication-Results: mx.google.com; dkim=pass header.d=ded.uscourts.gov\r\n${REAL_NEF}`);
    // A verdict under the relay's name below the relay's own topmost one was not written by the relay.
    await send(
      port,
      `Authentication-Results: mx.dw.test; dkim=fail header.d=ded.uscourts.gov\r\nAuthentication-Results: mx.dw.test; dkim=pass header.d=ded.uscourts.gov\r\n${REAL_NEF}`,
    );
    expect((await kept()).map((m) => m.status)).toEqual(['quarantined', 'quarantined']);
    await expectNothingAlerted();

    await send(port, `Authentication-Results: mx.dw.test; dkim=pass header.d=ded.uscourts.gov\r\n${REAL_NEF}`);
    expect((await kept()).map((m) => m.status)).toEqual(['quarantined', 'quarantined', 'ingested']);
    expect(await count('outbox_events')).toBe(1);
  });

  it("ingests and alerts a notice signed with the court's key, aligned with its From", async () => {
    const port = await start();
    const info = await send(port, await sign(REAL_NEF, 'ded.uscourts.gov'));
    expect(info.response).toMatch(/^250 /);
    expect(await kept()).toEqual([{ status: 'ingested', error: null, sender: 'ded_nefreply@ded.uscourts.gov' }]);
    const [entry, ...others] = await t.db.selectFrom('entries').selectAll().execute();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ entry_number: '136', document_url: expect.stringMatching(/^https:\/\/ecf\.ded\.uscourts\.gov\//) });
    expect(await count('outbox_events')).toBe(1);
    expect(woken).toEqual([1]);
    expect((await t.db.selectFrom('sightings').select('source_id').execute()).map((s) => s.source_id)).toEqual([nefBox.id]);
  });

  it("quarantines a signed notice whose document link leads away from the court's host", async () => {
    const port = await start();
    await send(port, await sign(withLinksTo(REAL_NEF, 'https://evil.example'), 'ded.uscourts.gov'));
    const [message] = await kept();
    expect(message).toMatchObject({ status: 'quarantined' });
    expect(message!.error).toMatch(/^NOTICE_QUARANTINED: document links outside the court's own host: https:\/\/evil\.example\/doc1\//);
    await expectNothingAlerted();
  });

  it('refuses an oversized message with 552 without ever holding more than the limit', async () => {
    const maxBytes = 10 * 1024 * 1024;
    const port = await start({ maxBytes });
    const { socket, greeting } = await connect(port);
    expect(greeting).toMatch(/^220 /);
    const replies: string[] = [];
    let waiting: ((line: string) => void) | null = null;
    socket.on('data', (chunk: string) => {
      for (const line of chunk.split('\r\n').filter((l) => /^\d{3} /.test(l))) {
        if (waiting) {
          const w = waiting;
          waiting = null;
          w(line);
        } else replies.push(line);
      }
    });
    const reply = () => new Promise<string>((resolve) => (replies.length > 0 ? resolve(replies.shift()!) : (waiting = resolve)));
    const command = async (line: string) => {
      socket.write(`${line}\r\n`);
      return reply();
    };
    expect(await command('EHLO client.test')).toMatch(/^250 /);
    expect(await command('MAIL FROM:<ded_nefreply@ded.uscourts.gov>')).toMatch(/^250 /);
    expect(await command('RCPT TO:<nef@dw.test>')).toMatch(/^250 /);
    expect(await command('DATA')).toMatch(/^354 /);

    // 30 MB against a 10 MB limit, written with backpressure so the test itself holds one chunk at a time.
    const line = `X-Padding: ${'x'.repeat(1000)}\r\n`;
    const chunk = Buffer.from(line.repeat(64), 'latin1');
    let sent = 0;
    while (sent < 3 * maxBytes) {
      if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve));
      sent += chunk.length;
    }
    const end = reply();
    socket.write('\r\n.\r\n');
    expect(await end).toMatch(/^552 .*10485760/);
    socket.destroy();

    expect(server!.peakBufferedBytes).toBeLessThanOrEqual(maxBytes);
    expect(await kept()).toEqual([]);
  });

  it('closes a slow-drip session at its deadline with 421, though it never goes idle', async () => {
    const port = await start({ sessionDeadlineMs: 1_000, idleTimeoutMs: 30_000 });
    const { socket, greeting, closed } = await connect(port);
    expect(greeting).toMatch(/^220 /);
    // One byte of a never-ending EHLO line every 50 ms: the idle timeout never fires.
    const drip = setInterval(() => socket.writable && socket.write('x'), 50);
    try {
      const opened = Date.now();
      const received = await closed;
      expect(received).toMatch(/421 4\.4\.2 docketwatch session deadline reached/);
      // Generous: the deadline is 1 s, the idle timeout 30 s.
      expect(Date.now() - opened).toBeLessThan(15_000);
    } finally {
      clearInterval(drip);
    }
    expect(await kept()).toEqual([]);
  });

  it('answers a client beyond maxClients with 421 and takes new ones when a slot frees', async () => {
    const port = await start({ maxClients: 2 });
    const first = await connect(port);
    const second = await connect(port);
    expect([first.greeting, second.greeting]).toEqual([expect.stringMatching(/^220 /), expect.stringMatching(/^220 /)]);
    const third = await connect(port);
    expect(third.greeting).toMatch(/^421 .*Too many connected clients/);
    await third.closed;

    first.socket.destroy();
    await first.closed;
    const fourth = await connect(port);
    expect(fourth.greeting).toMatch(/^220 /);
    second.socket.destroy();
    fourth.socket.destroy();
  });
});
