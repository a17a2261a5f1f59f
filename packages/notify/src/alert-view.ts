import { clip, courtName } from '@docketwatch/core';

/** Everything a channel needs to say about one entry, already resolved from the database. */
export interface AlertView {
  kind: 'new' | 'updated';
  /** A court's docket entry, or a press release / statement attached to the matter. */
  source: 'court' | 'press';
  /** The entry's class (order, opinion, routine…) or 'press'. */
  entryClass: string;
  matterName: string;
  matterUrl: string;
  court: string;
  courtName: string;
  docketNumber: string;
  caseName: string;
  entryNumber: string | null;
  /** ISO date or date-time as the court gave it. */
  filedAt: string;
  shortDescription: string;
  description: string;
  documentUrl: string | null;
  /** For press items: who published it ("U.S. Department of Justice"). */
  publisher?: string | null;
}

/** One line naming the entry: "Order filed" / the first words of its text, at most 140 characters. */
export function entryTitle(view: AlertView): string {
  const text = view.shortDescription || view.description || 'Docket entry';
  return clip(text, 139);
}

/**
 * The entry's text that its one-line title leaves out, whole: legal text is never cut, and a mail of
 * 50 entries is still far from any size limit. Null when the title says it all.
 */
export function entryFullText(view: AlertView): string | null {
  const headline = view.shortDescription || view.description;
  const parts = [
    entryTitle(view) !== headline ? headline : null,
    view.shortDescription && view.description && view.description !== view.shortDescription ? view.description : null,
  ].filter((part): part is string => part !== null && part.length > 0);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

/** Where an entry stands: "D. Md. 8:25-cv-00951 #95", or a press item's publisher. */
export function entryPlace(view: AlertView): string {
  if (view.source === 'press') return view.courtName;
  return `${view.courtName} ${view.docketNumber}${view.entryNumber ? ` #${view.entryNumber}` : ''}`;
}

/** "Apr 7, 2025, 2:05 PM EDT" in the reader's zone when the court gave a time; "Apr 7, 2025" otherwise. */
export function formatFiledAt(filedAt: string, timeZone = 'America/New_York'): string {
  const hasTime = filedAt.includes('T');
  const date = new Date(hasTime ? filedAt : `${filedAt}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return filedAt;
  return new Intl.DateTimeFormat('en-US', {
    timeZone: hasTime ? timeZone : 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(hasTime ? { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } : {}),
  }).format(date);
}

/** A docket entry or press item as the database gives it to alerts, feeds and digests alike. */
export type AlertSubject =
  | {
      type: 'entry';
      court: string;
      docketNumber: string;
      caseName: string;
      entryNumber: string | null;
      filedAt: string;
      class: string;
      shortDescription: string;
      description: string;
      documentUrl: string | null;
    }
  | {
      type: 'item';
      url: string;
      title: string;
      publisher: string | null;
      publishedAt: string | null;
      firstSeenAt: Date;
      summary: string;
      /** The item's full text, when loaded: stands in for a missing summary. */
      text?: string;
    };

/** A matter's public timeline page. */
export function matterPageUrl(publicUrl: string, slug: string): string {
  return `${publicUrl}/matters/${encodeURIComponent(slug)}`;
}

/** The one way an entry or item becomes an AlertView, for every channel, feed and digest. */
export function alertViewOf(subject: AlertSubject, matter: { name: string; url: string }, kind: AlertView['kind'] = 'new'): AlertView {
  const common = { kind, matterName: matter.name, matterUrl: matter.url };
  if (subject.type === 'item') {
    return {
      ...common,
      source: 'press',
      entryClass: 'press',
      court: 'press',
      courtName: subject.publisher ?? new URL(subject.url).hostname,
      docketNumber: '',
      caseName: subject.title,
      entryNumber: null,
      filedAt: subject.publishedAt ?? subject.firstSeenAt.toISOString(),
      shortDescription: subject.title,
      description: subject.summary || (subject.text ?? '').slice(0, 600),
      documentUrl: subject.url,
      publisher: subject.publisher,
    };
  }
  return {
    ...common,
    source: 'court',
    entryClass: subject.class,
    court: subject.court,
    courtName: courtName(subject.court),
    docketNumber: subject.docketNumber,
    caseName: subject.caseName,
    entryNumber: subject.entryNumber,
    filedAt: subject.filedAt,
    shortDescription: subject.shortDescription,
    description: subject.description,
    documentUrl: subject.documentUrl,
  };
}
