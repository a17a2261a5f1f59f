import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { RenderedEmail } from './render-email';
import { DeliveryError } from '../../delivery-error';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** Stable per delivery, so a resend after a crash is recognisably the same message. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface LocalMailbox {
  store(mail: { to: string; subject: string; text: string; html: string; headers: Record<string, string> }): Promise<number>;
}

export interface EmailSenderOptions {
  from: string;
  /** smtp:// or smtps:// URL; when absent, mail goes to the local mailbox the web UI shows. */
  smtpUrl: string | null;
  localMailbox?: LocalMailbox;
  /** Messages per second across the pool (SMTP providers throttle). */
  ratePerSecond?: number;
}

/** E-mail out through one pooled nodemailer transport (SMTP), or to the local mailbox. */
export class EmailSender {
  private readonly transport: Transporter;

  constructor(private readonly options: EmailSenderOptions) {
    if (options.smtpUrl) {
      const pool: SMTPPool.Options & { url: string } = {
        url: options.smtpUrl,
        pool: true,
        maxConnections: 5,
        rateDelta: 1000,
        rateLimit: options.ratePerSecond ?? 20,
      };
      this.transport = nodemailer.createTransport(pool);
    } else {
      if (!options.localMailbox) throw new Error('EmailSender needs an SMTP URL or a local mailbox');
      // Build the real MIME message even in embedded mode, so what the UI shows is what SMTP would send.
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  async send(mail: OutgoingEmail): Promise<{ providerMessageId: string }> {
    const message = {
      from: this.options.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers ?? {},
    };
    try {
      const info = await this.transport.sendMail(message);
      if (!this.options.smtpUrl && this.options.localMailbox) {
        const id = await this.options.localMailbox.store({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          headers: { 'Message-ID': mail.messageId, ...(mail.headers ?? {}) },
        });
        return { providerMessageId: `local-${id}` };
      }
      if (info.rejected && info.rejected.length > 0) {
        throw new DeliveryError('rejected', `SMTP server rejected ${mail.to}`);
      }
      return { providerMessageId: info.messageId ?? mail.messageId };
    } catch (err) {
      throw classifySmtpError(err);
    }
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** SMTP 5xx replies are permanent for this message; connection trouble and 4xx are worth retrying. */
function classifySmtpError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = err as { responseCode?: number; message?: string; code?: string };
  const message = `SMTP: ${e.message ?? String(err)}`.slice(0, 500);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return new DeliveryError('rejected', message, { cause: err });
  return new DeliveryError('temporary', message, { cause: err });
}
