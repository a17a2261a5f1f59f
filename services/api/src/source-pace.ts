import { countEnabledSources, type Source } from '@docketwatch/db';
import { effectiveIntervalSeconds, FREE_ACCOUNT_LIMITS } from '@docketwatch/sources';
import type { ApiDeps } from './api-deps';

/** A source's effective interval in seconds. */
export type Pace = (s: Source) => number;

/** Each source's effective interval: CourtListener sources share the account's one request budget. */
export async function paceOf(deps: ApiDeps): Promise<Pace> {
  const sharing = await countEnabledSources(deps.db, 'courtlistener');
  const limits = deps.courtListenerLimits ?? FREE_ACCOUNT_LIMITS;
  return (s) => effectiveIntervalSeconds(s, { limits, sources: sharing });
}

/** "every 15 min", "every 1.9 h": an interval as a person reads it. */
export function everyText(seconds: number): string {
  if (seconds < 120) return `every ${Math.round(seconds)} s`;
  if (seconds < 7200) return `every ${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `every ${(seconds / 3600).toFixed(1).replace(/\.0$/, '')} h`;
  return `every ${(seconds / 86_400).toFixed(1).replace(/\.0$/, '')} days`;
}
