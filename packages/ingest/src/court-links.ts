import { DocketwatchError, type ParsedDocument } from '@docketwatch/core';

/**
 * Whether a document link points at the court's own host: CM/ECF serves a court's documents from
 * `ecf.<court>.uscourts.gov` (its other hosts are under `<court>.uscourts.gov` too), the Supreme Court
 * from supremecourt.gov. The court id is the docket's, so a notice cannot vouch for another host.
 */
export function isCourtsOwnLink(court: string, url: string): boolean {
  let link: URL;
  try {
    link = new URL(url);
  } catch {
    return false;
  }
  if (link.protocol !== 'https:' && link.protocol !== 'http:') return false;
  if (link.username || link.password || link.port) return false;
  const home = court === 'scotus' ? 'supremecourt.gov' : `${court.toLowerCase()}.uscourts.gov`;
  const host = link.hostname.toLowerCase();
  return host === home || host.endsWith(`.${home}`);
}

/** Every document link in a parsed notice that does not point at its docket's court. */
export function foreignLinks(document: ParsedDocument): string[] {
  const links = document.dockets.flatMap((docket) =>
    docket.entries
      .flatMap((entry) => [entry.documentUrl, ...entry.attachments.map((a) => a.documentUrl)])
      .filter((url): url is string => url !== null && !isCourtsOwnLink(docket.court, url)),
  );
  return [...new Set(links)];
}

/** A pushed notice kept but not ingested: it is not shown to be the court's. */
export class NoticeQuarantined extends DocketwatchError {
  constructor(reason: string) {
    super('NOTICE_QUARANTINED', reason, { retryable: false });
    this.name = 'NoticeQuarantined';
  }
}

/**
 * Refuses a notice whose links lead away from the court. The whole notice is quarantined rather than
 * the link dropped: a notice that sends readers elsewhere is not the court's, whatever else it says.
 */
export function refuseForeignLinks(document: ParsedDocument): void {
  const foreign = foreignLinks(document);
  if (foreign.length > 0) {
    throw new NoticeQuarantined(`document links outside the court's own host: ${foreign.slice(0, 3).join(', ')}`);
  }
}
