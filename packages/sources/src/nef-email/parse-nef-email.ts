/**
 * Parser for CM/ECF Notices of Electronic Filing (NEF) received by e-mail: the message a district or
 * bankruptcy court sends every party when something is docketed. One notice is one filing, docketed
 * in one or more cases; we return one docket per case, each with that filing as its entry.
 *
 * parseNefEmail takes the raw RFC 822 message; parseNefMessage takes one already decoded by
 * mailparser (the inbound SMTP listener has that already). Both are pure apart from MIME decoding.
 *
 * Field rules follow juriscraper's NotificationEmail (juriscraper/pacer/email.py) so our ids and
 * names match CourtListener's; its S3 fixtures are our regression tests. Where we differ, the test
 * file says so and why.
 */
import { clip, normaliseDocketNumber, ParseError } from '@docketwatch/core';
import type { ParsedAttachment, ParsedDocket, ParsedDocument, ParsedEntry } from '@docketwatch/core';
import { simpleParser } from 'mailparser';
import { harmonizeCaseName } from '../case-name';
import {
  courtFromUrl,
  courtKind,
  docketNumberFromTitle,
  isDoc1Url,
  isDocs1Url,
  pacerCaseIdFromLink,
  pacerDocIdFromUrl,
} from '../pacer-rss/pacer-ids';
import { htmlComplexityProblem } from '../scotus-docket/html-complexity';
import { htmlBodyLines, plainBodyLines } from './body-lines';
import type { BodyLine } from './body-lines';
import { readNotice, TooManyCases } from './read-notice';
import type { NoticeCase, NoticeDocument, RawNotice } from './read-notice';
import { eventFromSubject } from './subject-event';
import { filedAtOf, readTransactionTime } from './transaction-time';

/** A message as mailparser decodes it; what the inbound SMTP listener already holds. */
export interface NefMessage {
  subject: string;
  /** The text/plain body ("" when none). */
  text: string;
  /** The text/html body, null when none. */
  html: string | null;
  /** The From address (or the whole From header): the court of last resort, see resolveCourt. */
  from: string | null;
  /** Not used: it is when the mail was sent (or forwarded), not when anything was filed. */
  date: Date | null;
}

export interface ParseNefOptions {
  /** Court id to report instead of the one the notice's links name. */
  court?: string;
}

/**
 * A raw NEF is 5-25 KB; forwarded ones with a signature and logo, maybe 100 KB. Anything past
 * 5 MiB (the fetch cap too) is refused before MIME parsing buffers it.
 */
export const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;
/** A decoded body past this is not a notice; refused before any HTML or text parsing. */
export const MAX_BODY_CHARS = 1_000_000;

/** What juriscraper (and so CourtListener) calls a case whose name the notice leaves empty. */
export const UNKNOWN_CASE_TITLE = 'Unknown Case Title';

const WHAT = 'NEF e-mail';
/** Strings longer than this are clipped in error context. */
const MAX_CONTEXT_CHARS = 80;
const NEF_TITLE = /Notice of Electronic Filing/i;
/** Appellate courts send NDAs instead, a different layout (see readBody). */
const NDA_TITLE = /Notice of Docket Activity/i;

function malformed(message: string, context: Record<string, unknown> = {}): ParseError {
  return new ParseError('PARSE_MALFORMED', `${WHAT}: ${message}`, context);
}

function unrecognised(message: string, context: Record<string, unknown> = {}): ParseError {
  return new ParseError('PARSE_UNRECOGNISED', `${WHAT}: ${message}`, context);
}

// ---------------------------------------------------------------------------------------------
// Reading the body
// ---------------------------------------------------------------------------------------------

type BodyKind = 'html' | 'text';

interface ReadBody {
  kind: BodyKind;
  notice: RawNotice;
}

function linesOf(kind: BodyKind, body: string): BodyLine[] {
  // Building a tree is the attackable part, and plain-text bodies are read as HTML too (for the
  // markup CM/ECF puts in them): refuse absurd nesting or element counts first.
  const problem = body.includes('<') ? htmlComplexityProblem(body) : null;
  if (problem) throw malformed(`${kind} body too complex (${problem})`);
  return kind === 'html' ? htmlBodyLines(body) : plainBodyLines(body);
}

function readNoticeOrRefuse(lines: BodyLine[]): RawNotice {
  try {
    return readNotice(lines);
  } catch (err) {
    if (err instanceof TooManyCases) throw malformed(err.message);
    throw err;
  }
}

/** An NEF names itself and has its transaction sentence or at least one case field. */
function looksLikeNef(lines: BodyLine[], notice: RawNotice): boolean {
  return lines.some((line) => NEF_TITLE.test(line.text)) && (notice.transaction !== null || notice.cases.length > 0);
}

/**
 * The body to read: HTML when it holds a notice (it carries the links as links), else the plain
 * text. A multipart message whose HTML part is a stub still parses from its text part.
 */
function readBody(message: NefMessage): ReadBody {
  const bodies: [BodyKind, string][] = [];
  if (message.html && message.html.trim() !== '') bodies.push(['html', message.html]);
  if (message.text.trim() !== '') bodies.push(['text', message.text]);
  if (bodies.length === 0) throw unrecognised('the message has no body');
  let sawNda = false;
  for (const [kind, body] of bodies) {
    const lines = linesOf(kind, body);
    const notice = readNoticeOrRefuse(lines);
    if (looksLikeNef(lines, notice)) return { kind, notice };
    sawNda ||= lines.some((line) => NDA_TITLE.test(line.text));
  }
  if (sawNda) {
    // Appellate NDAs label their fields differently ("Document(s):") and number no documents; until
    // we hold NDA fixtures to test against, we say so rather than return half-read entries.
    throw unrecognised('an appellate Notice of Docket Activity, not a Notice of Electronic Filing (not supported yet)', {
      subject: clip(message.subject, MAX_CONTEXT_CHARS),
    });
  }
  throw unrecognised('not a CM/ECF Notice of Electronic Filing', { subject: clip(message.subject, MAX_CONTEXT_CHARS) });
}

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

const COURT_ID = /^[a-z]{2,6}\d{0,2}$/;

/** "DCD_ECFNotice@dcd.uscourts.gov" -> "dcd"; null for any other domain. */
function courtFromSender(from: string | null): string | null {
  if (!from) return null;
  const at = from.lastIndexOf('@');
  if (at === -1) return null;
  const domain = /^[a-z0-9.-]{1,253}/i.exec(from.slice(at + 1))?.[0]?.toLowerCase() ?? '';
  const labels = domain.split('.');
  if (labels.length < 3 || labels.at(-1) !== 'gov' || labels.at(-2) !== 'uscourts') return null;
  const court = labels.at(-3)!;
  return COURT_ID.test(court) ? court : null;
}

/**
 * The court: the CM/ECF host the notice links to (ecf.almd.uscourts.gov -> "almd"), as for RSS feeds.
 * The sender's domain is only a fallback: forwarded notices come from law firms, and some courts
 * send from a domain that is not their id (txsd sends from txs.uscourts.gov).
 */
function resolveCourt(cases: NoticeCase[], message: NefMessage, options: ParseNefOptions): string {
  const override = options.court?.trim().toLowerCase();
  if (override) return override;
  for (const notice of cases) {
    for (const href of [...(notice.caseNumber?.hrefs ?? []), ...(notice.documentNumber?.hrefs ?? [])]) {
      const court = courtFromUrl(href);
      if (court) return court;
    }
  }
  const fromSender = courtFromSender(message.from);
  if (fromSender) return fromSender;
  throw malformed('cannot tell which court sent it (no CM/ECF link, not sent from uscourts.gov)', {
    from: clip(message.from, MAX_CONTEXT_CHARS),
  });
}

/** Plain-text notices put the docket report URL after the number: "1:17-cr-00201-ABJ https://…". */
const URL_IN_FIELD = /\s?https?:\/\/\S+/g;

/** The Case Number field as written, without the URL plain-text notices put after it. */
function caseNumberText(noticeCase: NoticeCase): string {
  return (noticeCase.caseNumber?.text ?? '').replace(URL_IN_FIELD, '').trim();
}

/**
 * The canonical docket number: juriscraper's patterns pick it out of the field ("NYE/1:21-cv-02960"
 * -> "1:21-cv-02960", judge initials dropped); a number in no known pattern ("MDL No. 2967") stays
 * as written.
 */
function docketNumberOf(raw: string, court: string): string {
  return docketNumberFromTitle(raw, courtKind(court)) ?? normaliseDocketNumber(raw);
}

/** The document number: "9", "88(No document attached)" -> "88", "No document attached" -> null. */
function entryNumberOf(text: string | undefined): string | null {
  return /^(\d{1,9})(?!\d)/.exec(text ?? '')?.[1] ?? null;
}

const isHttpUrl = (href: string): boolean => /^https?:\/\//i.test(href);

function documentUrlOf(notice: NoticeCase): string | null {
  const hrefs = (notice.documentNumber?.hrefs ?? []).filter(isHttpUrl);
  return hrefs.find(isDoc1Url) ?? hrefs.find(isDocs1Url) ?? null;
}

/** The caseid parameter of a doc1 link ("…/doc1/01713718205?caseid=75736&de_seq_num=30…"). */
function caseIdFromDocumentUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const caseId = new URL(url).searchParams.get('caseid');
    return caseId && /^\d{1,12}$/.test(caseId) ? caseId : null;
  } catch {
    return null;
  }
}

/**
 * The listed documents, one group per filed document: a group starts at file part 0 (or, with no
 * stamp, at "Main Document"); the rest of the group are its attachments.
 */
function documentGroups(documents: NoticeDocument[]): NoticeDocument[][] {
  const groups: NoticeDocument[][] = [];
  for (const document of documents) {
    const startsGroup = document.part === 0 || (document.part === null && /^main document$/i.test(document.description));
    const last = groups[groups.length - 1];
    if (!last || startsGroup) groups.push([document]);
    else last.push(document);
  }
  return groups;
}

function attachmentsOf(group: NoticeDocument[] | undefined): ParsedAttachment[] {
  if (!group) return [];
  return group.slice(1).map((document, index) => ({
    attachmentNumber: document.part ?? index + 1,
    description: document.description,
    // The notice links only the main document; attachments are reached through it.
    documentUrl: null,
    pacerDocId: null,
  }));
}

/**
 * Which document list belongs to which case. One list serves every case (an MDL filing is one
 * document docketed in each case: jpml_1); several lists, one per distinct document, go to the
 * cases in order (ctb_multi_1: the complaint filed in the adversary case and in the main case).
 * When the counts do not line up we cannot tell, and attach nothing rather than the wrong list.
 */
function attachmentsByCase(entryKeys: string[], documents: NoticeDocument[]): ParsedAttachment[][] {
  const groups = documentGroups(documents);
  if (groups.length === 1) return entryKeys.map(() => attachmentsOf(groups[0]));
  const groupOfKey = new Map<string, number>();
  for (const key of entryKeys) if (!groupOfKey.has(key)) groupOfKey.set(key, groupOfKey.size);
  if (groups.length !== groupOfKey.size) return entryKeys.map(() => []);
  return entryKeys.map((key) => attachmentsOf(groups[groupOfKey.get(key)!]));
}

// ---------------------------------------------------------------------------------------------
// The parsers
// ---------------------------------------------------------------------------------------------

/**
 * Parses a decoded NEF e-mail. Sync: MIME decoding is the caller's (see parseNefEmail).
 *
 * @throws ParseError PARSE_UNRECOGNISED (no body, or a body that is not an NEF: a newsletter, a
 *   password reset, a chambers e-mail, an appellate NDA), PARSE_MALFORMED (an NEF missing its case
 *   number, docket text, date or court; or a body too large or too deeply nested to be one).
 */
export function parseNefMessage(message: NefMessage, options: ParseNefOptions = {}): ParsedDocument {
  const htmlChars = message.html?.length ?? 0;
  if (htmlChars > MAX_BODY_CHARS || message.text.length > MAX_BODY_CHARS) {
    throw malformed(`body larger than ${MAX_BODY_CHARS} characters`, { html: htmlChars, text: message.text.length });
  }
  const { notice, kind } = readBody(message);
  if (notice.cases.length === 0) throw malformed('names no case', { body: kind });
  const time = notice.transaction ? readTransactionTime(notice.transaction) : null;
  if (!time) throw malformed('has no filing date', { transaction: clip(notice.transaction, MAX_CONTEXT_CHARS) });
  const court = resolveCourt(notice.cases, message, options);

  const firstCase = notice.cases[0]!;
  const shortDescription = eventFromSubject(message.subject, {
    rawNumber: caseNumberText(firstCase),
    rawName: firstCase.caseName?.text ?? '',
  });
  const filedAt = filedAtOf(time, court);

  const drafts = notice.cases.map((noticeCase, index) => {
    const rawNumber = caseNumberText(noticeCase);
    if (rawNumber === '') throw malformed('a case has no case number', { case: index });
    if (noticeCase.docketText === null || noticeCase.docketText === '') {
      throw malformed('a case has no docket text', { case: index, caseNumber: clip(rawNumber, MAX_CONTEXT_CHARS) });
    }
    const documentUrl = documentUrlOf(noticeCase);
    const pacerDocId = documentUrl ? pacerDocIdFromUrl(documentUrl) : null;
    const docketLink = noticeCase.caseNumber?.hrefs.find((href) => /DktRpt\.pl\?/i.test(href)) ?? null;
    const docket: Omit<ParsedDocket, 'entries'> = {
      court,
      docketNumber: docketNumberOf(rawNumber, court),
      caseName: harmonizeCaseName(noticeCase.caseName?.text ?? '') || UNKNOWN_CASE_TITLE,
      // As juriscraper: the doc1 link's caseid first, the docket report link's id when there is no document.
      pacerCaseId: caseIdFromDocumentUrl(documentUrl) ?? pacerCaseIdFromLink(docketLink),
    };
    const entry: ParsedEntry = {
      entryNumber: entryNumberOf(noticeCase.documentNumber?.text),
      filedAt,
      shortDescription,
      description: noticeCase.docketText,
      documentUrl,
      pacerDocId,
      attachments: [],
    };
    return { docket, entry, key: pacerDocId ?? documentUrl ?? `case ${index}` };
  });

  const attachments = attachmentsByCase(
    drafts.map((draft) => draft.key),
    notice.documents,
  );
  const dockets: ParsedDocket[] = drafts.map(({ docket, entry }, index) => ({
    ...docket,
    entries: [{ ...entry, attachments: attachments[index] ?? [] }],
  }));
  return { format: 'nef-email', dockets };
}

/**
 * Parses a raw RFC 822 NEF e-mail (string or bytes): MIME decoding (quoted-printable, base64,
 * multipart, charsets) by mailparser, then parseNefMessage.
 *
 * @throws ParseError as parseNefMessage; also PARSE_UNRECOGNISED for an empty message and
 *   PARSE_MALFORMED for one over MAX_MESSAGE_BYTES or that mailparser cannot read.
 */
export async function parseNefEmail(raw: string | Buffer, options: ParseNefOptions = {}): Promise<ParsedDocument> {
  const bytes = typeof raw === 'string' ? Buffer.byteLength(raw, 'utf8') : raw.byteLength;
  if (bytes === 0) throw unrecognised('empty message');
  if (bytes > MAX_MESSAGE_BYTES) throw malformed(`message larger than ${MAX_MESSAGE_BYTES} bytes`, { bytes });
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(raw, {
      // We read the HTML ourselves; mailparser's text<->HTML conversions would only cost time,
      // and inlining cid: images as data URLs would only bloat the HTML.
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      keepCidLinks: true,
      checksumAlgo: false,
    });
  } catch (err) {
    throw malformed('not a readable e-mail message', { cause: err instanceof Error ? err.message : String(err) });
  }
  return parseNefMessage(
    {
      subject: mail.subject ?? '',
      text: mail.text ?? '',
      html: typeof mail.html === 'string' ? mail.html : null,
      from: mail.from?.value[0]?.address ?? mail.from?.text ?? null,
      date: mail.date ?? null,
    },
    options,
  );
}
