/**
 * Milliseconds to wait according to a Retry-After header, which is either delay-seconds or an
 * HTTP-date (RFC 9110 §10.2.3). Null when absent or unparseable; a date in the past means 0.
 */
export function retryAfterMs(value: string | undefined, now: Date = new Date()): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only accept something that looks like a date: Date.parse is lenient enough to read "1.5" as one.
  if (!/[a-z]/i.test(trimmed)) return null;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
