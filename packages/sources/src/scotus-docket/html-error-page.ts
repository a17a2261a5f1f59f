/**
 * Recognises the pages supremecourt.gov serves instead of a docket, so callers get
 * PARSE_ERROR_PAGE rather than "unrecognised" (or worse, an empty docket).
 *
 * - An unknown docket number: HTTP 200 with an HTML page whose #pagetitle reads
 *   "ERROR: File or directory not found." (juriscraper's scotus clients.py checks the same element).
 * - Rate limiting: Akamai's "Access Denied" page.
 * - Server faults: ASP.NET's "Runtime Error" / "Server Error in '/' Application." pages.
 */
import type { CheerioAPI } from 'cheerio';

/** Only ever read a heading's first few hundred characters; an error page's are short. */
const MAX_HEADING_CHARS = 300;

const ERROR_HEADING = /access denied|not found|runtime error|server error|service unavailable|bad request/i;

function headingText($: CheerioAPI, selector: string): string {
  return $(selector).first().text().slice(0, MAX_HEADING_CHARS).replace(/\s+/g, ' ').trim();
}

/** The error the page reports (e.g. "ERROR: File or directory not found."), or null when it is no error page. */
export function describeHtmlError($: CheerioAPI): string | null {
  const pageTitle = headingText($, '#pagetitle');
  if (/\berror\b/i.test(pageTitle)) return pageTitle;
  for (const selector of ['title', 'h1', 'h2']) {
    const text = headingText($, selector);
    if (ERROR_HEADING.test(text)) return text;
  }
  return null;
}
