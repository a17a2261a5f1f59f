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

/** One line naming the entry: "Order filed" / the first words of its text. */
export function entryTitle(view: AlertView): string {
  const text = view.shortDescription || view.description || 'Docket entry';
  return text.length > 140 ? `${text.slice(0, 137)}…` : text;
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
