import { foldText } from './matching';

/** What a subscriber asked to hear about. */
export interface SubscriptionInterest {
  matterId: number | null;
  docketId: number | null;
  /** Saved-search words (every one must appear), or null. */
  query: string | null;
  /** Classes to include (order, opinion, press…), or null for all. */
  classes: string[] | null;
  sourceFilter: 'all' | 'courts' | 'press';
  /** Also told when a new case is found for the matter; off unless asked for. */
  newCases?: boolean;
}

/** What happened: a docket entry or a press item, in a matter. */
export interface EventFacts {
  matterId: number;
  docketId: number | null;
  source: 'court' | 'press';
  entryClass: string;
  /** Title and text, for saved searches. */
  text: string;
  /** A new case found for the matter (discovery), not an entry. */
  newCase?: boolean;
}

/**
 * Whether a subscription wants an event. A subscription to one docket hears nothing of the
 * matter's press; a saved search without a matter hears from every matter.
 */
export function subscriptionWants(sub: SubscriptionInterest, event: EventFacts): boolean {
  if (sub.matterId !== null && sub.matterId !== event.matterId) return false;
  if (sub.docketId !== null && sub.docketId !== event.docketId) return false;
  if (sub.sourceFilter === 'courts' && event.source !== 'court') return false;
  if (sub.sourceFilter === 'press' && event.source !== 'press') return false;
  // Only those who asked hear of new cases; having asked, no entry-class filter hides them.
  if (event.newCase) return sub.newCases === true && matchesQuery(sub, event);
  if (sub.classes && sub.classes.length > 0 && !sub.classes.includes(event.entryClass)) return false;
  return matchesQuery(sub, event);
}

function matchesQuery(sub: SubscriptionInterest, event: EventFacts): boolean {
  if (!sub.query) return true;
  const haystack = foldText(event.text);
  const words = foldText(sub.query).split(' ').filter(Boolean);
  return words.every((w) => haystack.includes(w));
}
