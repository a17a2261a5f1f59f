import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { findMailSource, recordInboundMessage, type Db, type Source } from '@docketwatch/db';
import { ingestKept } from '@docketwatch/ingest';
import type { Logger } from '@docketwatch/log';
import { NoticeAuthenticator, type NoticeTrust, type Verdict } from './authenticate-notice';
import type { DNSResolver } from 'mailauth';

export interface InboundMailOptions {
  db: Db;
  log: Logger;
  host: string;
  port: number;
  /** Which mail counts as the court's; anything else is kept as quarantined. */
  trust: NoticeTrust;
  /** DNS for DKIM keys (and SPF, DMARC); the system resolver when absent. */
  resolver?: DNSResolver;
  /** Largest message accepted; CM/ECF notices are a few kilobytes. */
  maxBytes?: number;
  /** Concurrent sessions; one more is answered 421. */
  maxClients?: number;
  /** A session silent this long is closed. */
  idleTimeoutMs?: number;
  /** A session is closed this long after it opened, however busy. */
  sessionDeadlineMs?: number;
  /** Wakes the notifier after a message produced outbox events. */
  onEvents?: (count: number) => Promise<void>;
}

type Session = SMTPServerSession & { sources?: Source[] };

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** How long stop() lets open sessions finish before it cuts them. */
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Receives CM/ECF Notices of Electronic Filing and supremecourt.gov docket e-mails by SMTP
 * (a PACER account's "cases of interest" notices, forwarded or addressed here). Mail is accepted only
 * for configured source addresses; every accepted message is kept raw before it is parsed, so a
 * message that fails to parse is not lost and can be replayed after a fix. The mailbox is public, so
 * a message counts only when it is authenticated as a court's (NoticeAuthenticator); any other is
 * kept as quarantined and never alerted.
 */
export class InboundMailServer {
  private server: SMTPServer | null = null;
  private readonly authenticator: NoticeAuthenticator;
  address: { host: string; port: number } | null = null;
  /** The most bytes one message has held in memory: never more than maxBytes, whatever was sent. */
  peakBufferedBytes = 0;

  constructor(private readonly options: InboundMailOptions) {
    this.authenticator = new NoticeAuthenticator(options.trust, options.resolver);
  }

  async start(): Promise<{ host: string; port: number }> {
    const { db, log } = this.options;
    const maxBytes = this.options.maxBytes ?? 10 * 1024 * 1024;
    this.server = new SMTPServer({
      name: 'docketwatch',
      banner: 'docketwatch inbound notices',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: maxBytes,
      maxClients: this.options.maxClients ?? 20,
      socketTimeout: this.options.idleTimeoutMs ?? 60_000,
      closeTimeout: CLOSE_TIMEOUT_MS,
      // The client's reverse DNS name decides nothing here; looking it up only costs time.
      disableReverseLookup: true,
      logger: false,
      // smtp-server keeps one session object for every transaction on a connection: the receiving
      // sources belong to this transaction only (a second message, or one after RSET, starts afresh).
      onMailFrom: (_address: SMTPServerAddress, session: Session, callback: (err?: Error | null) => void) => {
        session.sources = [];
        callback();
      },
      onRcptTo: (address: SMTPServerAddress, session: Session, callback: (err?: Error | null) => void) => {
        findMailSource(db, address.address)
          .then((source) => {
            if (!source) {
              return callback(smtpError(`5.1.1 <${address.address}>: no docketwatch source receives mail at this address`, 550));
            }
            // A recipient named twice (in any letter case) is one source, ingested once.
            const sources = session.sources ?? [];
            session.sources = sources.some((s) => s.id === source.id) ? sources : [...sources, source];
            callback();
          })
          .catch((err: Error) => callback(smtpError(`4.3.0 temporary failure: ${err.message}`, 451)));
      },
      onData: (stream, session: Session, callback) => {
        this.readMessage(stream, maxBytes)
          .then((raw) => {
            if (!raw) return callback(smtpError(`5.3.4 message larger than ${maxBytes} bytes`, 552));
            return this.receive(raw, session).then(() => callback());
          })
          .catch((err: Error) => {
            log.error({ err }, 'inbound mail could not be stored');
            callback(smtpError('4.3.0 temporary failure, try again later', 451));
          });
      },
    });
    this.server.on('error', (err) => log.error({ err }, 'inbound SMTP error'));
    this.server.server.on('connection', (socket: Socket) => this.limitSession(socket));
    // A port taken between start's check and here must fail the start, not leave it waiting forever.
    const listener = this.server.server;
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      this.server!.listen(this.options.port, this.options.host, () => {
        listener.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.server.address() as AddressInfo;
    this.address = { host: addr.address, port: addr.port };
    return this.address;
  }

  /**
   * The message, or null once it passes maxBytes: from then on the rest is read and dropped, never
   * held, so an oversized message costs no more memory than the limit.
   */
  private readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
    return new Promise((resolve, reject) => {
      let chunks: Buffer[] = [];
      let buffered = 0;
      let oversized = false;
      stream.on('data', (chunk: Buffer) => {
        if (oversized) return;
        if (stream.sizeExceeded || buffered + chunk.length > maxBytes) {
          oversized = true;
          chunks = [];
          buffered = 0;
          return;
        }
        chunks.push(chunk);
        buffered += chunk.length;
        this.peakBufferedBytes = Math.max(this.peakBufferedBytes, buffered);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(oversized || stream.sizeExceeded ? null : Buffer.concat(chunks)));
    });
  }

  /**
   * Closes a session at its deadline with 421, however busy: the idle timeout alone lets a client that
   * trickles a byte at a time hold a slot for ever.
   */
  private limitSession(socket: Socket): void {
    const deadlineMs = this.options.sessionDeadlineMs ?? 300_000;
    const deadline = setTimeout(() => {
      this.options.log.info({ remoteAddress: socket.remoteAddress }, 'inbound SMTP session reached its deadline');
      socket.end('421 4.4.2 docketwatch session deadline reached, closing connection\r\n');
      setTimeout(() => socket.destroy(), 1_000).unref();
    }, deadlineMs);
    deadline.unref();
    socket.once('close', () => clearTimeout(deadline));
  }

  /** Keeps the raw message, then, if it is the court's, parses and ingests it once per receiving source. */
  private async receive(raw: Buffer, session: Session): Promise<void> {
    const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
    const verdict = await this.authenticator.check(raw, { ip: session.remoteAddress, helo: session.hostNameAppearsAs, sender });
    for (const source of session.sources ?? []) {
      const recipient = source.address.replace(/^mailto:/, '');
      if (verdict.trusted) await this.ingest(source, { sender, recipient, raw }, verdict);
      else await this.quarantine(source, { sender, recipient, raw }, verdict.reason);
    }
  }

  private async quarantine(source: Source, mail: { sender: string | null; recipient: string; raw: Buffer }, reason: string): Promise<void> {
    const { db, log } = this.options;
    const error = reason.slice(0, 1000);
    const id = await recordInboundMessage(db, { sourceId: source.id, channel: 'smtp', ...mail, status: 'quarantined', error });
    log.warn({ sourceId: source.id, inboundMessageId: id, sender: mail.sender, reason: error }, 'inbound message quarantined');
  }

  private async ingest(
    source: Source,
    mail: { sender: string | null; recipient: string; raw: Buffer },
    verdict: Extract<Verdict, { trusted: true }>,
  ): Promise<void> {
    const { db, log } = this.options;
    const id = await recordInboundMessage(db, { sourceId: source.id, channel: 'smtp', ...mail });
    const outcome = await ingestKept(db, { id, source, channel: 'smtp', raw: mail.raw });
    const context = { sourceId: source.id, inboundMessageId: id, authenticatedBy: verdict.by, domain: verdict.domain };
    if (outcome.status !== 'ingested') {
      log.warn({ ...context, err: outcome.reason }, `inbound message kept as ${outcome.status}`);
      return;
    }
    const { report } = outcome;
    log.info({ ...context, created: report.created, linked: report.linked }, 'inbound notice ingested');
    // The events are stored: a wake-up that fails only delays them to the notifier's next tick.
    if (report.events > 0) {
      await this.options.onEvents?.(report.events).catch((err: Error) => log.warn({ err }, 'could not wake the notifier'));
    }
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
