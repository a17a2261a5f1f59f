/**
 * Property tests: whatever text arrives, every parser either returns a document that keeps the
 * parse contract (packages/core parsed-document.ts) or throws a typed error (a DocketwatchError
 * with a PARSE_* code; CATALOGUE_INVALID where a preset or selector is involved). Anything else,
 * a TypeError, a RangeError from an exhausted stack, a plain Error, is a failure; so is a hang.
 * An asynchronous parser (mail) that hangs fails at the test's timeout; a synchronous one that
 * loops blocks the event loop, which Jest cannot interrupt, so it shows as a run that never ends
 * or runs out of memory. Generators include the inputs that once did either (see the
 * *.regressions.test.ts files next to the parsers).
 *
 * Inputs: arbitrary (and unicode, and lone-surrogate) strings; real fixtures from juriscraper's
 * test suite mutated (truncated, cut, spliced with hostile fragments, slices duplicated or swapped);
 * and documents built from each format's own markers (feeds, docket pages, docket JSON,
 * CourtListener pages and webhooks, NEF and supremecourt.gov mail).
 *
 * Mutations are generated as data (`{ op: 'insert', at, fragment: { hostile: 7 } }`) and applied
 * inside the property, so a counterexample prints as a fixture name and a few operations rather
 * than as a 60 kB document.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { seedPropertyTestsInCi } from '@docketwatch/test-support';
import { DocketwatchError, type ParsedDocument } from '@docketwatch/core';
import {
  type DocumentFormat,
  detectFormat,
  documentFormats,
  extractRegion,
  pageWatchDocument,
  parseAcmsDocket,
  parseAppellateDocket,
  parseArticle,
  parseDistrictDocket,
  parseDocketEntriesPage,
  parseDocument,
  parseFeed,
  parseInboundEmail,
  parseNefEmail,
  parseNefMessage,
  parsePacerDocket,
  parsePacerRss,
  parsePressListing,
  parseScotusConfirmationEmail,
  parseScotusConfirmationPage,
  parseScotusDocket,
  parseScotusDocketHtml,
  parseScotusDocketJson,
  parseScotusEmail,
  parseScotusMessage,
  presets,
  readDocketAlertWebhook,
  resolveDocketAlert,
  validatePreset,
  type Preset,
} from './index';

seedPropertyTestsInCi();

/** Generous: the whole file runs in well under a minute. */
const TIMEOUT_MS = 60_000;

/** Runs per property, by how much work one run is. */
const RUNS = { cheap: 300, structured: 200, fixtures: 120, heavy: 60 } as const;

const EXAMPLES = path.resolve(__dirname, '../../../../shared/fixtures/juriscraper/tests/examples');
const CL_TESTDATA = path.resolve(__dirname, 'courtlistener/testdata');

// ------------------------------------------------------------------------------------------------
// The contract
// ------------------------------------------------------------------------------------------------

const PARSE_CODES = new Set([
  'PARSE_UNRECOGNISED',
  'PARSE_MALFORMED',
  'PARSE_EMPTY',
  'PARSE_TRUNCATED',
  'PARSE_ERROR_PAGE',
  'PARSE_LAYOUT_CHANGED',
]);

function violation(message: string): never {
  throw new Error(`contract violation: ${message}`);
}

const show = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
};

/** A typed parse error passes; anything else is rethrown so fast-check reports it with its stack. */
function expectTypedError(err: unknown, options: { catalogue?: boolean } = {}): void {
  if (err instanceof DocketwatchError) {
    if (PARSE_CODES.has(err.code) || (options.catalogue === true && err.code === 'CATALOGUE_INVALID')) return;
    violation(`DocketwatchError with code ${err.code}: ${err.message}`);
  }
  throw err;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

function attempt<T>(run: () => T): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    return { ok: false, error };
  }
}

async function attemptAsync<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error };
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function expectString(value: unknown, where: string): void {
  if (typeof value !== 'string') violation(`${where} should be a string, got ${show(value)}`);
}

function expectStringOrNull(value: unknown, where: string): void {
  if (value !== null) expectString(value, where);
}

function expectArray(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) violation(`${where} should be an array, got ${show(value)}`);
  return value;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})[+-](\d{2}):(\d{2}))?$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS±HH:MM", and a real one: a day the month has, a time of day,
 * an offset under a day. Second 60 is allowed (RFC 3339's leap second; core's RFC 822 reader keeps it).
 */
function expectIsoDate(value: unknown, where: string): void {
  if (typeof value !== 'string') violation(`${where} should be an ISO date string, got ${show(value)}`);
  const m = DATE_TIME.exec(value);
  if (!m) violation(`${where} ${show(value)} is not YYYY-MM-DD[THH:MM:SS±HH:MM]`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (days === undefined || day < 1 || day > days) violation(`${where} ${show(value)} is not a calendar day`);
  if (m[4] === undefined) return;
  const [hours, minutes, seconds, offsetHours, offsetMinutes] = m.slice(4).map(Number) as [number, number, number, number, number];
  if (hours > 23 || minutes > 59 || seconds > 60) violation(`${where} ${show(value)} is not a time of day`);
  if (offsetHours > 23 || offsetMinutes > 59) violation(`${where} ${show(value)} has an impossible UTC offset`);
}

/**
 * null or an absolute http(s) URL. Entry and attachment URLs are checked by scheme only: the
 * docket parsers keep an absolute URL exactly as the court wrote it (to match juriscraper), so it
 * need not survive `new URL`. Item URLs must (`strict`): items are keyed on them and the notifier
 * reads their host with `new URL`.
 */
function expectHttpUrl(value: unknown, where: string, options: { strict?: boolean; nullable?: boolean } = {}): void {
  if (value === null && options.nullable !== false) return;
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value))
    violation(`${where} should be an absolute http(s) URL, got ${show(value)}`);
  if (!options.strict) return;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    violation(`${where} ${show(value)} does not parse as a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') violation(`${where} ${show(value)} is not http(s)`);
}

function expectAttachment(value: unknown, where: string): void {
  if (!isRecord(value)) violation(`${where} should be an object`);
  const { attachmentNumber } = value;
  if (attachmentNumber !== null && (typeof attachmentNumber !== 'number' || !Number.isFinite(attachmentNumber))) {
    violation(`${where}.attachmentNumber should be a number or null, got ${show(attachmentNumber)}`);
  }
  expectString(value['description'], `${where}.description`);
  expectHttpUrl(value['documentUrl'], `${where}.documentUrl`);
  expectStringOrNull(value['pacerDocId'], `${where}.pacerDocId`);
}

function expectEntry(value: unknown, where: string): void {
  if (!isRecord(value)) violation(`${where} should be an object`);
  expectStringOrNull(value['entryNumber'], `${where}.entryNumber`);
  expectIsoDate(value['filedAt'], `${where}.filedAt`);
  expectString(value['shortDescription'], `${where}.shortDescription`);
  expectString(value['description'], `${where}.description`);
  expectHttpUrl(value['documentUrl'], `${where}.documentUrl`);
  expectStringOrNull(value['pacerDocId'], `${where}.pacerDocId`);
  expectArray(value['attachments'], `${where}.attachments`).forEach((a, i) => expectAttachment(a, `${where}.attachments[${i}]`));
}

function expectDocket(value: unknown, where: string): void {
  if (!isRecord(value)) violation(`${where} should be an object`);
  expectString(value['court'], `${where}.court`);
  expectString(value['docketNumber'], `${where}.docketNumber`);
  expectString(value['caseName'], `${where}.caseName`);
  expectStringOrNull(value['pacerCaseId'], `${where}.pacerCaseId`);
  if (value['lowerCourtCases'] !== undefined) {
    expectArray(value['lowerCourtCases'], `${where}.lowerCourtCases`).forEach((c, i) => expectString(c, `${where}.lowerCourtCases[${i}]`));
  }
  expectArray(value['entries'], `${where}.entries`).forEach((e, i) => expectEntry(e, `${where}.entries[${i}]`));
}

function expectItem(value: unknown, where: string): void {
  if (!isRecord(value)) violation(`${where} should be an object`);
  expectHttpUrl(value['url'], `${where}.url`, { strict: true, nullable: false });
  expectString(value['title'], `${where}.title`);
  if (value['publishedAt'] !== null) expectIsoDate(value['publishedAt'], `${where}.publishedAt`);
  expectString(value['summary'], `${where}.summary`);
  expectString(value['text'], `${where}.text`);
  expectStringOrNull(value['publisher'], `${where}.publisher`);
  expectArray(value['enclosures'], `${where}.enclosures`).forEach((enclosure, i) => {
    if (!isRecord(enclosure)) violation(`${where}.enclosures[${i}] should be an object`);
    expectHttpUrl(enclosure['url'], `${where}.enclosures[${i}].url`, { strict: true, nullable: false });
    expectStringOrNull(enclosure['type'], `${where}.enclosures[${i}].type`);
  });
}

/** The whole `docketwatch parse` contract, for a document of one of `formats`. */
function expectDocument(document: unknown, formats: readonly DocumentFormat[]): void {
  if (!isRecord(document)) violation('the result should be an object');
  if (!formats.includes(document['format'] as DocumentFormat))
    violation(`format ${show(document['format'])} is not one of ${formats.join(', ')}`);
  expectArray(document['dockets'], 'dockets').forEach((d, i) => expectDocket(d, `dockets[${i}]`));
  if (document['items'] !== undefined) expectArray(document['items'], 'items').forEach((item, i) => expectItem(item, `items[${i}]`));
  // The CLI prints the document as JSON.
  JSON.stringify(document);
}

/** One parser call: a valid document of `formats`, or a typed error. */
function check(run: () => ParsedDocument, formats: readonly DocumentFormat[], options: { catalogue?: boolean } = {}): void {
  const outcome = attempt(run);
  if (outcome.ok) expectDocument(outcome.value, formats);
  else expectTypedError(outcome.error, options);
}

async function checkAsync(run: () => Promise<ParsedDocument>, formats: readonly DocumentFormat[]): Promise<void> {
  const outcome = await attemptAsync(run);
  if (outcome.ok) expectDocument(outcome.value, formats);
  else expectTypedError(outcome.error);
}

// ------------------------------------------------------------------------------------------------
// Parsers, grouped by the input they expect
// ------------------------------------------------------------------------------------------------

/** One parser call on a text, checked: throws only on a contract violation or an untyped error. */
interface Check {
  name: string;
  run: (text: string) => void;
}

function documentCheck(
  name: string,
  parse: (text: string) => ParsedDocument,
  formats: readonly DocumentFormat[],
  catalogue = false,
): Check {
  return { name, run: (text) => check(() => parse(text), formats, { catalogue }) };
}

const PAGE_URL = 'https://www.example.gov/news/listing?page=1';
const WATCHED_URL = 'https://www.example.gov/watched#top';
const BASELINE = 'Docket\nNo. 24A949\nSome line that was there before';

const presetList: Preset[] = Object.values(presets);

const feedChecks: Check[] = [
  documentCheck('parsePacerRss', (t) => parsePacerRss(t), ['pacer-rss']),
  documentCheck('parsePacerRss(court)', (t) => parsePacerRss(t, { court: ' MDD ' }), ['pacer-rss']),
  documentCheck('parseFeed', (t) => parseFeed(t), ['feed']),
];

const scotusDocketChecks: Check[] = [
  documentCheck('parseScotusDocket', (t) => parseScotusDocket(t), ['scotus-docket']),
  documentCheck('parseScotusDocketJson', (t) => parseScotusDocketJson(t), ['scotus-docket']),
  documentCheck('parseScotusDocketHtml', (t) => parseScotusDocketHtml(t), ['scotus-docket']),
];

const pacerDocketChecks: Check[] = [
  documentCheck('parsePacerDocket', (t) => parsePacerDocket(t), ['pacer-docket']),
  documentCheck('parsePacerDocket(court)', (t) => parsePacerDocket(t, { court: 'ca9' }), ['pacer-docket']),
  documentCheck('parseDistrictDocket', (t) => parseDistrictDocket(t, { court: 'dcd' }), ['pacer-docket']),
  documentCheck('parseAppellateDocket', (t) => parseAppellateDocket(t, { court: 'ca5' }), ['pacer-docket']),
  documentCheck('parseAcmsDocket', (t) => parseAcmsDocket(t, { court: 'ca2' }), ['pacer-docket']),
];

/** An item's own page: not a ParsedDocument, so its own shape is checked. */
function articleCheck(preset: Preset): Check {
  return {
    name: `parseArticle(${preset.id})`,
    run: (text) => {
      const outcome = attempt(() => parseArticle(text, preset));
      if (!outcome.ok) return expectTypedError(outcome.error, { catalogue: true });
      expectString(outcome.value.text, 'article text');
      expectStringOrNull(outcome.value.title, 'article title');
      if (outcome.value.publishedAt !== null) expectIsoDate(outcome.value.publishedAt, 'article publishedAt');
    },
  };
}

const pageChecks: Check[] = [
  ...presetList.map((preset) =>
    documentCheck(`parsePressListing(${preset.id})`, (t) => parsePressListing(t, preset, PAGE_URL), ['press-listing'], true),
  ),
  ...presetList.map(articleCheck),
  documentCheck(
    'pageWatchDocument',
    (t) => pageWatchDocument(WATCHED_URL, BASELINE, extractRegion(t), 'Watched <page>'),
    ['page-watch'],
    true,
  ),
  documentCheck(
    'pageWatchDocument(selector)',
    (t) => pageWatchDocument(WATCHED_URL, extractRegion(t, { selector: 'table, #proceedings' }), BASELINE, ''),
    ['page-watch'],
    true,
  ),
];

/** CourtListener's docket ids the webhook lookup "follows": odd ones. */
const followed = (id: number) =>
  id % 2 === 0 ? null : { court: id % 3 === 0 ? 'cacd' : 'mdd', docketNumber: `1:2${id % 10}-cv-1`, caseName: 'A v. B' };

const courtListenerChecks: Check[] = [
  documentCheck('parseDocketEntriesPage', (t) => parseDocketEntriesPage(t, { court: 'mdd', docketNumber: '8:25-cv-951' }).document, [
    'courtlistener',
  ]),
  documentCheck(
    'parseDocketEntriesPage(gud, filtered)',
    (t) =>
      parseDocketEntriesPage(t, {
        court: 'GUD',
        docketNumber: '1:20-cr-1',
        courtListenerDocketId: 4214664,
        afterSequence: '2019-01-01.001',
      }).document,
    ['courtlistener'],
  ),
  documentCheck('readDocketAlertWebhook + resolveDocketAlert', (t) => resolveDocketAlert(readDocketAlertWebhook(t), followed).document, [
    'courtlistener',
  ]),
];

/** The confirmation page is no ParsedDocument; its own result shape is checked. */
const confirmationPageCheck: Check = {
  name: 'parseScotusConfirmationPage',
  run: (html) => {
    const outcome = attempt(() => parseScotusConfirmationPage(html));
    if (!outcome.ok) return expectTypedError(outcome.error);
    const page = outcome.value;
    if (typeof page.confirmed !== 'boolean') violation('confirmed should be a boolean');
    const statuses = ['success', 'link_expired', 'not_found', 'duplicate', 'bad_request', 'failed', 'no_verify', 'unknown'];
    if (!statuses.includes(page.status)) violation(`status ${show(page.status)}`);
    expectStringOrNull(page.docketNumber, 'docketNumber');
    expectString(page.message, 'message');
  },
};

/** Every synchronous parser; the arbitrary-string property tries each on every input. */
const allChecks: Check[] = [
  ...feedChecks,
  ...scotusDocketChecks,
  ...pacerDocketChecks,
  ...pageChecks,
  ...courtListenerChecks,
  confirmationPageCheck,
];

function runCheck(checkToRun: Check, text: string): void {
  try {
    checkToRun.run(text);
  } catch (err) {
    if (err instanceof Error) err.message = `${checkToRun.name}: ${err.message}`;
    throw err;
  }
}

function runChecks(checks: readonly Check[], text: string): void {
  for (const one of checks) runCheck(one, text);
}

/** Auto-detection, then every format forced: a wrong format is a typed error too. */
async function checkParseDocument(input: string | Buffer): Promise<void> {
  const text = typeof input === 'string' ? input : input.toString('latin1');
  const detected = detectFormat(text);
  if (detected !== null && !documentFormats.includes(detected)) violation(`detectFormat gave ${detected}, which has no parser`);
  await checkAsync(() => parseDocument(input), documentFormats);
  for (const format of documentFormats) {
    try {
      await checkAsync(() => parseDocument(input, { format }), [format]);
    } catch (err) {
      if (err instanceof Error) err.message = `parseDocument(format ${format}): ${err.message}`;
      throw err;
    }
  }
}

async function checkMailParsers(raw: string | Buffer): Promise<void> {
  await checkAsync(() => parseNefEmail(raw), ['nef-email']);
  await checkAsync(() => parseNefEmail(raw, { court: 'txsd' }), ['nef-email']);
  await checkAsync(() => parseScotusEmail(raw), ['scotus-email']);
  await checkAsync(() => parseInboundEmail(raw), ['nef-email', 'scotus-email']);
  const confirmation = await attemptAsync(() => parseScotusConfirmationEmail(raw));
  if (!confirmation.ok) return expectTypedError(confirmation.error);
  if (confirmation.value === null) return;
  expectString(confirmation.value.docketNumber, 'confirmation docketNumber');
  expectHttpUrl(confirmation.value.confirmUrl, 'confirmation confirmUrl', { strict: true, nullable: false });
  if (!/(?:^|\.)supremecourt\.gov$/i.test(new URL(confirmation.value.confirmUrl).hostname)) violation('confirmUrl leaves supremecourt.gov');
  if (confirmation.value.sentAt !== null) expectString(confirmation.value.sentAt, 'confirmation sentAt');
}

// ------------------------------------------------------------------------------------------------
// Fixtures and mutations
// ------------------------------------------------------------------------------------------------

interface Fixture {
  name: string;
  text: string;
}

/** Fixtures under `dir` whose names match `pattern`; the largest are left out to keep runs quick. */
function fixtures(dir: string, pattern: RegExp, maxBytes = 120_000): Fixture[] {
  const root = path.join(EXAMPLES, dir);
  return fs
    .readdirSync(root)
    .filter((file) => pattern.test(file) && fs.statSync(path.join(root, file)).size <= maxBytes)
    .sort()
    .map((file) => ({ name: `${dir}/${file}`, text: fs.readFileSync(path.join(root, file), 'utf8') }));
}

const FIXTURES = {
  rss: fixtures('pacer/rss_feeds', /\.xml$/),
  feeds: [...fixtures('opinions/united_states', /\.xml$/, 30_000), ...fixtures('oral_args/united_states', /\.xml$/)],
  scotusJson: fixtures('scotus/dockets/json', /\.compare\.json$/),
  scotusHtml: [...fixtures('scotus/dockets/html', /\.html$/), ...fixtures('scotus/dockets/htm', /\.htm$/)],
  pacerDockets: [
    ...fixtures('pacer/dockets/district', /\.html$/, 50_000),
    ...fixtures('pacer/dockets/appellate', /\.html$/),
    ...fixtures('pacer/dockets/fake-rss', /\.html$/),
    ...fixtures('pacer/dockets/not_dockets', /\.html$/),
  ],
  acms: fixtures('pacer/dockets/acms', /\.acms_json$/),
  nef: fixtures('pacer/nef/s3', /\.txt$/),
  scotusMail: fixtures('scotus/email', /\.eml$/),
  confirmationPages: fixtures('scotus/email/confirmation', /\.html$/),
  pressPages: fixtures('opinions/united_states', /\.html$/, 200_000),
  courtListener: fs
    .readdirSync(CL_TESTDATA)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ name: `courtlistener/testdata/${file}`, text: fs.readFileSync(path.join(CL_TESTDATA, file), 'utf8') })),
};

/** Fragments that have broken parsers before, or could: markup, entities, encodings, sizes, separators. */
const HOSTILE: readonly string[] = [
  '<',
  '>',
  '&',
  '&amp;amp;',
  '&#0;',
  '&#xD800;',
  '&#x110000;',
  '&#99999999;',
  '&nbsp;&lt;&gt;&quot;',
  ']]>',
  '<![CDATA[',
  '<![CDATA[<a href="javascript:x">1</a>]]>',
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  '<!DOCTYPE rss SYSTEM "file:///etc/passwd">',
  '<!ENTITY lol "lol">&lol;',
  '<!--',
  '-->',
  '<?xml version="1.0" encoding="utf-16"?>',
  '<?',
  '<div>'.repeat(3000),
  '<b><i>'.repeat(300),
  '<table><tr><td>'.repeat(200),
  '</td></tr></table>'.repeat(60),
  '<svg><div/>'.repeat(400),
  '<x/>'.repeat(5000),
  '<a'.repeat(200_000),
  `<a href="${'h'.repeat(100_000)}">1</a>`,
  `<a title="${'"'.repeat(2000)}">`,
  `<item a="${'x'.repeat(50_000)}">`,
  '\u0000',
  '\u0000'.repeat(500),
  '\uD800',
  '\uDFFF',
  '\uDBFF\uDBFF',
  '\uDC00\uDC00',
  'x\uD800y\uDFFFz',
  '"\\udc00\\udc00<b>"',
  '\uFEFF',
  '\uFFFE\uFFFF',
  '\u2028\u2029',
  '\u00a0'.repeat(100),
  'x'.repeat(100_000),
  '\n'.repeat(20_000),
  '\r\n'.repeat(10_000),
  '\r'.repeat(5000),
  ' '.repeat(50_000),
  '\t'.repeat(5000),
  ','.repeat(20_000),
  ';'.repeat(5000),
  '/'.repeat(5000),
  '-'.repeat(10_000),
  '*'.repeat(5000),
  '['.repeat(5000),
  '{"a":'.repeat(2000),
  '"',
  "'",
  '{',
  '}',
  '[',
  ']',
  '\\',
  '"\\u',
  'null',
  '1e999',
  '<script>',
  '</script>',
  '<style>',
  '<textarea>',
  '<plaintext>',
  '</html>',
  '<html>',
  '</body>',
  '<svg>',
  '<math>',
  'javascript:alert(1)',
  'http://',
  'https://[::1',
  '//evil.example/x',
  'mailto:a@b',
  'data:text/html,<b>x</b>',
  // Feed markers
  '<item>',
  '</item>',
  '<item><title>1:20-cv-00001 A v. B</title><pubDate>Fri, 03 Feb 2023 12:20:16 +9999</pubDate><description>[Order] (<a href="/doc1/1234567">9</a>)</description></item>',
  '<pubDate>Mon, 31 Feb 2023 99:99:99 XYZ</pubDate>',
  '<link>https://ecf.mdd.uscourts.gov/cgi-bin/DktRpt.pl?123</link>',
  '<channel>',
  '</channel>',
  '</rss>',
  '<entry><link href="//x"/><updated>2023-02-29T25:61:00+99:99</updated></entry>',
  '<enclosure url="javascript:x" type="audio/mpeg"/>',
  // Docket page markers
  '<td>',
  '</td>',
  '<tr>',
  '</tr>',
  '<th>Docket Text</th>',
  '<td>13/45/2020</td>',
  '<td>02/30/2020</td><td><a href="/doc1/123456789">1</a></td><td>ORDER</td>',
  '<a href="https://ecf.dcd.uscourts.gov/doc1/04503049431" onclick="goDLS(\'/doc1/1\',\'999\')">7</a>',
  '<input name="document_1" value="1-2-3">',
  '<h3>CIVIL DOCKET FOR CASE #: 1:20-cv-03010-APM</h3>',
  '<!-- NEW SECTION - DOCKET ENTRIES -->',
  'Court of Appeals Docket #: 17-15589',
  '<table id="docketinfo">',
  '<div id="proceedings">',
  '<span class="DocketInfoTitle">No. 24A949</span>',
  '<td>Title:</td>',
  '<td>~~~Date~~~</td>',
  'Case Numbers: (97-1715/1111 to 99999999)',
  'Date Filed: ',
  // JSON markers
  '"Date":"Feb 30, 2020"',
  '"Links":5',
  '"Text":"<a href=\'x\'>',
  '"ProceedingsandOrder":[',
  '"results":[{}]',
  '"time_filed":"99:99:99"',
  '"date_filed":"1800-01-01","time_filed":"12:00:00"',
  '"date_created":"0001-01-01T00:00:00Z"',
  '"docket":-1',
  '"recap_documents":[null]',
  // Mail markers
  '\r\nDate: Fri, 14 Nov 99999 12:08:05 -0500\r\n',
  '\r\nContent-Transfer-Encoding: base64\r\n',
  '\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n',
  '=\r\n',
  '=ZZ',
  '=?utf-8?B?////?=',
  '=?x-unknown?Q?a=ZZ?=',
  '\r\n\r\n',
  'Subject: Supreme Court Electronic Filing System\r\n',
  'Notice of Electronic Filing',
  'Case Name:',
  'Docket Text:',
  'The following transaction was entered on 99/99/9999 at 99:99 PM and filed on 2/29/2023',
  'The following document(s) are associated with this transaction:',
  'has been added for <a href="https://www.supremecourt.gov/search.aspx?filename=/docket/docketfiles/html/public/25-112.html">',
];

type Fragment = { hostile: number } | { text: string };

type Mutation =
  | { op: 'truncate'; at: number }
  | { op: 'delete'; at: number; length: number }
  | { op: 'insert'; at: number; fragment: Fragment }
  | { op: 'replace'; at: number; length: number; fragment: Fragment }
  | { op: 'duplicate'; at: number; length: number; to: number }
  | { op: 'swap'; a: number; b: number; length: number };

const fragmentText = (fragment: Fragment): string => ('hostile' in fragment ? HOSTILE[fragment.hostile]! : fragment.text);

function applyMutation(text: string, mutation: Mutation): string {
  const n = text.length;
  const at = (p: number): number => p % (n + 1);
  switch (mutation.op) {
    case 'truncate':
      return text.slice(0, at(mutation.at));
    case 'delete':
      return text.slice(0, at(mutation.at)) + text.slice(at(mutation.at) + mutation.length);
    case 'insert':
      return text.slice(0, at(mutation.at)) + fragmentText(mutation.fragment) + text.slice(at(mutation.at));
    case 'replace':
      return text.slice(0, at(mutation.at)) + fragmentText(mutation.fragment) + text.slice(at(mutation.at) + mutation.length);
    case 'duplicate': {
      const slice = text.slice(at(mutation.at), at(mutation.at) + mutation.length);
      return text.slice(0, at(mutation.to)) + slice + text.slice(at(mutation.to));
    }
    case 'swap': {
      const [p, q] = [at(mutation.a), at(mutation.b)].sort((x, y) => x - y) as [number, number];
      const length = Math.min(mutation.length, q - p, n - q);
      return text.slice(0, p) + text.slice(q, q + length) + text.slice(p + length, q) + text.slice(p, p + length) + text.slice(q + length);
    }
  }
}

const mutate = (text: string, mutations: readonly Mutation[]): string => mutations.reduce(applyMutation, text);

// ------------------------------------------------------------------------------------------------
// Generators: the pieces documents are made of
// ------------------------------------------------------------------------------------------------

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Every UTF-16 code unit, lone surrogates included (the 'binary' unit keeps pairs whole). */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Text heavy in lone and paired surrogates, control characters and markup: what survives no UTF-8 decoder. */
const awkwardUnit = fc.constantFrom(
  '\uD800',
  '\uDBFF',
  '\uDC00',
  '\uDFFF',
  '\uD83D\uDE00',
  '\u0000',
  '\uFFFD',
  '\u00A0',
  'a',
  ' ',
  '<',
  '&',
);

const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: anyCodeUnit, maxLength: 20 }),
  fc.string({ unit: awkwardUnit, maxLength: 12 }),
);

/** Mostly `right`, sometimes `wrong`: documents that get past the first checks, with a flaw somewhere. */
const mostly = <T>(right: fc.Arbitrary<T>, wrong: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ weight: 6, arbitrary: right }, wrong);
const mostlyIn = (min: number, max: number, outMin: number, outMax: number): fc.Arbitrary<number> =>
  mostly(fc.integer({ min, max }), fc.integer({ min: outMin, max: outMax }));

const year = mostlyIn(1990, 2030, 0, 99_999);
const month = mostlyIn(1, 12, 0, 13);
const day = mostlyIn(1, 28, 0, 39);
const hour = mostlyIn(0, 23, 0, 99);
const minute = mostlyIn(0, 59, 0, 99);
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Sept',
  'Oct',
  'Nov',
  'Dec',
  'January',
  'Febuary',
  'Xyz',
];

const rfc822Date = fc
  .tuple(
    fc.constantFrom('', 'Mon, ', 'Fri, ', 'Xyz, '),
    day,
    fc.constantFrom(...MONTH_NAMES),
    year,
    hour,
    minute,
    fc.option(minute),
    fc.constantFrom(
      '',
      ' GMT',
      ' EST',
      ' CDT',
      ' CHST',
      ' +0000',
      ' -0500',
      ' +9999',
      ' -2400',
      ' +2360',
      ' +05:30',
      ' +99:99',
      ' XYZ',
      ' Z',
    ),
  )
  .map(
    ([dow, d, mon, y, hh, mm, ss, zone]) =>
      `${dow}${pad(d, 2)} ${mon} ${y} ${pad(hh, 2)}:${pad(mm, 2)}${ss === null ? '' : `:${pad(ss, 2)}`}${zone}`,
  );

const isoDate = fc
  .tuple(
    year,
    month,
    day,
    fc.option(
      fc.tuple(
        hour,
        minute,
        fc.option(minute),
        fc.constantFrom('', '.5', '.123456', '.1234567890'),
        fc.constantFrom('Z', 'Z', '+00:00', '-05:00', '+0530', '+99:99', '-23:59', '+24:00', '', ' +01'),
      ),
      { freq: 4 },
    ),
  )
  .map(([y, m, d, time]) => {
    const date = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    if (!time) return date;
    const [hh, mm, ss, fraction, zone] = time;
    return `${date}T${pad(hh, 2)}:${pad(mm, 2)}${ss === null ? '' : `:${pad(ss, 2)}${fraction}`}${zone}`;
  });

const usDate = fc.oneof(
  fc.tuple(month, day, year).map(([m, d, y]) => `${m}/${d}/${y}`),
  fc
    .tuple(fc.constantFrom(...MONTH_NAMES), day, year, fc.constantFrom(', ', ' ', '. '))
    .map(([m, d, y, sep]) => `${m} ${pad(d, 2)}${sep}${y}`),
);

const dateish = fc.oneof(rfc822Date, isoDate, usDate, anyText);

const REAL_URLS = [
  '/doc1/12345678',
  '../docs1/00109876543',
  'https://ecf.mdd.uscourts.gov/doc1/04503049431?caseid=75736&de_seq_num=30',
  'https://ecf.dcd.uscourts.gov/cgi-bin/DktRpt.pl?123456',
  'https://ecf.nyeb.uscourts.gov/cgi-bin/iquery.pl?625371913403797-L_9999_1-0-663150',
  'https://ecf.ca9.uscourts.gov/n/beam/servlet/TransportRoom?servlet=ShowDoc&dls_id=00109876543',
  'https://www.supremecourt.gov/DocketPDF/22/22-451/1/2.pdf',
  'https://www.supremecourt.gov/search.aspx?filename=/docket/docketfiles/html/public/25-112.html',
  'http://file.supremecourt.gov/casenotification/update?verify=abc',
  'recap/gov.uscourts.mdd.1.1.0.pdf',
  '/docket/123/1/doe-v-roe/',
];
const BAD_URLS = [
  'javascript:alert(1)',
  '//evil.example/x',
  'http://',
  'https://',
  'https://[::1',
  'http://a b/',
  ' HTTP://EXAMPLE.COM/x ',
  'file:///etc/passwd',
  'data:text/html,x',
  'https://www.supremecourt.gov:99999/x',
  `http://${'a'.repeat(5000)}.example/`,
];

const urlish = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...REAL_URLS) },
  { weight: 2, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_URLS) },
  anyText,
);

const docketNumberish = fc.oneof(
  fc.constantFrom(
    '1:20-cv-03010-APM',
    '8:25-cv-951',
    '24A949',
    '23-7483',
    '25a561',
    '18-00079',
    'MDL No. 2967',
    '17-15589',
    '24-5 *** CAPITAL CASE ***',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 99 }), fc.constantFrom('cv', 'cr', 'A', '-', 'bk', ''), fc.integer({ min: 0, max: 9_999_999 }))
    .map(([y, type, n]) => `${pad(y, 2)}${type}${n}`),
  anyText,
);

const caseNameish = fc.oneof(
  fc.constantFrom(
    'USA v. Doe et al',
    'In re: Grand Jury',
    'Food &amp;amp; Water Watch v. FERC',
    'Plaintiff-Appellee, v. Defendant',
    ' v. ',
    '',
  ),
  anyText,
);

/** A number near where doubles stop counting by one (2^53), or anywhere up to 30 digits. */
const bigDigits = fc.oneof(
  fc.nat({ max: 99_999 }).map(BigInt),
  fc.bigInt({ min: 2n ** 53n - 4n, max: 2n ** 53n + 4n }),
  fc.bigInt({ min: 0n, max: 10n ** 30n }),
);

/** The clerk's "Case Numbers" shorthand: ranges, slashes, leading dashes, "See also" (see lower-court-cases.ts). */
const lowerCourtNumbers = fc
  .array(
    fc.oneof(
      fc.tuple(bigDigits, fc.nat({ max: 120 })).map(([a, d]) => `${a} to ${a + BigInt(d)}`),
      fc.tuple(fc.constantFrom('', '97-', '96-C-', '98-'), bigDigits, fc.nat({ max: 120 })).map(([p, a, d]) => `${p}${a}/${a + BigInt(d)}`),
      fc.tuple(fc.constantFrom('99-', '8:25-cv-'), bigDigits).map(([p, a]) => `${p}${a},-${a}`),
      docketNumberish,
    ),
    { maxLength: 5 },
  )
  .chain((parts) => fc.constantFrom(', ', '; ', ' (See also ', '/', ' & ').map((separator) => `(${parts.join(separator)})`));

/** Short bits of text the docket and mail parsers key on. */
const MARKERS = [
  'Docket Text',
  '#',
  'Date Filed',
  'Date Filed:',
  'Date Entered',
  'CIVIL DOCKET FOR CASE #: 1:20-cv-03010-APM',
  'Court of Appeals Docket #: 17-15589',
  'United States Court of Appeals for the Ninth Circuit',
  'Title:',
  '~~~Date~~~',
  '~~Name~~',
  'Case Numbers:',
  'Case Nos.:',
  'Lower Ct:',
  '(23-2051 (See also 23-1853))',
  '98-35309/35509, 99-1845,-1846; 97-1715/1111 to 1115',
  'No. 24A949',
  'Supreme Court of the United States',
  'CM/ECF',
  'ecf.dcd.uscourts.gov',
  'TransportRoom',
  'none satisfy the selection criteria',
  'Case not found',
  'ERROR: File or directory not found.',
  'Main Document',
  'Verification Complete',
  "if (true) { $('#divOk').show(); } else { $('#divFail').show(); }",
];

const textish = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...MARKERS) }, dateish, docketNumberish, caseNameish, urlish);

// ------------------------------------------------------------------------------------------------
// Generators: HTML- and XML-shaped trees
// ------------------------------------------------------------------------------------------------

interface MarkupElement {
  tag: string;
  attributes: [string, string][];
  children: MarkupNode[];
  /** How the element ends: its end tag, none, "/>", or another element's end tag. */
  end: 'close' | 'open' | 'self' | 'mismatch';
  cdata: boolean;
}
type MarkupNode = string | MarkupElement;

function renderMarkup(node: MarkupNode): string {
  if (typeof node === 'string') return node;
  const attributes = node.attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
  if (node.end === 'self') return `<${node.tag}${attributes}/>`;
  const inner = node.children.map(renderMarkup).join('');
  const body = node.cdata ? `<![CDATA[${inner}]]>` : inner;
  const end = node.end === 'close' ? `</${node.tag}>` : node.end === 'mismatch' ? '</td>' : '';
  return `<${node.tag}${attributes}>${body}${end}`;
}

function markupTree(
  tags: readonly string[],
  attributeNames: readonly string[],
  attributeValues: fc.Arbitrary<string>,
  text: fc.Arbitrary<string>,
) {
  const element = (tie: (key: 'node') => fc.Arbitrary<MarkupNode>): fc.Arbitrary<MarkupElement> =>
    fc.record({
      tag: fc.constantFrom(...tags),
      attributes: fc.array(fc.tuple(fc.constantFrom(...attributeNames), attributeValues), { maxLength: 3 }),
      children: fc.array(tie('node'), { maxLength: 6 }),
      end: fc.constantFrom<MarkupElement['end']>('close', 'close', 'close', 'close', 'open', 'self', 'mismatch'),
      cdata: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true)),
    });
  const { node } = fc.letrec<{ node: MarkupNode }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, text, element(tie)),
  }));
  return { node: node.map(renderMarkup), element: element(() => node).map(renderMarkup) };
}

/** Names a parser might look up on a plain object: a tag or attribute so named must not reach Object.prototype. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const HTML_TAGS =
  'html head body title table tbody thead tr td th a span div h1 h2 h3 font b p br center input form time article script style pre li svg select meta base template textarea'.split(
    ' ',
  );
const HTML_ATTRIBUTES = [
  ...'id class href name value datetime style onclick title hidden property content rel aria-label'.split(' '),
  ...PROTOTYPE_NAMES,
];
const HTML_ATTRIBUTE_VALUES = fc.oneof(
  fc.constantFrom(
    'docketinfo',
    'proceedings',
    'Contacts',
    'pagetitle',
    'cmecfMainContent',
    'divOk',
    'divFail',
    'ProceedingItem',
    'card',
    'DocketInfoTitle',
    'title',
    'documentlinks',
    'ProceedingDate',
    'proceedingheader',
    'views-row',
    'rows-wrapper',
    'caseid',
    'document_1',
    'display:none',
    "goDLS('/doc1/123','456')",
    "doDocPostURL('00109876543','321')",
    'og:title',
    'article:published_time',
    'next',
  ),
  urlish,
  dateish,
);

const html = markupTree(
  HTML_TAGS,
  HTML_ATTRIBUTES,
  HTML_ATTRIBUTE_VALUES,
  fc.oneof(textish, fc.constantFrom('<!-- NEW SECTION - DOCKET ENTRIES -->', '<!--', '&amp;', '&#x3C;')),
);

const htmlDocument = fc
  .tuple(
    fc.constantFrom('', '<!DOCTYPE html>', '<html><body>', '\uFEFF  '),
    fc.array(html.node, { maxLength: 5 }),
    fc.constantFrom('', '</body></html>', '</html>'),
  )
  .map(([head, nodes, tail]) => head + nodes.join('') + tail);

const XML_TAGS = [
  ...'rss channel item title link description pubDate guid enclosure feed entry content summary id updated published author name rdf:RDF media:content media:group atom:link content:encoded dc:date itunes:author x'.split(
    ' ',
  ),
  ...PROTOTYPE_NAMES,
];
const XML_ATTRIBUTES = [...'version href rel type url isPermaLink xml:base rdf:about xmlns medium'.split(' '), ...PROTOTYPE_NAMES];
const xml = markupTree(
  XML_TAGS,
  XML_ATTRIBUTES,
  fc.oneof(urlish, fc.constantFrom('alternate', 'enclosure', 'html', 'xhtml', 'text', 'false', 'http://www.w3.org/2005/Atom')),
  fc.oneof(textish, fc.constantFrom('&amp;lt;b&amp;gt;', '&#x3C;a href=&#39;/doc1/1234&#39;&#x3E;1&#x3C;/a&#x3E;', ']]>')),
);

const xmlDocument = fc
  .tuple(
    fc.constantFrom('', '<?xml version="1.0" encoding="UTF-8"?>', '<!-- c -->', '<!DOCTYPE rss>', '\uFEFF'),
    fc.constantFrom('rss', 'feed', 'rdf:RDF', 'atom:feed', 'html', 'x'),
    fc.constantFrom(
      '',
      ' version="2.0"',
      ' xmlns="http://www.w3.org/2005/Atom"',
      ' xmlns:atom="http://www.w3.org/2005/Atom"',
      ' xmlns="http://purl.org/rss/1.0/"',
    ),
    fc.array(xml.node, { maxLength: 5 }),
    fc.boolean(),
  )
  .map(
    ([prolog, root, attributes, children, closed]) => `${prolog}<${root}${attributes}>${children.join('')}${closed ? `</${root}>` : ''}`,
  );

// ------------------------------------------------------------------------------------------------
// Generators: documents of each format, mostly right
// ------------------------------------------------------------------------------------------------

const xmlEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const leafText = fc.oneof(
  textish.map(xmlEscape),
  textish,
  textish.map((t) => `<![CDATA[${t}]]>`),
);
const maybe = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arbitrary, { freq: 5 });
const leaf = (tag: string, value: string | null): string => (value === null ? '' : `<${tag}>${value}</${tag}>`);

const rssItem = fc
  .record({
    title: maybe(
      mostly(
        fc.tuple(docketNumberish, caseNameish).map(([n, c]) => `${n} ${c}`),
        leafText,
      ),
    ),
    link: maybe(urlish.map(xmlEscape)),
    description: maybe(
      mostly(
        fc.tuple(textish, urlish, fc.nat({ max: 9999 })).map(([event, href, n]) => xmlEscape(`[${event}] (<a href='${href}'>${n}</a>)`)),
        leafText,
      ),
    ),
    pubDate: maybe(mostly(rfc822Date, dateish).map(xmlEscape)),
    guid: maybe(urlish.map(xmlEscape)),
    extra: fc.option(xml.node),
  })
  .map(
    (i) =>
      `<item>${leaf('title', i.title)}${leaf('link', i.link)}${leaf('description', i.description)}${leaf('pubDate', i.pubDate)}${leaf('guid', i.guid)}${i.extra ?? ''}</item>`,
  );

const rssDocument = fc
  .tuple(
    mostly(fc.constantFrom('https://ecf.mdd.uscourts.gov/', 'https://ecf.ca4.uscourts.gov/n/beam', 'https://ecf.mdb.uscourts.gov'), urlish),
    fc.array(rssItem, { maxLength: 6 }),
  )
  .map(
    ([link, items]) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Recent Entries</title>${leaf('link', xmlEscape(link))}${items.join('')}</channel></rss>`,
  );

const atomEntry = fc
  .record({
    href: maybe(urlish.map(xmlEscape)),
    rel: fc.constantFrom('alternate', 'enclosure', 'self', ''),
    id: maybe(urlish.map(xmlEscape)),
    title: maybe(leafText),
    type: fc.constantFrom('text', 'html', 'xhtml', ''),
    updated: maybe(mostly(isoDate, dateish).map(xmlEscape)),
    summary: maybe(leafText),
  })
  .map(
    (e) =>
      `<entry>${e.href === null ? '' : `<link rel="${e.rel}" href="${e.href}"/>`}${leaf('id', e.id)}${
        e.title === null ? '' : `<title type="${e.type}">${e.title}</title>`
      }${leaf('updated', e.updated)}${leaf('summary', e.summary)}</entry>`,
  );

const atomDocument = fc
  .tuple(maybe(urlish.map(xmlEscape)), fc.array(atomEntry, { maxLength: 6 }))
  .map(
    ([base, entries]) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"${base === null ? '' : ` xml:base="${base}"`}><title>t</title>${entries.join('')}</feed>`,
  );

const districtRow = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(mostly(usDate, dateish), mostly(fc.nat({ max: 999 }).map(String), textish), urlish, textish)
      .map(([date, n, href, text]) => `<tr><td>${date}</td><td><a href="${href}">${n}</a></td><td>${text}</td></tr>`),
  },
  fc
    .tuple(fc.nat({ max: 20 }), textish, textish)
    .map(
      ([n, value, text]) =>
        `<tr><td></td><td></td><td><table><tr><td><input name="document_${n}" value="${value}"></td><td>${n}</td><td>${text}</td></tr></table></td></tr>`,
    ),
  fc.tuple(dateish, textish).map(([date, text]) => `<tr><td>${date}</td><td>${text}</td><td></td><td>${text}</td></tr>`),
  html.element,
);

/** Mostly true: a page that reached its end. */
const complete = mostly(fc.constant(true), fc.constant(false));

const districtDocket = fc
  .tuple(
    mostly(fc.constantFrom('1:20-cv-03010-APM', '8:25-cv-951', '2:17-cr-00201-1', 'MDL No. 2967'), docketNumberish),
    caseNameish,
    dateish,
    fc.array(districtRow, { maxLength: 8 }),
    complete,
  )
  .map(
    ([number, caption, filed, rows, closed]) =>
      `<html><body><div id="cmecfMainContent"><h3>U.S. District Court<br>CIVIL DOCKET FOR CASE #: ${number}</h3>` +
      `<table><tr><td>${caption}<br>Assigned to: Judge</td><td>Date Filed: ${filed}</td></tr></table>` +
      `<table><tr><th>Date Filed</th><th>#</th><th>Docket Text</th></tr>${rows.join('')}${closed ? '</table></div></body></html>' : ''}`,
  );

const appellateDocket = fc
  .tuple(
    mostly(fc.constantFrom('17-15589', '21-2643', '<a href="x">23-7222</a>'), docketNumberish),
    mostly(fc.constant('Jane Doe v. John Roe'), caseNameish),
    fc.array(fc.tuple(mostly(usDate, dateish), urlish, textish, fc.nat()), { maxLength: 6 }),
    complete,
  )
  .map(
    ([number, caption, rows, closed]) =>
      `<html><body><b>United States Court of Appeals for the Ninth Circuit</b><table><tr><td><b>Court of Appeals Docket #:</b> ${number}</td></tr><tr><td>${caption}</td></tr></table>` +
      `<!-- NEW SECTION - DOCKET ENTRIES --><table>${rows
        .map(
          ([date, href, text, id]) =>
            `<tr><td>${date}</td><td><a href="${href}" onclick="doDocPostURL('1','${id}')">${id % 50}</a></td><td>${text}</td></tr>`,
        )
        .join('')}${closed ? '</table> TransportRoom </body></html>' : ''}`,
  );

const scotusHtmlDocket = fc
  .tuple(
    docketNumberish,
    caseNameish,
    fc.oneof(lowerCourtNumbers, textish),
    fc.array(fc.tuple(mostly(usDate, dateish), textish, urlish, textish), { maxLength: 6 }),
    complete,
  )
  .map(
    ([number, title, lower, rows, closed]) =>
      `<html><head><title>Supreme Court</title></head><body><table id="docketinfo"><tr><td><span class="DocketInfoTitle">No. ${number}</span></td></tr>` +
      `<tr><td><span class="title">${title}</span></td></tr><tr><td>Case Numbers:</td><td>${lower}</td></tr></table><div id="proceedings">` +
      rows
        .map(
          ([date, text, href, label]) =>
            `<div class="card"><table class="ProceedingItem"><tr><td class="ProceedingDate">${date}</td><td>${text}<span class="documentlinks"><a href="${href}">${label}</a></span></td></tr></table></div>`,
        )
        .join('') +
      (closed ? '</div><div id="Contacts"></div></body></html>' : ''),
  );

// ---------------------------------------------------------------- JSON

/** A field: usually present and of the right type, sometimes missing (undefined: JSON.stringify drops it), sometimes anything at all. */
const field = <T>(right: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 16, arbitrary: right },
    { weight: 2, arbitrary: fc.constant(undefined) },
    fc.constantFrom(null, true, 0, -1, 1.5, 2 ** 53 + 2, 1e21, '', [], {}),
    fc.jsonValue({ maxDepth: 2 }),
  );

const json = (arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<string> => arbitrary.map((value) => JSON.stringify(value) ?? 'undefined');

const scotusJsonDocket = json(
  fc.record({
    CaseNumber: field(docketNumberish),
    PetitionerTitle: field(caseNameish),
    RespondentTitle: field(caseNameish),
    LowerCourtCaseNumbers: field(fc.oneof(lowerCourtNumbers, textish)),
    DocketedDate: field(dateish),
    ProceedingsandOrder: field(
      fc.array(
        field(
          fc.record({
            Date: field(mostly(usDate, dateish)),
            Text: field(fc.oneof(textish, html.node)),
            Links: field(fc.array(field(fc.record({ Description: field(textish), DocumentUrl: field(urlish) })), { maxLength: 3 })),
          }),
        ),
        { maxLength: 5 },
      ),
    ),
  }),
);

const acmsDocket = json(
  fc.record({
    caseDetails: field(fc.record({ caseId: field(anyText), caseNumber: field(docketNumberish), name: field(caseNameish) })),
    docketInfo: field(
      fc.record({
        docketEntries: field(
          fc.array(
            field(
              fc.record({
                entryNumber: field(fc.oneof(fc.integer(), fc.double(), anyText)),
                endDate: field(mostly(isoDate, dateish)),
                docketEntryText: field(fc.oneof(textish, html.node)),
                docketEntryId: field(anyText),
              }),
            ),
            { maxLength: 5 },
          ),
        ),
      }),
    ),
  }),
);

const clTime = mostly(
  fc
    .tuple(hour, minute, fc.option(minute, { freq: 4 }), fc.constantFrom('', '', '.5', '.123456'))
    .map(([h, m, s, fraction]) => `${pad(h, 2)}:${pad(m, 2)}${s === null ? '' : `:${pad(s, 2)}${fraction}`}`),
  anyText,
);

const clDay = fc.tuple(mostlyIn(1990, 2030, 0, 9999), month, day).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

const clDocument = fc.record({
  document_type: field(fc.constantFrom(1, 2, '1', 3)),
  document_number: field(mostly(fc.nat({ max: 999 }).map(String), anyText)),
  attachment_number: field(fc.oneof(fc.nat({ max: 50 }), fc.nat().map(String))),
  pacer_doc_id: field(mostly(fc.nat().map(String), anyText)),
  description: field(textish),
  is_available: field(fc.boolean()),
  is_sealed: field(fc.boolean()),
  filepath_local: field(urlish),
  absolute_url: field(urlish),
});

const clEntry = fc.record({
  id: field(fc.nat()),
  docket: field(
    fc.oneof(
      fc.integer({ min: -5, max: 9 }),
      fc.constant(4214664),
      fc.constant('https://www.courtlistener.com/api/rest/v4/dockets/4214664/'),
      fc.nat().map(String),
    ),
  ),
  entry_number: field(fc.oneof(fc.nat(), fc.nat().map(String))),
  date_filed: field(mostly(clDay, dateish)),
  time_filed: field(clTime),
  date_created: field(isoDate),
  recap_sequence_number: field(
    mostly(
      fc.tuple(clDay, fc.nat({ max: 99_999 })).map(([d, n]) => `${d}.${pad(n, 3)}`),
      anyText,
    ),
  ),
  short_description: field(textish),
  description: field(textish),
  recap_documents: field(fc.array(field(clDocument), { maxLength: 3 })),
});

/** An entry CourtListener could send: every field of its type, the values at the edges of valid. */
const clWellTypedEntry = fc.record({
  id: fc.nat(),
  docket: fc.constantFrom(4214664, 7, 'https://www.courtlistener.com/api/rest/v4/dockets/4214664/'),
  entry_number: fc.option(fc.nat({ max: 999 })),
  date_filed: fc.option(mostly(clDay, fc.constantFrom('1800-01-01', '0001-01-01', '9999-12-31', '2024-02-29', '2023-02-29'))),
  time_filed: fc.option(clTime),
  date_created: fc.option(
    mostly(
      isoDate,
      fc.constantFrom(
        '0000-01-01T00:00:00Z',
        '0001-01-01T00:00:00Z',
        '1800-01-01T12:00:00-04:56',
        '9999-12-31T23:59:59-23:59',
        '2025-04-10T14:02:11.123456+00:00',
      ),
    ),
  ),
  recap_sequence_number: fc.tuple(clDay, fc.nat({ max: 99_999 })).map(([d, n]) => `${d}.${pad(n, 3)}`),
  description: textish,
  recap_documents: fc.array(clDocument, { maxLength: 3 }),
});

const clEntriesPage = json(
  fc.record({
    next: field(urlish),
    results: field(fc.array(fc.oneof(field(clEntry), { weight: 3, arbitrary: clWellTypedEntry }), { maxLength: 4 })),
    detail: fc.option(anyText, { nil: undefined }),
  }),
);

const clWebhook = json(
  fc.record({
    webhook: field(
      fc.record({
        version: field(mostly(fc.constantFrom(1, 2), fc.constantFrom(0, 1.5))),
        event_type: field(mostly(fc.constant(1), fc.constantFrom(2, 3, 99))),
        deprecation_date: field(dateish),
      }),
    ),
    payload: field(
      fc.record({ results: field(fc.array(fc.oneof(field(clEntry), { weight: 3, arbitrary: clWellTypedEntry }), { maxLength: 4 })) }),
    ),
  }),
);

// ---------------------------------------------------------------- mail

const clock12 = fc
  .tuple(mostlyIn(1, 12, 0, 99), minute, fc.option(minute), fc.constantFrom('AM', 'PM', 'pm', 'A.M.', 'XM'))
  .map(([h, m, s, meridiem]) => `${h}:${pad(m, 2)}${s === null ? '' : `:${pad(s, 2)}`} ${meridiem}`);

const nefTransaction = fc
  .tuple(usDate, clock12, fc.constantFrom('', 'CDT', 'EST', 'XYZ', 'CHST', 'HST'), mostly(fc.constant(null), usDate))
  .map(
    ([entered, time, zone, filed]) =>
      `The following transaction was entered by Doe, Jane on ${entered} at ${time} ${zone} and filed on ${filed ?? entered}`,
  );

const nefLine = fc.oneof(
  fc.constant('Notice of Electronic Filing'),
  nefTransaction,
  caseNameish.map((name) => `Case Name: ${name}`),
  fc.tuple(docketNumberish, urlish).map(([n, url]) => `Case Number: ${n} ${url}`),
  fc.constant('Filer: Someone'),
  fc.tuple(mostly(fc.nat({ max: 99_999_999_999 }).map(String), textish), urlish).map(([n, url]) => `Document Number: ${n} ${url}`),
  fc.constant('Docket Text:'),
  textish,
  fc.constantFrom(
    '1:20-cv-1 Notice has been electronically mailed to:',
    'The following document(s) are associated with this transaction:',
    'Document description:Main Document',
    'Document description:Exhibit',
    'Original filename:x.pdf',
    'Electronic document Stamp:',
    'WARNING: CASE CLOSED on 09/25/2024',
    'Notice of Docket Activity',
  ),
  fc
    .tuple(fc.nat(), fc.nat({ max: 99_999 }))
    .map(([file, part]) => `[STAMP dcecfStamp_ID=1 [Date=1/1/2020] [FileNumber=${file}-${part}] [abc]]`),
);

/** A notice in the usual order, with any line dropped, repeated or replaced. */
const nefLines = fc
  .tuple(
    nefTransaction,
    fc.array(fc.tuple(caseNameish, docketNumberish, urlish, fc.nat({ max: 999 }), textish), { minLength: 1, maxLength: 3 }),
    fc.array(nefLine, { maxLength: 8 }),
    fc.array(fc.tuple(fc.nat({ max: 30 }), fc.constantFrom(...MARKERS)), { maxLength: 4 }),
  )
  .map(([transaction, cases, extra, edits]) => {
    const lines = ['Notice of Electronic Filing', transaction];
    for (const [name, number, url, document, text] of cases) {
      lines.push(
        `Case Name: ${name}`,
        `Case Number: ${number}`,
        'Filer: Someone',
        `Document Number: ${document} ${url}`,
        'Docket Text:',
        text,
      );
    }
    lines.push(...extra);
    for (const [at, text] of edits) lines.splice(at % (lines.length + 1), 1, text);
    return lines;
  });

const asHtmlBody = (lines: string[]): string =>
  `<html><body>${lines.map((line) => line.replace(/(https?:\/\/[^\s<>"']+)/, '<a href="$1">$1</a>')).join('<br>\n')}</body></html>`;

const nefBody = fc
  .tuple(nefLines, fc.boolean())
  .map(([lines, asHtml]) => ({ body: asHtml ? asHtmlBody(lines) : lines.join('\n'), html: asHtml }));

/** "25-112", "25a561", "22O135": mostly a well-formed Supreme Court number. */
const scotusDocketNumberish = mostly(
  fc
    .tuple(fc.nat({ max: 99 }), fc.constantFrom('-', 'A', 'a', 'M', 'O', 'D'), fc.integer({ min: 1, max: 999_999 }))
    .map(([y, type, n]) => `${pad(y, 2)}${type}${n}`),
  docketNumberish,
);

const scotusDocketUrl = mostly(
  scotusDocketNumberish.map((n) => `https://www.supremecourt.gov/search.aspx?filename=/docket/DocketFiles/html/Public/${n}.html`),
  urlish,
);

const scotusBody = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom(', "', ', "', ', \u201c', ''),
        textish,
        fc.constantFrom('"', '"', '\u201d', ''),
        scotusDocketUrl,
        mostly(fc.constantFrom('Okello T. Chatrie, Petitioner v. United States'), caseNameish),
        scotusDocketNumberish,
        fc.option(urlish),
      )
      .map(
        ([open, entry, close, href, name, number, inline]) =>
          `<p>A new docket entry${open}${inline === null ? entry : `<a href="${inline}">${entry}</a>`}${close} has been added for <a href='${href}'>${name}</a>. You have been signed up to receive email notifications for No. ${number}.</p>`,
      ),
  },
  fc
    .tuple(scotusDocketNumberish, mostly(fc.constantFrom('http://file.supremecourt.gov/casenotification/update?verify=abc'), urlish))
    .map(
      ([number, href]) =>
        `We have received a request that you would like to be notified via email of any new filings in ${number}. Please confirm this choice by clicking <a href = ${href}>here</a>.`,
    ),
);

const SENDERS = [
  'no-reply@sc-us.gov',
  'SCOTUS <no-reply@sc-us.gov>',
  'DCD_ECFNotice@dcd.uscourts.gov',
  'cmecf@ecf.txs.uscourts.gov',
  'lawyer@firm.example',
  '<@>',
  '"a@b" <>',
  'x@a.uscourts.gov',
];
const SUBJECTS = [
  'Supreme Court Electronic Filing System',
  'Supreme Court Case Notification 25a561.',
  'Supreme Court Case Notification',
  'Activity in Case 1:20-cv-00001 A v. B Order',
  'Fwd: RE: Activity in Case 1:20-cv-00001 A v. B Order',
  'Multiple Cases "Close Adversary Case" - AP -',
  '24-03015 Complaint',
  '=?utf-8?B?U3VwcmVtZSBDb3VydCBFbGVjdHJvbmljIEZpbGluZyBTeXN0ZW0=?=',
];

const mailBody = fc.oneof(
  { weight: 2, arbitrary: nefBody },
  { weight: 2, arbitrary: scotusBody.map((body) => ({ body, html: true })) },
  htmlDocument.map((body) => ({ body, html: true })),
  anyText.map((body) => ({ body, html: false })),
);

const base64Lines = (text: string): string =>
  (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');

/** A mail's Date as mailparser hands it over: anywhere in JavaScript's range, at the edges of four-digit years, or invalid. */
const mailDate = fc.option(
  fc.oneof(
    fc.date({ noInvalidDate: false }),
    fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z') }),
    fc
      .constantFrom(
        '0000-12-31T23:00:00Z',
        '0001-01-01T03:00:00Z',
        '0999-06-01T00:00:00Z',
        '9999-12-31T23:00:00Z',
        '+010000-01-01T05:00:00Z',
      )
      .map((iso) => new Date(iso)),
  ),
  { freq: 6 },
);

/** A subject behind forwarding prefixes, up to far more than any mail client adds (NEF detection once backtracked on them). */
const forwardedSubject = fc
  .tuple(
    fc.array(fc.constantFrom('FW:', 'Fw: ', 'Fwd:', 'RE: ', 'fw:', 'FWD:'), { maxLength: 40 }),
    fc.constantFrom('Activity in Case 1:20-cv-00001 A v. B Order', 'x', ''),
  )
  .map(([prefixes, subject]) => prefixes.join('') + subject);

/** Subject, sender and body that go together, most of the time. */
const mailParts = fc.oneof(
  fc.record({
    subject: mostly(fc.constantFrom('Supreme Court Electronic Filing System', 'Supreme Court Case Notification 25a561.'), anyText),
    from: mostly(fc.constantFrom('no-reply@sc-us.gov', 'SCOTUS <no-reply@sc-us.gov>'), anyText),
    body: mostly(
      scotusBody.map((body) => ({ body, html: true })),
      mailBody,
    ),
  }),
  fc.record({
    subject: mostly(fc.oneof(fc.constantFrom(...SUBJECTS.filter((subject) => !subject.startsWith('Supreme'))), forwardedSubject), anyText),
    from: mostly(fc.constantFrom(...SENDERS.filter((sender) => sender.includes('uscourts'))), anyText),
    body: mostly(nefBody, mailBody),
  }),
  fc.record({ subject: mostly(fc.constantFrom(...SUBJECTS), anyText), from: mostly(fc.constantFrom(...SENDERS), anyText), body: mailBody }),
);

const decodedMessage = fc.record({
  parts: mailParts,
  date: mailDate,
  otherBody: fc.oneof(
    fc.constant(''),
    nefLines.map((lines) => lines.join('\n')),
    anyText,
  ),
});

const rawMail = fc
  .record({
    parts: mailParts,
    date: mostly(rfc822Date, dateish),
    extra: fc.array(
      fc.constantFrom(
        'Received: from relay.example',
        'MIME-Version: 1.0',
        'X-Dup: 1',
        'Subject: second subject',
        'Date: garbage',
        'Content-Type: text/plain; charset=x-unknown',
      ),
      {
        maxLength: 3,
      },
    ),
    encoding: fc.constantFrom('7bit', 'base64', 'quoted-printable', 'x-bogus', 'base64-broken'),
    multipart: fc.constantFrom('none', 'alternative', 'unclosed'),
    newline: fc.constantFrom('\r\n', '\n'),
  })
  .map(({ parts, ...m }) => {
    const { from, subject, body } = parts;
    const nl = m.newline;
    const type = body.html ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
    const encoding = m.encoding === 'base64-broken' ? 'base64' : m.encoding;
    const encoded =
      m.encoding === 'base64'
        ? base64Lines(body.body)
        : m.encoding === 'base64-broken'
          ? `${base64Lines(body.body)}!!@@`
          : body.body.replace(/\n/g, nl);
    const headers = [`From: ${from}`, `Subject: ${subject}`, `Date: ${m.date}`, ...m.extra];
    if (m.multipart === 'none')
      return [...headers, `Content-Type: ${type}`, `Content-Transfer-Encoding: ${encoding}`, '', encoded].join(nl);
    const plain = ['--b1', 'Content-Type: text/plain', '', 'plain part'];
    const part = ['--b1', `Content-Type: ${type}`, `Content-Transfer-Encoding: ${encoding}`, '', encoded];
    return [
      ...headers,
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      ...plain,
      ...part,
      m.multipart === 'unclosed' ? '' : '--b1--',
    ].join(nl);
  });

/** A decoded message, as the inbound SMTP listener hands it over; dates anywhere in JavaScript's range, or invalid. */
// ------------------------------------------------------------------------------------------------
// Mutation generators
// ------------------------------------------------------------------------------------------------

const fragment: fc.Arbitrary<Fragment> = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: HOSTILE.length - 1 }).map((hostile) => ({ hostile })) },
  { weight: 1, arbitrary: anyText.map((text) => ({ text })) },
  { weight: 2, arbitrary: html.node.map((text) => ({ text })) },
  { weight: 1, arbitrary: xml.node.map((text) => ({ text })) },
  { weight: 1, arbitrary: textish.map((text) => ({ text })) },
);

const position = fc.nat({ max: 1_000_000 });
const span = fc.oneof(fc.nat({ max: 20 }), fc.nat({ max: 2000 }), fc.nat({ max: 100_000 }));

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: position }),
  fc.record({ op: fc.constant('delete' as const), at: position, length: span }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, fragment }) },
  fc.record({ op: fc.constant('replace' as const), at: position, length: span, fragment }),
  fc.record({ op: fc.constant('duplicate' as const), at: position, length: span, to: position }),
  fc.record({ op: fc.constant('swap' as const), a: position, b: position, length: span }),
);

const mutations = fc.array(mutation, { minLength: 1, maxLength: 4 });

interface MutatedFixture {
  fixture: string;
  mutations: Mutation[];
}

/** A fixture (by name, so counterexamples stay short) and what to do to it. */
function mutated(list: readonly Fixture[]): fc.Arbitrary<MutatedFixture> {
  if (list.length === 0) throw new Error('no fixtures found: is /work/shared/fixtures checked out?');
  return fc.record({ fixture: fc.constantFrom(...list.map((f) => f.name)), mutations });
}

const byName = new Map(Object.values(FIXTURES).flatMap((list: Fixture[]) => list.map((f) => [f.name, f.text] as const)));
const materialise = ({ fixture, mutations: ops }: MutatedFixture): string => mutate(byName.get(fixture)!, ops);

/** A value to put anywhere in a JSON document: what each parser reads, and what it does not expect. */
const jsonValueish: fc.Arbitrary<unknown> = fc.oneof(
  dateish,
  clTime,
  urlish,
  textish,
  lowerCourtNumbers,
  html.node,
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e21, 2 ** 53 + 2, '', [], {}),
);

/** Replace (or delete) the node at the `at`-th path of a JSON document, counting every object member and array element. */
interface JsonEdit {
  at: number;
  value: unknown;
  remove: boolean;
}

function jsonPaths(root: unknown): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (path.length > 0) paths.push(path);
    if (Array.isArray(value)) value.forEach((child, i) => stack.push({ value: child, path: [...path, i] }));
    else if (typeof value === 'object' && value !== null)
      for (const [key, child] of Object.entries(value)) stack.push({ value: child, path: [...path, key] });
  }
  return paths;
}

function editJson(text: string, edits: readonly JsonEdit[]): string {
  const root = JSON.parse(text) as unknown;
  for (const edit of edits) {
    const paths = jsonPaths(root);
    if (paths.length === 0) break;
    const path = paths[edit.at % paths.length]!;
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root) as Record<
      string | number,
      unknown
    >;
    const key = path[path.length - 1]!;
    if (!edit.remove) parent[key] = edit.value;
    else if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  }
  return JSON.stringify(root);
}

const jsonEdit: fc.Arbitrary<JsonEdit> = fc.record({
  at: position,
  value: jsonValueish,
  remove: mostly(fc.constant(false), fc.constant(true)),
});

/** A JSON fixture with values replaced or removed (still JSON), sometimes mutated as text as well. */
function jsonEdited(list: readonly Fixture[]): fc.Arbitrary<MutatedFixture & { edits: JsonEdit[] }> {
  return fc.record({
    fixture: fc.constantFrom(...list.map((f) => f.name)),
    edits: fc.array(jsonEdit, { minLength: 1, maxLength: 4 }),
    mutations: fc.oneof({ weight: 4, arbitrary: fc.constant([] as Mutation[]) }, mutations),
  });
}

const materialiseJson = (input: MutatedFixture & { edits: JsonEdit[] }): string =>
  mutate(editJson(byName.get(input.fixture)!, input.edits), input.mutations);

/** A generated document, sometimes mutated further. */
const perhapsMutated = (document: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(document, fc.oneof({ weight: 3, arbitrary: fc.constant([] as Mutation[]) }, mutations)).map(([text, ops]) => mutate(text, ops));

/** One of `checks` (shown by name in counterexamples): for parsers too slow to run all of on every input. */
const oneOf = (checks: readonly Check[]): fc.Arbitrary<Check> =>
  fc.constantFrom(...checks).map((one) => ({ ...one, [fc.toStringMethod]: () => one.name }));

// ------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------

const arbitraryStrings = fc.oneof(
  fc.string({ maxLength: 2000 }),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: anyCodeUnit, maxLength: 500 }),
  fc.string({
    unit: fc.constantFrom('<', '>', '/', '&', ';', '"', "'", '=', '{', '}', '[', ']', ':', ',', '\n', ' ', 'a', 'td', 'item', '#'),
    maxLength: 400,
  }),
);

const bytes = fc.uint8Array({ maxLength: 600 }).map((array) => Buffer.from(array));

describe('every parser, on arbitrary text', () => {
  it(
    'returns a valid document or throws a typed error (synchronous parsers)',
    () => {
      fc.assert(
        fc.property(arbitraryStrings, (text) => runChecks(allChecks, text)),
        { numRuns: RUNS.cheap },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'parseDocument: detects or refuses, and each forced format parses or refuses (strings and bytes)',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(arbitraryStrings, bytes), (input) => checkParseDocument(input)),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'the mail parsers decode or refuse anything',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(arbitraryStrings, bytes), (raw) => checkMailParsers(raw)),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );
});

describe('mutated fixtures', () => {
  it(
    'RSS and Atom feeds',
    () => {
      fc.assert(
        fc.property(mutated([...FIXTURES.rss, ...FIXTURES.feeds]), (input) => runChecks(feedChecks, materialise(input))),
        { numRuns: RUNS.fixtures },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'supremecourt.gov dockets (JSON, current and legacy HTML)',
    () => {
      fc.assert(
        fc.property(oneOf(scotusDocketChecks), mutated([...FIXTURES.scotusJson, ...FIXTURES.scotusHtml]), (one, input) =>
          runCheck(one, materialise(input)),
        ),
        { numRuns: RUNS.fixtures },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'CM/ECF docket reports (district, appellate, ACMS, not-dockets)',
    () => {
      fc.assert(
        fc.property(oneOf(pacerDocketChecks), mutated([...FIXTURES.pacerDockets, ...FIXTURES.acms]), (one, input) =>
          runCheck(one, materialise(input)),
        ),
        { numRuns: RUNS.fixtures },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'JSON fixtures with values replaced: supremecourt.gov dockets, ACMS dockets, CourtListener pages and webhooks',
    () => {
      const groups: [Fixture[], Check[]][] = [
        [FIXTURES.scotusJson, scotusDocketChecks],
        [FIXTURES.acms, pacerDocketChecks],
        [FIXTURES.courtListener, courtListenerChecks],
      ];
      fc.assert(
        fc.property(fc.oneof(...groups.map(([list, checks]) => fc.tuple(jsonEdited(list), fc.constant(checks)))), ([input, checks]) =>
          runChecks(checks, materialiseJson(input)),
        ),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'CourtListener docket-entry pages and webhooks',
    () => {
      fc.assert(
        fc.property(mutated(FIXTURES.courtListener), (input) => runChecks(courtListenerChecks, materialise(input))),
        { numRuns: RUNS.fixtures },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'press listings, articles and page watches',
    () => {
      fc.assert(
        fc.property(oneOf(pageChecks), mutated([...FIXTURES.pressPages, ...FIXTURES.scotusHtml.slice(0, 1)]), (one, input) =>
          runCheck(one, materialise(input)),
        ),
        { numRuns: RUNS.heavy },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'supremecourt.gov confirmation pages',
    () => {
      fc.assert(
        fc.property(mutated(FIXTURES.confirmationPages), (input) => runCheck(confirmationPageCheck, materialise(input))),
        { numRuns: RUNS.fixtures },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'NEF and supremecourt.gov e-mails',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutated([...FIXTURES.nef, ...FIXTURES.scotusMail]), (input) => checkMailParsers(materialise(input))),
        { numRuns: RUNS.fixtures },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'parseDocument on any mutated fixture, detected and forced',
    async () => {
      const all = [
        ...FIXTURES.rss,
        ...FIXTURES.scotusJson,
        ...FIXTURES.pacerDockets,
        ...FIXTURES.acms,
        ...FIXTURES.nef,
        ...FIXTURES.scotusMail,
        ...FIXTURES.courtListener,
      ];
      await fc.assert(
        fc.asyncProperty(mutated(all), (input) => checkParseDocument(materialise(input))),
        { numRuns: RUNS.heavy },
      );
    },
    TIMEOUT_MS,
  );
});

describe('generated documents', () => {
  it(
    'XML-shaped trees, RSS and Atom feeds',
    () => {
      fc.assert(
        fc.property(perhapsMutated(fc.oneof(xmlDocument, rssDocument, atomDocument)), (text) => runChecks(feedChecks, text)),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'HTML-shaped pages: docket reports, supremecourt.gov dockets, press listings, page watches',
    () => {
      fc.assert(
        fc.property(perhapsMutated(fc.oneof(htmlDocument, districtDocket, appellateDocket, scotusHtmlDocket)), (text) =>
          runChecks([...pacerDocketChecks, ...scotusDocketChecks, ...pageChecks, confirmationPageCheck], text),
        ),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'docket JSON: supremecourt.gov and ACMS',
    () => {
      fc.assert(
        fc.property(perhapsMutated(fc.oneof(scotusJsonDocket, acmsDocket)), (text) =>
          runChecks([...scotusDocketChecks, ...pacerDocketChecks], text),
        ),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'CourtListener JSON: docket-entry pages and Docket Alert webhooks',
    () => {
      fc.assert(
        fc.property(perhapsMutated(fc.oneof(clEntriesPage, clWebhook)), (text) => runChecks(courtListenerChecks, text)),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'raw e-mails: headers, encodings, multipart, NEF and supremecourt.gov bodies',
    async () => {
      await fc.assert(
        fc.asyncProperty(perhapsMutated(rawMail), async (raw) => {
          await checkMailParsers(raw);
          await checkAsync(() => parseDocument(raw), documentFormats);
        }),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'decoded messages (what the SMTP listener passes) with any Date',
    () => {
      fc.assert(
        fc.property(decodedMessage, (m) => {
          const { subject, from, body } = m.parts;
          const message = { subject, from, date: m.date, html: body.html ? body.body : null, text: body.html ? m.otherBody : body.body };
          check(() => parseNefMessage(message), ['nef-email']);
          check(() => parseNefMessage(message, { court: 'gud' }), ['nef-email']);
          check(() => parseScotusMessage(message), ['scotus-email']);
        }),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );
});

describe('presets and selectors from a catalogue', () => {
  const selectorish = fc.oneof(
    fc.constantFrom('a', 'h2 a', ':scope', 'div:has(> a)', 'td:nth-child(2)', '[class*="x"]', 'a[href$=".pdf"]', 'time', '*', 'tr td a'),
    fc.constantFrom(
      ':has(',
      '[[',
      'a:nth-child(n+',
      '::before',
      ':unknown-pseudo',
      '>>',
      'a,',
      '',
      ' ',
      '#',
      '.',
      ':not()',
      '*'.repeat(600),
    ),
    anyText,
  );
  const presetObject = fc.record({
    id: mostly(fc.constantFrom('my-preset', 'a1'), anyText),
    name: mostly(fc.constant('Listing'), anyText),
    publisher: mostly(fc.constant('Publisher'), anyText),
    baseUrl: field(urlish),
    listingUrl: field(urlish),
    item: field(selectorish),
    title: field(selectorish),
    link: field(
      fc.oneof(
        selectorish,
        fc.record({ selector: field(selectorish), attr: field(fc.constantFrom('href', 'data-url', '1bad', '', ...PROTOTYPE_NAMES)) }),
      ),
    ),
    date: field(
      fc.oneof(
        selectorish,
        fc.record({
          selector: field(selectorish),
          attr: field(fc.constantFrom('datetime', 'href', ...PROTOTYPE_NAMES)),
          format: field(fc.constantFrom('auto', 'iso', 'rfc822', 'us', 'nope')),
          dayOnly: field(fc.boolean()),
        }),
      ),
    ),
    summary: field(selectorish),
    docketNumber: field(selectorish),
    nextPage: field(selectorish),
    emptyMarker: field(selectorish),
    maxPages: field(mostlyIn(1, 20, -1, 25)),
    articleBody: field(fc.oneof(selectorish, fc.array(field(selectorish), { maxLength: 12 }))),
    /** Rarely: a field presets do not have. */
    unknownField: fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, anyText),
  });
  const listingPage = perhapsMutated(
    fc.oneof(htmlDocument, fc.constant(FIXTURES.pressPages.find((f) => f.name.includes('scotus'))?.text ?? '')),
  );

  it(
    'validatePreset accepts a preset or throws CATALOGUE_INVALID; an accepted preset parses or refuses any page',
    () => {
      fc.assert(
        fc.property(presetObject, listingPage, (object, page) => {
          const validated = attempt(() => validatePreset(JSON.parse(JSON.stringify(object)) as unknown));
          if (!validated.ok) {
            if (validated.error instanceof DocketwatchError && validated.error.code === 'CATALOGUE_INVALID') return;
            throw validated.error;
          }
          runCheck(
            documentCheck('parsePressListing', (t) => parsePressListing(t, validated.value, PAGE_URL), ['press-listing'], true),
            page,
          );
          runCheck(articleCheck(validated.value), page);
        }),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'extractRegion with any selector gives text or a typed error',
    () => {
      fc.assert(
        fc.property(selectorish, htmlDocument, (selector, page) => {
          const region = attempt(() => extractRegion(page, { selector }));
          if (!region.ok) return expectTypedError(region.error, { catalogue: true });
          expectString(region.value, 'region');
          check(() => pageWatchDocument(WATCHED_URL, BASELINE, region.value, selector), ['page-watch']);
        }),
        { numRuns: RUNS.structured },
      );
    },
    TIMEOUT_MS,
  );
});
