/**
 * The page file.supremecourt.gov serves when a subscriber follows a confirmation link.
 *
 * The page carries every outcome's message, each in a hidden div (#divOk, #divLinkExpired, …), and
 * a server-written script picks one with an if/else-if chain whose conditions are the literals
 * true/false:
 *
 *     if (false) { $('#divLinkExpired').show(); $('#divOk').hide(); … }
 *     else if (true) { $('#divLinkExpired').hide(); $('#divOk').show(); … }
 *     …
 *     else { …; $('#divNoVerifyString').show(); }
 *
 * We read the chain as the browser would run it: the first branch whose condition is `true`, else
 * the final `else`, and take the div that branch shows. juriscraper (_SCOTUSConfirmationPageScraper)
 * does the same with one regex; where it differs we say so below.
 */
import type { CheerioAPI } from 'cheerio';
import { loadHtml } from '../html-load';
import type { Element } from 'domhandler';
import { ParseError } from '@docketwatch/core';
import { visibleText } from '../scotus-docket/dom-text';
import { isElement } from '../html-text';
import { htmlComplexityProblem } from '../scotus-docket/html-complexity';
import { describeHtmlError } from '../scotus-docket/html-error-page';
import { firstSignificantChar } from '../scotus-docket/scotus-common';
import { scotusDocketNumber } from './docket-token';
import { collapseWhitespace } from '../html-text';

/** juriscraper's SCOTUSConfirmationResult values, so results compare with its fixtures. */
export type ScotusConfirmationStatus =
  'success' | 'link_expired' | 'not_found' | 'duplicate' | 'bad_request' | 'failed' | 'no_verify' | 'unknown';

export interface ScotusConfirmationPage {
  /** True only when the court says the subscription is verified. */
  confirmed: boolean;
  status: ScotusConfirmationStatus;
  /** The docket the page names ("25A561"); null when it names none. */
  docketNumber: string | null;
  /** The court's message for the outcome, headings left out ("You did not verify the information in time. …"); '' when unknown. */
  message: string;
}

const WHAT = 'SCOTUS confirmation page';

/** The real page is about 14 KB; anything this size is not it. */
export const MAX_PAGE_CHARS = 2 * 1024 * 1024;
/** The deciding script is about 3 KB; only this much of any script is examined. */
const MAX_SCRIPT_CHARS = 256 * 1024;

/**
 * Status divs by id, lower-cased. juriscraper maps "divNoVerifyString" via "noverifymessage" and
 * so reports that outcome as "unknown"; we report it as "no_verify", which is what the div says.
 */
const STATUS_BY_DIV = new Map<string, ScotusConfirmationStatus>([
  ['divok', 'success'],
  ['divlinkexpired', 'link_expired'],
  ['divnotfound', 'not_found'],
  ['divduplicate', 'duplicate'],
  ['divbadrequest', 'bad_request'],
  ['divfail', 'failed'],
  ['divnoverifystring', 'no_verify'],
  ['divnoverifymessage', 'no_verify'],
]);

/** `if (true) {`, `else if (false) {`, `else {`: literal conditions only, as the server writes them. */
const BRANCH_HEADER = /\b(else\s+)?if\s*\(\s*(true|false)\s*\)\s*\{|\belse\s*\{/g;
const SHOW_CALL = /\$\(\s*['"]#([\w-]+)['"]\s*\)\s*\.\s*show\s*\(/;
/** "…re-submit your request for case 25a561." (in the failure message, present on every outcome's page). */
const FOR_CASE = /\bfor\s+case\s+(\d{2}[-a-z]\d{1,6})\b/i;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Drops comments, so commented-out code cannot pose as a branch (the page ends with a commented
 * `//if (true) {`). Line comments only when the whole line is one: a `//` inside a string ("https://")
 * must not cut the line. Block comments by indexOf, never a lazy regex that rescans on each unclosed one.
 */
function stripComments(code: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = code.indexOf('/*', from);
    if (open === -1) break;
    out += code.slice(from, open);
    const close = code.indexOf('*/', open + 2);
    from = close === -1 ? code.length : close + 2;
  }
  out += code.slice(from);
  return out
    .split('\n')
    .map((line) => (line.trimStart().startsWith('//') ? '' : line))
    .join('\n');
}

interface Branch {
  condition: 'true' | 'false' | 'else';
  body: string;
}

/** The branches of the first if/else-if/else chain in `code`. Branch bodies are flat statement lists (no braces). */
function firstChain(code: string): Branch[] {
  const branches: Branch[] = [];
  for (const match of code.matchAll(BRANCH_HEADER)) {
    const condition = (match[2] as 'true' | 'false' | undefined) ?? 'else';
    const continues = match[1] !== undefined || condition === 'else';
    if (branches.length === 0 && continues) continue;
    if (branches.length > 0 && !continues) break;
    const start = match.index + match[0].length;
    const end = code.indexOf('}', start);
    branches.push({ condition, body: code.slice(start, end === -1 ? code.length : end) });
    if (condition === 'else') break;
  }
  return branches;
}

/** The id of the div the page's script shows, or null when no script decides. */
function shownByScript($: CheerioAPI): string | null {
  for (const script of $('script:not([src])').toArray()) {
    const code = $(script).text().slice(0, MAX_SCRIPT_CHARS);
    if (!SHOW_CALL.test(code)) continue;
    const branches = firstChain(stripComments(code));
    const taken = branches.find((b) => b.condition === 'true') ?? branches.find((b) => b.condition === 'else');
    const shown = taken ? SHOW_CALL.exec(taken.body)?.[1] : undefined;
    if (shown) return shown;
  }
  return null;
}

/** Without a deciding script, the one status div not hidden by its style (a server-rendered outcome). */
function shownByStyle(statusDivs: Element[]): string | null {
  const visible = statusDivs.filter((div) => !/display\s*:\s*none/i.test(div.attribs['style'] ?? ''));
  return visible.length === 1 ? visible[0]!.attribs['id']! : null;
}

/** The outcome's message: the div's text without its heading ("There was an ERROR …" / "Verification Complete"). */
function messageOf(div: Element | undefined): string {
  if (!div) return '';
  const parts = div.children.filter((child) => !(isElement(child) && HEADINGS.has(child.name))).map((child) => visibleText(child));
  return collapseWhitespace(parts.join(' '));
}

function assertPageText(html: unknown): asserts html is string {
  if (typeof html !== 'string') throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: expected text, got ${typeof html}`);
  if (firstSignificantChar(html) === '') throw new ParseError('PARSE_EMPTY', `${WHAT}: the page is empty`);
  if (html.length > MAX_PAGE_CHARS) {
    throw new ParseError('PARSE_MALFORMED', `${WHAT}: too large to be a confirmation page`, { length: html.length, limit: MAX_PAGE_CHARS });
  }
  const complexity = htmlComplexityProblem(html);
  if (complexity) throw new ParseError('PARSE_MALFORMED', `${WHAT}: too complex to be a confirmation page: ${complexity}`);
}

/**
 * Reads the outcome of following a confirmation link. Throws PARSE_ERROR_PAGE for the site's error
 * pages and PARSE_UNRECOGNISED for any other page. A confirmation page whose outcome cannot be
 * told is status 'unknown' (not confirmed), not an error: the caller can retry or report it.
 */
export function parseScotusConfirmationPage(html: string): ScotusConfirmationPage {
  assertPageText(html);
  const $ = loadHtml(html);
  const statusDivs = $('div[id]')
    .toArray()
    .filter((div) => STATUS_BY_DIV.has(div.attribs['id']!.toLowerCase()));
  if (statusDivs.length === 0) {
    const errorPage = describeHtmlError($);
    if (errorPage) throw new ParseError('PARSE_ERROR_PAGE', `${WHAT}: supremecourt.gov returned an error page`, { errorPage });
    throw new ParseError('PARSE_UNRECOGNISED', `${WHAT}: not a supremecourt.gov subscription confirmation page`);
  }

  const shownId = shownByScript($) ?? shownByStyle(statusDivs);
  const status = (shownId && STATUS_BY_DIV.get(shownId.toLowerCase())) || 'unknown';
  const shownDiv = shownId ? statusDivs.find((div) => div.attribs['id'] === shownId) : undefined;
  const pageText = visibleText($('body').get(0) ?? $.root().get(0));
  return {
    confirmed: status === 'success',
    status,
    docketNumber: scotusDocketNumber(FOR_CASE.exec(pageText)?.[1] ?? ''),
    message: status === 'unknown' ? '' : messageOf(shownDiv),
  };
}
