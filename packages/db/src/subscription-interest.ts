import type { SubscriptionInterest } from '@docketwatch/core';
import type { Subscription } from './schema';

/** What a stored subscription asks to hear about, for core's `subscriptionWants`: the one mapping. */
export function subscriptionInterest(
  sub: Pick<Subscription, 'matter_id' | 'docket_id' | 'query' | 'classes' | 'source_filter' | 'new_cases'>,
): SubscriptionInterest {
  return {
    matterId: sub.matter_id,
    docketId: sub.docket_id,
    query: sub.query,
    classes: sub.classes,
    sourceFilter: sub.source_filter,
    newCases: sub.new_cases,
  };
}
