/**
 * Shortening text for messages, error context and titles. The ellipsis is added after `max`
 * characters, so a clipped text is `max + 1` characters long; callers with a hard limit pass one less.
 */
export function clip(text: string, max: number): string;
export function clip(text: string | null | undefined, max: number): string | null;
export function clip(text: string | null | undefined, max: number): string | null {
  if (text === null || text === undefined) return null;
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Like clip, but cuts at the last space before `max` when that keeps more than half the text. */
export function clipAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max / 2 ? cut : max)}…`;
}
