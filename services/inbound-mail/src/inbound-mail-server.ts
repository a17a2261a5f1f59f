import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { isDocketwatchError } from '@docketwatch/core';
import { findMailSource, markInboundMessage, recordInboundMessage, type Db, type Source } from '@docketwatch/db';
import { ingestPushed } from '@docketwatch/ingest';
import type { Logger } from '@docketwatch/log';

export interface InboundMailOptions {
  db: Db;
  log: Logger;
  host: string;
  port: number;
  /** Largest message accepted; CM/ECF notices are a few kilobytes. */
  maxBytes?: number;
  /** Wakes the notifier after a message produced outbox events. */
  onEvents?: (count: number) => Promise<void>;
}

type Session = SMTPServerSession & { sources?: Source[] };

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Receives CM/ECF Notices of Electronic Filing and supremecourt.gov docket e-mails by SMTP
 * (a PACER account's "cases of interest" notices, forwarded or addressed here). Mail is accepted only
 * for configured source addresses; every accepted message is kept raw before it is parsed, so a
 * message that fails to parse is not lost and can be replayed after a fix.
 */
export class InboundMailServer {
  private server: SMTPServer | null = null;
  address: { host: string; port: number } | null = null;

  constructor(private readonly options: InboundMailOptions) {}

  async start(): Promise<{ host: string; port: number }> {
    const { db, log } = this.options;
    const maxBytes = this.options.maxBytes ?? 10 * 1024 * 1024;
    this.server = new SMTPServer({
      name: 'docketwatch',
      banner: 'docketwatch inbound notices',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: maxBytes,
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
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            return callback(smtpError(`5.3.4 message larger than ${maxBytes} bytes`, 552));
          }
          const raw = Buffer.concat(chunks);
          this.receive(raw, session)
            .then(() => callback())
            .catch((err: Error) => {
              log.error({ err: err.message }, 'inbound mail could not be stored');
              callback(smtpError('4.3.0 temporary failure, try again later', 451));
            });
        });
      },
    });
    this.server.on('error', (err) => log.error({ err: err.message }, 'inbound SMTP error'));
    await new Promise<void>((resolve) => this.server!.listen(this.options.port, this.options.host, resolve));
    const addr = this.server.server.address() as AddressInfo;
    this.address = { host: addr.address, port: addr.port };
    return this.address;
  }

  /** Keeps the raw message, then parses and ingests it once per receiving source. */
  private async receive(raw: Buffer, session: Session): Promise<void> {
    const { db, log } = this.options;
    const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
    for (const source of session.sources ?? []) {
      const recipient = source.url.replace(/^mailto:/, '');
      const id = await recordInboundMessage(db, { sourceId: source.id, channel: 'smtp', sender, recipient, raw });
      try {
        const report = await ingestPushed(db, source, 'smtp', raw);
        await markInboundMessage(db, id, 'ingested');
        log.info({ sourceId: source.id, created: report.created, linked: report.linked }, 'inbound notice ingested');
        // The events are stored: a wake-up that fails only delays them to the notifier's next tick.
        if (report.events > 0) {
          await this.options.onEvents?.(report.events).catch((err: Error) => log.warn({ err: err.message }, 'could not wake the notifier'));
        }
      } catch (err) {
        const reason = isDocketwatchError(err) ? `${err.code}: ${err.message}` : (err as Error).message;
        await markInboundMessage(db, id, 'failed', reason.slice(0, 1000));
        log.warn({ sourceId: source.id, inboundMessageId: id, err: reason }, 'inbound message kept but not parsed');
      }
    }
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}
