/**
 * A decoded mail, in the shape both entry points share: parseScotusEmail decodes raw MIME with
 * mailparser; the inbound SMTP listener already holds a mailparser result and passes it straight
 * to parseScotusMessage.
 */
import { simpleParser } from 'mailparser';
import { ParseError } from '@docketwatch/core';

export interface ScotusMailMessage {
  subject: string;
  /** The text/plain body (mailparser's `text`), '' when none. */
  text: string;
  /** The text/html body (mailparser's `html`), null when none. */
  html: string | null;
  /** The From address ("no-reply@sc-us.gov", or a display form "SCOTUS <no-reply@sc-us.gov>"). */
  from: string | null;
  /** The Date header. */
  date: Date | null;
}

export const WHAT = 'SCOTUS e-mail';

/**
 * The largest raw mail we decode. A court notification is about 5 KB with its relay headers;
 * mailparser buffers whole bodies and attachments, so an unbounded input is unbounded memory.
 */
export const MAX_EMAIL_BYTES = 2 * 1024 * 1024;

/** Domains the court's mail comes from: notifications are sent as no-reply@sc-us.gov, replies go to supremecourt.gov. */
const COURT_MAIL_DOMAINS = ['sc-us.gov', 'supremecourt.gov'];

function isBlank(raw: string | Buffer): boolean {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  return text.replace(/^\uFEFF/, '').trim() === '';
}

/** Rejects what no mail parser should try: non-text input, blank input, oversized input. */
function assertRawMail(raw: unknown): asserts raw is string | Buffer {
  if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) {
    throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: expected the raw message as text or bytes, got ${typeof raw}`);
  }
  // Characters for strings, bytes for buffers: either way far above any court mail.
  if (raw.length > MAX_EMAIL_BYTES) {
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: too large to be a court notification`, {
      length: raw.length,
      limit: MAX_EMAIL_BYTES,
    });
  }
  if (isBlank(raw)) throw new ParseError('PARSE_EMPTY', `${WHAT}: the message is empty`);
}

/** Decodes raw MIME (headers, transfer encodings, charsets) into the fields the SCOTUS readers use. */
export async function decodeScotusEmail(raw: string | Buffer): Promise<ScotusMailMessage> {
  assertRawMail(raw);
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    // Only the decoded parts are needed: no derived text, no linkified HTML, no data: URIs.
    mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  } catch (err) {
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: not a readable MIME message`, { reason: String(err).slice(0, 200) });
  }
  return {
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : null,
    from: mail.from?.value[0]?.address ?? mail.from?.text ?? null,
    date: mail.date ?? null,
  };
}

/** The domain of a From value, lower-cased; null when it has none. */
export function senderDomain(from: string | null): string | null {
  if (!from) return null;
  const text = from.slice(0, 1000);
  const open = text.lastIndexOf('<');
  const close = text.indexOf('>', open + 1);
  const address = open !== -1 && close !== -1 ? text.slice(open + 1, close) : text;
  const at = address.lastIndexOf('@');
  return at === -1
    ? null
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase() || null;
}

/**
 * True when the From names the court. This is what the mail claims, not proof: anyone can write
 * a From header. Authenticity (DKIM d=sc-us.gov, SPF) is for the receiving listener to check.
 */
export function isCourtSender(from: string | null): boolean {
  const domain = senderDomain(from);
  return domain !== null && COURT_MAIL_DOMAINS.some((court) => domain === court || domain.endsWith(`.${court}`));
}
