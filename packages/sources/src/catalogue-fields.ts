/** Field types the kinds' catalogue entries share. */
import { z } from 'zod';
import { PUSHED_INTERVAL_SECONDS, type CatalogueSourceRow } from './source-kind';

/** "90s", "5m", "1h", or a number of seconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+)\s*(s|m|h)?\s*$/i.exec(value);
  if (!m) throw new Error(`not a duration: "${value}" (use 90s, 5m or 1h)`);
  const unit = (m[2] ?? 's').toLowerCase();
  return Number(m[1]) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
}

const duration = z.union([z.string(), z.number().int().positive()]).transform((v, ctx) => {
  try {
    const seconds = parseDuration(v);
    if (seconds < 1) throw new Error('must be at least 1s');
    // A week at most: longer is a typo, and timers and integer columns have limits.
    if (!Number.isSafeInteger(seconds) || seconds > 7 * 86400) throw new Error('must be at most 7 days (168h)');
    return seconds;
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

/** How often to check, in seconds, defaulting to the kind's own interval. */
export const every = (defaultSeconds: number) => duration.default(defaultSeconds);

export const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const courtId = z.string().regex(/^[a-z0-9]{2,10}$/, 'a court id such as mdd, ca4 or scotus');

export const sourceName = z.string().min(1);

/** A mailbox source is its address; pushed sources keep a nominal daily interval. */
export function mailboxSource(address: string, name: string | undefined, what: string): CatalogueSourceRow {
  const lower = address.toLowerCase();
  return { name: name ?? `${what} to ${lower}`, address: `mailto:${lower}`, intervalSeconds: PUSHED_INTERVAL_SECONDS };
}
