/**
 * What a supremecourt.gov mail says. The court sends two kinds (juriscraper's SCOTUSEmail tells
 * them apart by subject, as we do):
 *
 * - docket-entry notification, subject "Supreme Court Electronic Filing System":
 *     A new docket entry, "<entry text, may contain links>" has been added for
 *     <a href='…search.aspx?filename=/docket/DocketFiles/html/Public/25-112.html'>Case Name</a>.
 *     You have been signed up to receive email notifications for No. 25-112. … <a>click here</a> (opt-out)
 *   Since May 2026 some notifications name no entry: "A new docket entry has been added for …".
 * - subscription confirmation, subject "Supreme Court Case Notification 25a561.":
 *     We have received a request … of any new filings in 25a561. Please confirm this choice by
 *     clicking <a href = http://file.supremecourt.gov/casenotification/update?verify=…>here</a>.
 *
 * Recognition: the subject decides. If the court rewords a subject, a mail whose From is the
 * court's is still recognised by its opening sentence, so a subject change does not silently drop
 * notifications; a mail from anyone else with an unknown subject is not ours (PARSE_UNRECOGNISED).
 * A recognised mail lacking what it must carry (a date, the case link, the confirmation link) is
 * PARSE_MALFORMED.
 */
import { ParseError } from '@docketwatch/core';
import { harmonizeCaseName } from '../case-name';
import { docketPdfFilingId, resolveDocumentUrl } from '../scotus-docket/scotus-common';
import { courtDay, isoInstant, isValidInstant } from './court-day';
import { docketNumberFromDocketUrl, scotusDocketNumber } from './docket-token';
import { readMailBody, type BodyLink, type MailBody } from './mail-body';
import { collapseWhitespace } from '../html-text';
import { isCourtSender, WHAT, type ScotusMailMessage } from './mail-message';

/** A docket-entry notification. */
export interface ScotusDocketNotification {
  kind: 'docket-entry';
  /** Canonical docket number ("25-112"). */
  docketNumber: string;
  /** The case name as juriscraper harmonises it ("Okello T. Chatrie v. United States"). */
  caseName: string;
  /** The new entry's text as the court wrote it (whitespace collapsed); null when the mail names no entry. */
  entryDescription: string | null;
  /** The first document the entry text links to (an opinion), else null. */
  documentUrl: string | null;
  /** DocketPDF filing id of that document, which the docket parsers use as the entry number; else null. */
  entryNumber: string | null;
  /** The docket page the mail links to (juriscraper's followup_url): where the full entry is. */
  docketUrl: string;
  /** When the court sent the mail (the Date header), ISO 8601 UTC. */
  sentAt: string;
  /** The day in Washington the mail was sent: the entry's date (see court-day.ts). */
  filedAt: string;
}

/** A request to confirm a subscription: someone asked for mail about `docketNumber`. */
export interface ScotusConfirmation {
  kind: 'subscription-confirmation';
  /** Canonical docket number ("25A561"). */
  docketNumber: string;
  /** The link that confirms the subscription, exactly as the mail gives it (juriscraper's followup_url). */
  confirmUrl: string;
  /** When the court sent the mail, ISO 8601 UTC; null when the mail has no usable Date. */
  sentAt: string | null;
}

export type ScotusMail = ScotusDocketNotification | ScotusConfirmation;
type ScotusMailKind = ScotusMail['kind'];

const DOCKET_ENTRY_SUBJECT = /^Supreme Court Electronic Filing System$/i;
const CONFIRMATION_SUBJECT = /^Supreme Court Case Notification\b/i;
/** "Supreme Court Case Notification 25a561." */
const CONFIRMATION_SUBJECT_DOCKET = /^Supreme Court Case Notification\s+(\S+)$/i;
/** Subjects are one line; a longer "subject" is not the court's and is never scanned in full. */
const MAX_SUBJECT_CHARS = 300;

const DOCKET_ENTRY_LEAD = /A\s+new\s+docket\s+entry\b/i;
const CONFIRMATION_LEAD = /We\s+have\s+received\s+a\s+request\s+that\s+you\s+would\s+like\s+to\s+be\s+notified/i;
/** How far into a body the opening sentence may start (a gateway may prepend a banner). */
const LEAD_SEARCH_CHARS = 4096;

/** The text right before the case link: the closing quote of the entry text, or "entry" when the mail names none. */
const CASE_LINK_PRECEDER = /(?:["\u201d]|\bentry)\s+has\s+been\s+added\s+for\s*$/i;
/** Only this much text before a link is examined, so checking every link stays linear in the body. */
const CASE_LINK_WINDOW = 80;
const LEAD_WORDS = 'a new docket entry';
const TAIL_WORDS = 'has been added for';
const OPENING_QUOTES = new Set(['"', '\u201c']);
const CLOSING_QUOTES = new Set(['"', '\u201d']);

/** "You have been signed up to receive email notifications for No. 25-112." */
const NOTIFICATIONS_FOR_DOCKET = /\bnotifications\s+for\s+No\.\s*(\d{2}[-a-z]\d{1,6})\b/i;
/** "notified via email of any new filings in 25a561." */
const FILINGS_IN_DOCKET = /\bnew\s+filings\s+in\s+(\d{2}[-a-z]\d{1,6})\b/i;

function malformed(message: string, context: Record<string, unknown> = {}): ParseError {
  return new ParseError('PARSE_MALFORMED', `${WHAT}: ${message}`, context);
}

function unrecognised(message: string): ParseError {
  return new ParseError('PARSE_UNRECOGNISED', `${WHAT}: ${message}`);
}

function subjectOf(message: ScotusMailMessage): string {
  return typeof message.subject === 'string' ? collapseWhitespace(message.subject.slice(0, MAX_SUBJECT_CHARS)) : '';
}

/** The body to read: the HTML part; else the text part, which is the HTML itself when a relay mislabelled it. */
function bodyOf(message: ScotusMailMessage): string {
  if (typeof message.html === 'string' && message.html.trim() !== '') return message.html;
  return typeof message.text === 'string' ? message.text : '';
}

interface Inspected {
  kind: ScotusMailKind;
  body: MailBody;
}

/**
 * Which kind of court mail this is, with its body read; null when it is not one. The body is read
 * only once the subject or sender says the mail is the court's, so foreign mail costs nothing.
 */
function inspect(message: ScotusMailMessage): Inspected | null {
  if (typeof message !== 'object' || message === null) return null;
  const subject = subjectOf(message);
  if (DOCKET_ENTRY_SUBJECT.test(subject)) return { kind: 'docket-entry', body: readMailBody(bodyOf(message), WHAT) };
  if (CONFIRMATION_SUBJECT.test(subject)) return { kind: 'subscription-confirmation', body: readMailBody(bodyOf(message), WHAT) };
  if (!isCourtSender(message.from)) return null;
  const body = readMailBody(bodyOf(message), WHAT);
  const opening = body.text.slice(0, LEAD_SEARCH_CHARS);
  if (DOCKET_ENTRY_LEAD.test(opening)) return { kind: 'docket-entry', body };
  if (CONFIRMATION_LEAD.test(opening)) return { kind: 'subscription-confirmation', body };
  return null;
}

// ---------------------------------------------------------------- docket-entry notifications

function isCaseLink(text: string, link: BodyLink): boolean {
  return CASE_LINK_PRECEDER.test(text.slice(Math.max(0, link.start - CASE_LINK_WINDOW), link.start));
}

/**
 * The entry text from the collapsed opening sentence, which runs from "A new docket entry" to
 * "has been added for". Quotes are found at the ends, not by a pattern, so entry text that itself
 * contains quotation marks survives (juriscraper's [^"]+ stops at the first one).
 */
function entryText(sentence: string): string | null {
  let middle = sentence.slice(LEAD_WORDS.length, sentence.length - TAIL_WORDS.length).trim();
  if (middle === '') return null;
  if (!middle.startsWith(',')) throw malformed('unexpected text between "A new docket entry" and "has been added for"');
  middle = middle.slice(1).trim();
  if (middle.length < 2 || !OPENING_QUOTES.has(middle[0]!) || !CLOSING_QUOTES.has(middle[middle.length - 1]!)) {
    throw malformed("the new entry's text is not in quotation marks", { sentence: sentence.slice(0, 200) });
  }
  const text = middle.slice(1, -1).trim();
  return text === '' ? null : text;
}

function requireSentAt(date: Date | null): Date {
  if (!isValidInstant(date)) throw malformed('no readable Date header (the entry has no other date)');
  return date;
}

function readDocketNotification(message: ScotusMailMessage, body: MailBody): ScotusDocketNotification {
  const sent = requireSentAt(message.date);
  const caseLink = body.links.find((link) => isCaseLink(body.text, link));
  if (!caseLink) throw malformed('no case link after "has been added for"');
  const lead = DOCKET_ENTRY_LEAD.exec(body.text.slice(0, caseLink.start));
  if (!lead) throw malformed('no "A new docket entry" sentence before the case link');

  const entryDescription = entryText(collapseWhitespace(body.text.slice(lead.index, caseLink.start)));
  const inlineUrls = body.links
    .filter((link) => link.start >= lead.index && link.end <= caseLink.start)
    .map((link) => resolveDocumentUrl(link.href))
    .filter((url): url is string => url !== null);
  const docketUrl = resolveDocumentUrl(caseLink.href);
  if (!docketUrl) throw malformed('the case link has no usable URL', { href: caseLink.href.slice(0, 200) });
  const docketNumber = docketNumberFromDocketUrl(docketUrl) ?? scotusDocketNumber(NOTIFICATIONS_FOR_DOCKET.exec(body.text)?.[1] ?? '');
  if (!docketNumber) throw malformed('no docket number in the case link or the text', { docketUrl });
  const caseName = harmonizeCaseName(caseLink.text);
  if (!caseName) throw malformed('the case link names no case', { docketUrl });

  const documentUrl = inlineUrls[0] ?? null;
  return {
    kind: 'docket-entry',
    docketNumber,
    caseName,
    entryDescription,
    documentUrl,
    entryNumber: docketPdfFilingId(documentUrl),
    docketUrl,
    sentAt: isoInstant(sent),
    filedAt: courtDay(sent),
  };
}

// ---------------------------------------------------------------- subscription confirmations

function isCourtUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'supremecourt.gov' || host.endsWith('.supremecourt.gov');
  } catch {
    return false;
  }
}

function readConfirmation(message: ScotusMailMessage, body: MailBody): ScotusConfirmation {
  // Only a supremecourt.gov link can confirm: whoever acts on this result fetches the URL, and a
  // forged mail must not be able to point that fetch anywhere else.
  const courtUrls = body.links.map((link) => resolveDocumentUrl(link.href)).filter((url): url is string => url !== null && isCourtUrl(url));
  const confirmUrl = courtUrls.find((url) => /\/casenotification\//i.test(url)) ?? courtUrls[0];
  if (!confirmUrl) throw malformed('the confirmation has no supremecourt.gov link', { links: body.links.length });

  const subjectToken = CONFIRMATION_SUBJECT_DOCKET.exec(subjectOf(message))?.[1]?.replace(/\.+$/, '') ?? '';
  const docketNumber = scotusDocketNumber(subjectToken) ?? scotusDocketNumber(FILINGS_IN_DOCKET.exec(body.text)?.[1] ?? '');
  if (!docketNumber) throw malformed('the confirmation names no docket number');
  return {
    kind: 'subscription-confirmation',
    docketNumber,
    confirmUrl,
    sentAt: isValidInstant(message.date) ? isoInstant(message.date) : null,
  };
}

// ---------------------------------------------------------------- entry points

/**
 * What a decoded supremecourt.gov mail says. Throws PARSE_UNRECOGNISED for any other mail and
 * PARSE_MALFORMED for a court mail missing what it must carry.
 */
export function readScotusMail(message: ScotusMailMessage): ScotusMail {
  const inspected = inspect(message);
  if (!inspected) throw unrecognised('not a supremecourt.gov docket notification or confirmation');
  return inspected.kind === 'docket-entry' ? readDocketNotification(message, inspected.body) : readConfirmation(message, inspected.body);
}

/**
 * The subscription confirmation this mail asks for, or null when the mail is not a confirmation
 * (a notification, or not the court's). A confirmation missing its link or docket is PARSE_MALFORMED.
 */
export function readScotusConfirmation(message: ScotusMailMessage): ScotusConfirmation | null {
  const inspected = inspect(message);
  return inspected?.kind === 'subscription-confirmation' ? readConfirmation(message, inspected.body) : null;
}

/** The docket-entry notification this mail carries, or null when it is none. A broken one is PARSE_MALFORMED. */
export function readScotusNotification(message: ScotusMailMessage): ScotusDocketNotification | null {
  const inspected = inspect(message);
  return inspected?.kind === 'docket-entry' ? readDocketNotification(message, inspected.body) : null;
}
