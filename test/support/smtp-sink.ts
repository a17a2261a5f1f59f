import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

/** A real SMTP server on 127.0.0.1 that parses and keeps every message it accepts. */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  private server: SMTPServer;
  private waiters: (() => void)[] = [];
  port = 0;

  constructor(options: { rejectRecipients?: RegExp } = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, cb) => {
        if (options.rejectRecipients?.test(address.address)) {
          const err = new Error('mailbox unavailable') as Error & { responseCode: number };
          err.responseCode = 550;
          return cb(err);
        }
        cb();
      },
      onData: (stream, _session, cb) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            this.waiters.splice(0).forEach((w) => w());
            cb();
          })
          .catch(cb);
      },
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once at least `count` messages have arrived; rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${this.messages.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.messages;
  }

  /** The messages to one address, once at least `count` of them have arrived; rejects after `timeoutMs`. */
  async waitForMailTo(address: string, count = 1, timeoutMs = 20_000): Promise<ParsedMail[]> {
    const to = (m: ParsedMail) =>
      (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address?.toLowerCase()));
    const mine = () => this.messages.filter((m) => to(m).includes(address.toLowerCase()));
    const deadline = Date.now() + timeoutMs;
    while (mine().length < count) {
      if (Date.now() >= deadline) throw new Error(`expected ${count} messages to ${address}, got ${mine().length}`);
      await this.waitFor(this.messages.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
    }
    return mine();
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
