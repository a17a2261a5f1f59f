/**
 * Identifiers CM/ECF puts in its feeds: the court (from the host), the docket number (from an
 * item title), the PACER case id (from an item link) and the PACER document id (from a doc1 link).
 * The rules follow juriscraper's PacerRssFeed so our ids match CourtListener's.
 */
import { normaliseDocketNumber } from '@docketwatch/core';

export type CourtKind = 'appellate' | 'bankruptcy' | 'district';

/** CM/ECF court ids: "mdb", "nysd", "ca4", "cadc". */
const COURT_ID = /^[a-z]{2,6}\d{0,2}$/;
const APPELLATE_WITHOUT_NUMBER = new Set(['cadc', 'cafc', 'cavc']);

/**
 * The court a CM/ECF host serves: ecf.mdb.uscourts.gov -> "mdb". Null for any other host,
 * including www.uscourts.gov, whose news feeds are RSS too but not dockets.
 */
export function courtFromUrl(url: string | null): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const labels = host.split('.');
  if (labels.length < 4 || labels.at(-1) !== 'gov' || labels.at(-2) !== 'uscourts') return null;
  const court = labels.at(-3)!;
  return COURT_ID.test(court) ? court : null;
}

/** juriscraper's test: bankruptcy ids end in "b", appellate ones in a circuit number (or are DC/Federal/Veterans). */
export function courtKind(court: string): CourtKind {
  if (court.endsWith('b')) return 'bankruptcy';
  if (/\d$/.test(court) || APPELLATE_WITHOUT_NUMBER.has(court)) return 'appellate';
  return 'district';
}

// juriscraper's docket-number patterns. The district one stops before judge initials
// ("1:17-cv-00554-MKB" -> "1:17-cv-00554"); bankruptcy feeds carry both styles.
const DISTRICT_NUMBER = /(?<!\d)(?:\d{1,2}:)?\d\d-[a-zA-Z]{1,4}-\d{1,10}/;
const BANKRUPTCY_NUMBER = /(?:\d-)?\d\d-\d+/;
const APPELLATE_NUMBER = /\d\d-\d+/;

const NUMBER_PATTERNS: Record<CourtKind, RegExp[]> = {
  district: [DISTRICT_NUMBER],
  bankruptcy: [DISTRICT_NUMBER, BANKRUPTCY_NUMBER],
  appellate: [APPELLATE_NUMBER],
};

/** The canonical docket number an item title starts with, or null when it has none. */
export function docketNumberFromTitle(title: string, kind: CourtKind): string | null {
  for (const pattern of NUMBER_PATTERNS[kind]) {
    const match = pattern.exec(title);
    if (match) return normaliseDocketNumber(match[0]);
  }
  return null;
}

const queryOf = (url: string): string => {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start + 1).split('#')[0]!;
};

/**
 * PACER's internal case id from a district or bankruptcy docket link: "DktRpt.pl?711557" -> "711557",
 * "iquery.pl?625371913403797-L_9999_1-0-663150" -> "663150". Appellate links name the docket
 * number instead ("…&caseNum=20-1140"), so they give null, as in juriscraper.
 */
export function pacerCaseIdFromLink(link: string | null): string | null {
  if (!link) return null;
  const query = queryOf(link);
  if (/^\d+$/.test(query)) return query;
  if (query.includes('-L_')) {
    const last = query.slice(query.lastIndexOf('-') + 1);
    return /^\d+$/.test(last) ? last : null;
  }
  return null;
}

/** Document links: doc1 on district and bankruptcy servers, docs1 on appellate ones. */
export const isDoc1Url = (href: string): boolean => href.includes('/doc1/');
export const isDocs1Url = (href: string): boolean => href.includes('/docs1/');

/**
 * The PACER document id from a doc1/docs1 link, fourth digit forced to 0 as juriscraper does:
 * a 1 there only asks PACER to skip the attachment page, it is the same document.
 */
export function pacerDocIdFromUrl(href: string): string | null {
  const path = href.split(/[?#]/, 1)[0]!;
  const id = path.slice(path.lastIndexOf('/') + 1);
  if (!/^\d{4,}$/.test(id)) return null;
  return `${id.slice(0, 3)}0${id.slice(4)}`;
}
