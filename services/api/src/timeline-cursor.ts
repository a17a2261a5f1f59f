import type { TimelineCursor } from '@docketwatch/db';

/** Cursors are opaque to clients: the last row's time in microseconds, its kind and id. */
export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.atMicros, cursor.type, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): TimelineCursor | null {
  try {
    const [atMicros, type, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof atMicros !== 'string' || !/^-?\d{1,20}$/.test(atMicros)) return null;
    if (type !== 'entry' && type !== 'item') return null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return null;
    return { atMicros, type, id };
  } catch {
    return null;
  }
}
