/**
 * Supreme Court docket numbers as the mails write them: "25-112" in a docket-page URL,
 * "25a561" in a confirmation's subject (the court lower-cases what the subscriber typed).
 */
import { normaliseDocketNumber } from '@docketwatch/core';

/**
 * Term year, docket type ('-' paid petitions, A applications, M motions, O original cases,
 * D disciplinary), sequence. Anchored and without nested quantifiers; inputs are length-capped too.
 */
const SCOTUS_DOCKET = /^(\d{2})\s?([-amod])\s?(\d{1,6})$/i;
const MAX_TOKEN_CHARS = 32;
/** Longer than any real URL; URL parsing of hostile input stays bounded. */
const MAX_URL_CHARS = 4096;

/** The canonical docket number ("25-112", "25A561", "22O135"), or null when `raw` is not one. */
export function scotusDocketNumber(raw: string): string | null {
  const text = raw.trim();
  if (text.length > MAX_TOKEN_CHARS) return null;
  const match = SCOTUS_DOCKET.exec(text);
  if (!match) return null;
  // Upper-case the type letter first: normaliseDocketNumber knows "A" numbers but keeps M/O/D as given.
  return normaliseDocketNumber(`${match[1]}${match[2]!.toUpperCase()}${match[3]}`);
}

/**
 * The docket number a supremecourt.gov docket link names: the file name in its `filename` query
 * parameter (search.aspx?filename=/docket/DocketFiles/html/Public/25-112.html), else in its path,
 * without the extension. juriscraper reads it the same way (Path(filename).stem).
 */
export function docketNumberFromDocketUrl(url: string): string | null {
  if (url.length > MAX_URL_CHARS) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const file = parsed.searchParams.get('filename') ?? parsed.pathname;
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return scotusDocketNumber(dot > 0 ? base.slice(0, dot) : base);
}
