import { isDocketwatchError } from '@docketwatch/core';
import { heldDatabaseAdvice } from './cli-database';

/** An error as one line: its stable code and the first line of its message. */
export function describeError(err: unknown): string {
  const held = heldDatabaseAdvice(err);
  if (held) return held;
  const text = err instanceof Error ? err.message : String(err);
  return isDocketwatchError(err) ? `${err.code}: ${text.split('\n')[0]}` : text;
}
