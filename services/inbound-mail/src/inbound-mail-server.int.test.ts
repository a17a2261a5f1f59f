/**
 * The inbound SMTP server against real Postgres: real CM/ECF and Supreme Court notices arrive by
 * SMTP (nodemailer, or a raw conversation over node:net where the reply codes are the point), are
 * kept raw, and are stored as entries with a sighting from the mail source and an outbox event.
 *
 * The real notices carry the courts' DKIM signatures, which cannot be verified without DNS; here they
 * arrive the way an operator's MTA hands them on: from an allow-listed relay (this test, on
 * 127.0.0.1) that verified them and says so in its Authentication-Results header. Authentication
 * itself, attacks included, is in inbound-mail-attacks.int.test.ts.
 */
import net from 'node:net';
import nodemailer from 'nodemailer';
import { upsertDocket, upsertMatter, upsertSource, type Docket, type Source } from '@docketwatch/db';
import { createLogger } from '@docketwatch/log';
import { createTestDatabase, readFixture, type TestDatabase } from '@docketwatch/test-support';
import { InboundMailServer } from './inbound-mail-server';

const log = createLogger({ name: 'test', level: 'silent' });

/** The largest message the server under test takes; the fixtures are a few kilobytes. */
const MAX_BYTES = 64 * 1024;

/** The authserv-id of the relay the test plays. */
const RELAY = 'mx.dw.test';

/** The message as the allow-listed relay hands it on, having found a DKIM signature of `domain`. */
function relayed(message: Buffer, domain: string): Buffer {
  return Buffer.concat([Buffer.from(`Authentication-Results: ${RELAY}; dkim=pass header.d=${domain} header.s=s1\r\n`, 'latin1'), message]);
}

/** A real NEF from the District of Delaware: CBV, Inc. v. ChanBond, LLC, 1:21-cv-01456, entry 136. */
const NEF = relayed(readFixture('pacer/nef/s3/ded_1.txt'), 'ded.uscourts.gov');
/** A real supremecourt.gov docket e-mail: Chatrie v. United States, 25-112 (sent from sc-us.gov). */
const SCOTUS = relayed(readFixture('scotus/email/25-112.eml'), 'sc-us.gov');

/** Not a notice, though it comes from a court's domain and the relay vouches for it. */
const NEWSLETTER = Buffer.from(
  [
    `Authentication-Results: ${RELAY}; dkim=pass header.d=uscourts.gov`,
    'From: Court Watchers Weekly <news@uscourts.gov>',
    'To: nef@dw.test',
    'Subject: This week in the federal courts',
    'Date: Mon, 07 Apr 2025 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hello subscribers,',
    '',
    'Here are the stories we followed this week. Unsubscribe at any time.',
    '',
  ].join('\r\n'),
);

interface Reply {
  code: number;
  text: string;
}

/** One SMTP client conversation over a plain socket, command by command, so replies can be checked exactly. */
class RawSmtp {
  private buffer = '';
  private waiting: ((reply: Reply) => void) | null = null;
  private readonly replies: Reply[] = [];

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      // A reply is complete at a line "NNN text" (a space, not a hyphen, after the code).
      for (let match = /^(?:\d{3}-[^\r\n]*\r\n)*(\d{3}) [^\r\n]*\r\n/.exec(this.buffer); match;) {
        const text = match[0];
        this.buffer = this.buffer.slice(text.length);
        this.push({ code: Number(match[1]), text: text.trim() });
        match = /^(?:\d{3}-[^\r\n]*\r\n)*(\d{3}) [^\r\n]*\r\n/.exec(this.buffer);
      }
    });
  }

  static async connect(port: number): Promise<{ client: RawSmtp; greeting: Reply }> {
    const socket = net.connect(port, '127.0.0.1');
    const client = new RawSmtp(socket);
    const greeting = client.next();
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return { client, greeting: await greeting };
  }

  private push(reply: Reply): void {
    const waiter = this.waiting;
    if (waiter) {
      this.waiting = null;
      waiter(reply);
    } else {
      this.replies.push(reply);
    }
  }

  private next(): Promise<Reply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async command(line: string): Promise<Reply> {
    const reply = this.next();
    this.socket.write(`${line}\r\n`);
    return reply;
  }

  /** DATA, then the message (CRLF line ends, dot-stuffed), then the end-of-data mark. */
  async data(message: Buffer): Promise<{ start: Reply; end: Reply }> {
    const start = await this.command('DATA');
    if (start.code !== 354) return { start, end: start };
    const end = this.next();
    this.socket.write(Buffer.concat([onTheWire(message), Buffer.from('.\r\n', 'latin1')]));
    return { start, end: await end };
  }

  async quit(): Promise<void> {
    await this.command('QUIT');
    this.socket.destroy();
  }
}

/** What a message looks like in transit: CRLF line ends, a final CRLF, leading dots doubled. */
function onTheWire(message: Buffer): Buffer {
  let text = message.toString('latin1').replace(/\r?\n/g, '\r\n');
  if (!text.endsWith('\r\n')) text += '\r\n';
  return Buffer.from(text.replace(/^\./gm, '..'), 'latin1');
}

/** What the server receives of a message sent with RawSmtp.data. */
function asReceived(message: Buffer): Buffer {
  return Buffer.from(onTheWire(message).toString('latin1').replace(/^\.\./gm, '.'), 'latin1');
}

describe('InboundMailServer (real SMTP server, real Postgres)', () => {
  let t: TestDatabase;
  let server: InboundMailServer;
  let port: number;
  let woken: number[];
  /** What waking the notifier does; a test may make it fail. */
  let wake: (n: number) => Promise<void>;
  let ded: Docket;
  let chatrie: Docket;
  let nefBox: Source;
  let nefCopy: Source;
  let scotusBox: Source;

  const mailer = () => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

  const inbound = () => t.db.selectFrom('inbound_messages').selectAll().orderBy('id').execute();
  const entriesOf = (docket: Docket) => t.db.selectFrom('entries').selectAll().where('docket_id', '=', docket.id).orderBy('id').execute();
  const sightingsOf = (entryId: number) =>
    t.db.selectFrom('sightings').selectAll().where('entry_id', '=', entryId).orderBy('source_id').execute();
  const eventsOf = (entryId: number) => t.db.selectFrom('outbox_events').selectAll().where('entry_id', '=', entryId).execute();
  const count = async (table: 'inbound_messages' | 'entries' | 'sightings' | 'outbox_events') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = async () => ({
    inbound: await count('inbound_messages'),
    entries: await count('entries'),
    sightings: await count('sightings'),
    events: await count('outbox_events'),
  });

  beforeAll(async () => {
    t = await createTestDatabase();
    const cbv = await upsertMatter(t.db, { slug: 'cbv-chanbond', name: 'CBV v. ChanBond' });
    ded = await upsertDocket(t.db, {
      matterId: cbv.id,
      court: 'ded',
      docketNumber: '1:21-cv-01456',
      caseName: 'CBV, Inc. v. ChanBond, LLC',
    });
    const geofence = await upsertMatter(t.db, { slug: 'chatrie', name: 'Chatrie v. United States' });
    chatrie = await upsertDocket(t.db, { matterId: geofence.id, court: 'scotus', docketNumber: '25-112' });
    nefBox = await upsertSource(t.db, { kind: 'nef-email', name: 'CM/ECF notices', address: 'mailto:nef@dw.test', intervalSeconds: 86400 });
    nefCopy = await upsertSource(t.db, {
      kind: 'nef-email',
      name: 'CM/ECF copies',
      address: 'mailto:nef-copy@dw.test',
      intervalSeconds: 86400,
    });
    scotusBox = await upsertSource(t.db, {
      kind: 'scotus-email',
      name: 'Supreme Court e-mail',
      address: 'mailto:scotus@dw.test',
      intervalSeconds: 86400,
    });
    server = new InboundMailServer({
      db: t.db,
      log,
      host: '127.0.0.1',
      port: 0,
      maxBytes: MAX_BYTES,
      trust: {
        courtDomains: ['uscourts.gov', 'supremecourt.gov', 'sc-us.gov'],
        accept: 'dkim',
        relays: ['127.0.0.1'],
        relayAuthservId: RELAY,
      },
      onEvents: (n) => wake(n),
    });
    port = (await server.start()).port;
  });
  afterAll(async () => {
    await server?.stop();
    await t?.drop();
  });

  /** Each test starts from no stored mail and no entries; matters, dockets and sources stay. */
  beforeEach(async () => {
    woken = [];
    wake = async (n) => void woken.push(n);
    await t.db.deleteFrom('outbox_events').execute();
    await t.db.deleteFrom('sightings').execute();
    await t.db.deleteFrom('entries').execute();
    await t.db.deleteFrom('inbound_messages').execute();
  });

  it('accepts a real NEF for a configured address, keeps it raw and stores its entry with a sighting and an event', async () => {
    const transport = mailer();
    const info = await transport.sendMail({ envelope: { from: 'ded_nefreply@ded.uscourts.gov', to: ['nef@dw.test'] }, raw: NEF });
    transport.close();
    expect(info.accepted).toEqual(['nef@dw.test']);
    expect(info.rejected).toEqual([]);
    expect(info.response).toMatch(/^250 /);

    const [message, ...others] = await inbound();
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      source_id: nefBox.id,
      channel: 'smtp',
      sender: 'ded_nefreply@ded.uscourts.gov',
      recipient: 'nef@dw.test',
      status: 'ingested',
      error: null,
    });
    expect(message!.raw.toString('latin1')).toContain('CBV, Inc. v. ChanBond, LLC');
    expect(message!.raw.toString('latin1').replace(/\r\n/g, '\n').trimEnd()).toBe(NEF.toString('latin1').replace(/\r\n/g, '\n').trimEnd());

    const entries = await entriesOf(ded);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      entry_number: '136',
      pacer_doc_id: '04305714362',
      short_description: 'Letter',
      filed_at: '2022-08-03T12:36:00-04:00',
    });
    expect((await sightingsOf(entries[0]!.id)).map((s) => s.source_id)).toEqual([nefBox.id]);
    // A push source never sets a baseline: the first notice it brings is news.
    expect((await eventsOf(entries[0]!.id)).map((e) => e.kind)).toEqual(['entry.created']);
    expect(woken).toEqual([1]);
  });

  it('accepts a real Supreme Court e-mail for a configured scotus-email address likewise', async () => {
    const transport = mailer();
    const info = await transport.sendMail({ envelope: { from: 'no-reply@sc-us.gov', to: ['scotus@dw.test'] }, raw: SCOTUS });
    transport.close();
    expect(info.response).toMatch(/^250 /);

    expect(await inbound()).toEqual([
      expect.objectContaining({ source_id: scotusBox.id, channel: 'smtp', recipient: 'scotus@dw.test', status: 'ingested' }),
    ]);
    const entries = await entriesOf(chatrie);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      filed_at: '2026-06-29',
      document_url: 'https://www.supremecourt.gov/opinions/25pdf/25-112_0am4.pdf',
    });
    expect(entries[0]!.description).toMatch(/^Judgment VACATED and case REMANDED\./);
    expect((await sightingsOf(entries[0]!.id)).map((s) => s.source_id)).toEqual([scotusBox.id]);
    expect(await eventsOf(entries[0]!.id)).toHaveLength(1);
    // The docket takes the caption the Court's e-mail gives.
    const docket = await t.db.selectFrom('dockets').selectAll().where('id', '=', chatrie.id).executeTakeFirstOrThrow();
    expect(docket.case_name).toBe('Okello T. Chatrie v. United States');
  });

  it('refuses mail to an address no source receives at RCPT TO with 550 naming the address, and stores nothing', async () => {
    const before = await snapshot();
    const { client, greeting } = await RawSmtp.connect(port);
    expect(greeting.code).toBe(220);
    expect((await client.command('EHLO client.test')).code).toBe(250);
    expect((await client.command('MAIL FROM:<ded_nefreply@ded.uscourts.gov>')).code).toBe(250);
    const refused = await client.command('RCPT TO:<nobody@dw.test>');
    expect(refused.code).toBe(550);
    expect(refused.text).toContain('<nobody@dw.test>');
    expect(refused.text).toMatch(/no docketwatch source receives mail at this address/);
    // With no accepted recipient there is no message to take.
    expect((await client.data(NEF)).start.code).toBe(503);
    await client.quit();

    // nodemailer sees the same refusal.
    const transport = mailer();
    await expect(transport.sendMail({ envelope: { from: 'a@b.test', to: ['nobody@dw.test'] }, raw: NEF })).rejects.toMatchObject({
      responseCode: 550,
    });
    transport.close();
    expect(await snapshot()).toEqual(before);
    expect(woken).toEqual([]);
  });

  it('accepts the message for the configured recipients and refuses only the unknown one', async () => {
    const transport = mailer();
    const info = await transport.sendMail({ envelope: { from: 'a@b.test', to: ['nobody@dw.test', 'nef@dw.test'] }, raw: NEF });
    transport.close();
    expect(info.accepted).toEqual(['nef@dw.test']);
    expect(info.rejected).toEqual(['nobody@dw.test']);
    expect((await inbound()).map((m) => [m.recipient, m.status])).toEqual([['nef@dw.test', 'ingested']]);
    expect(await entriesOf(ded)).toHaveLength(1);
  });

  it('matches the recipient address whatever its case', async () => {
    const transport = mailer();
    await transport.sendMail({ envelope: { from: 'a@b.test', to: ['NEF@DW.Test'] }, raw: NEF });
    transport.close();
    expect((await inbound()).map((m) => [m.source_id, m.status])).toEqual([[nefBox.id, 'ingested']]);
  });

  it('accepts a message that is not a notice but keeps it as failed with the reason, storing no entries', async () => {
    const { client } = await RawSmtp.connect(port);
    await client.command('EHLO client.test');
    await client.command('MAIL FROM:<news@uscourts.gov>');
    expect((await client.command('RCPT TO:<nef@dw.test>')).code).toBe(250);
    const { start, end } = await client.data(NEWSLETTER);
    expect(start.code).toBe(354);
    // Accepted: the sender is not asked to try again, and nothing is lost.
    expect(end.code).toBe(250);
    await client.quit();

    const [message, ...others] = await inbound();
    expect(others).toEqual([]);
    expect(message).toMatchObject({ source_id: nefBox.id, channel: 'smtp', sender: 'news@uscourts.gov', status: 'failed' });
    expect(message!.error).toMatch(/^PARSE_UNRECOGNISED: /);
    expect(message!.raw.equals(asReceived(NEWSLETTER))).toBe(true);
    expect(await count('entries')).toBe(0);
    expect(await count('outbox_events')).toBe(0);
    expect(woken).toEqual([]);
  });

  it('refuses an over-size message with 552 and keeps nothing of it', async () => {
    const padding = `X-Padding: ${'x'.repeat(900)}\r\n`.repeat(Math.ceil((MAX_BYTES * 1.5) / 912));
    const big = Buffer.concat([Buffer.from(padding, 'latin1'), NEF]);
    expect(big.length).toBeGreaterThan(MAX_BYTES);
    const before = await snapshot();

    const { client } = await RawSmtp.connect(port);
    await client.command('EHLO client.test');
    expect((await client.command('MAIL FROM:<ded_nefreply@ded.uscourts.gov>')).code).toBe(250);
    expect((await client.command('RCPT TO:<nef@dw.test>')).code).toBe(250);
    const { start, end } = await client.data(big);
    expect(start.code).toBe(354);
    expect(end.code).toBe(552);
    expect(end.text).toContain(String(MAX_BYTES));

    // A client that declares the size up front is refused before it sends anything.
    expect((await client.command(`MAIL FROM:<ded_nefreply@ded.uscourts.gov> SIZE=${big.length}`)).code).toBe(552);
    await client.quit();

    expect(await snapshot()).toEqual(before);
  });

  it('ingests one message addressed to two configured addresses once for each', async () => {
    const transport = mailer();
    const info = await transport.sendMail({ envelope: { from: 'a@b.test', to: ['nef@dw.test', 'nef-copy@dw.test'] }, raw: NEF });
    transport.close();
    expect(info.accepted).toEqual(['nef@dw.test', 'nef-copy@dw.test']);

    const messages = await inbound();
    expect(messages.map((m) => [m.source_id, m.recipient, m.status])).toEqual([
      [nefBox.id, 'nef@dw.test', 'ingested'],
      [nefCopy.id, 'nef-copy@dw.test', 'ingested'],
    ]);
    // One entry, seen by both sources, alerted once.
    const entries = await entriesOf(ded);
    expect(entries).toHaveLength(1);
    expect((await sightingsOf(entries[0]!.id)).map((s) => s.source_id)).toEqual([nefBox.id, nefCopy.id]);
    expect(await eventsOf(entries[0]!.id)).toHaveLength(1);
  });

  it('ingests a recipient named twice in one envelope once', async () => {
    const { client } = await RawSmtp.connect(port);
    await client.command('EHLO client.test');
    await client.command('MAIL FROM:<a@b.test>');
    expect((await client.command('RCPT TO:<nef@dw.test>')).code).toBe(250);
    expect((await client.command('RCPT TO:<NEF@dw.test>')).code).toBe(250);
    expect((await client.data(NEF)).end.code).toBe(250);
    await client.quit();

    expect((await inbound()).map((m) => m.source_id)).toEqual([nefBox.id]);
  });

  it('gives each message on one connection only its own recipients', async () => {
    const { client } = await RawSmtp.connect(port);
    await client.command('EHLO client.test');
    await client.command('MAIL FROM:<ded_nefreply@ded.uscourts.gov>');
    await client.command('RCPT TO:<nef@dw.test>');
    expect((await client.data(NEF)).end.code).toBe(250);

    await client.command('MAIL FROM:<no-reply@sc-us.gov>');
    await client.command('RCPT TO:<scotus@dw.test>');
    expect((await client.data(SCOTUS)).end.code).toBe(250);

    // A transaction abandoned with RSET leaves nothing behind for the next one.
    await client.command('MAIL FROM:<a@b.test>');
    await client.command('RCPT TO:<nef-copy@dw.test>');
    expect((await client.command('RSET')).code).toBe(250);
    await client.command('MAIL FROM:<news@uscourts.gov>');
    await client.command('RCPT TO:<scotus@dw.test>');
    expect((await client.data(NEWSLETTER)).end.code).toBe(250);
    await client.quit();

    expect((await inbound()).map((m) => [m.recipient, m.status])).toEqual([
      ['nef@dw.test', 'ingested'],
      ['scotus@dw.test', 'ingested'],
      ['scotus@dw.test', 'failed'],
    ]);
    const [nefEntry] = await entriesOf(ded);
    const [scotusEntry] = await entriesOf(chatrie);
    expect((await sightingsOf(nefEntry!.id)).map((s) => s.source_id)).toEqual([nefBox.id]);
    expect((await sightingsOf(scotusEntry!.id)).map((s) => s.source_id)).toEqual([scotusBox.id]);
  });

  it('keeps a notice ingested when waking the notifier fails (its next tick sends the alerts)', async () => {
    wake = async () => {
      throw new Error('Connection is closed.');
    };
    const transport = mailer();
    const info = await transport.sendMail({ envelope: { from: 'ded_nefreply@ded.uscourts.gov', to: ['nef@dw.test'] }, raw: NEF });
    transport.close();
    expect(info.response).toMatch(/^250 /);
    expect((await inbound()).map((m) => [m.status, m.error])).toEqual([['ingested', null]]);
    const entries = await entriesOf(ded);
    expect(entries).toHaveLength(1);
    expect(await eventsOf(entries[0]!.id)).toHaveLength(1);
  });

  it('refuses mail for a disabled source', async () => {
    await t.db.updateTable('sources').set({ enabled: false }).where('id', '=', nefCopy.id).execute();
    try {
      const { client } = await RawSmtp.connect(port);
      await client.command('EHLO client.test');
      await client.command('MAIL FROM:<a@b.test>');
      expect((await client.command('RCPT TO:<nef-copy@dw.test>')).code).toBe(550);
      await client.quit();
    } finally {
      await t.db.updateTable('sources').set({ enabled: true }).where('id', '=', nefCopy.id).execute();
    }
    expect(await count('inbound_messages')).toBe(0);
  });
});
