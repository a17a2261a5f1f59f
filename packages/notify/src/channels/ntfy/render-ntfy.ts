import { clip, safeHref } from '@docketwatch/core';
import { entryPlace, entryTitle, formatFiledAt, type AlertView } from '../../alert-view';

/** Entries one push carries: a phone shows a few lines; more is several pushes. */
export const NTFY_ENTRIES_PER_MESSAGE = 5;
/** ntfy turns a longer message into an attachment (or refuses it), so stay under its 4096 bytes. */
const MAX_MESSAGE_BYTES = 4000;

/** ntfy's JSON publishing body (POST to the server root). */
export interface NtfyMessage {
  topic: string;
  title: string;
  message: string;
  tags: string[];
  priority: 3 | 4;
  click: string;
  actions: { action: 'view'; label: string; url: string }[];
}

/** ntfy's topic names: letters, digits, `_` and `-`, at most 64. */
const TOPIC = /^[A-Za-z0-9_-]{1,64}$/;

/** Where to publish for a topic URL such as https://ntfy.sh/court-alerts: the server root, and the topic. */
export function ntfyEndpoint(topicUrl: string): { publishUrl: string; topic: string } {
  const url = new URL(topicUrl);
  const segments = url.pathname.split('/').filter(Boolean);
  const topic = segments.pop() ?? '';
  if (!TOPIC.test(topic)) throw new RangeError('an ntfy topic URL ends in the topic name (letters, digits, _ and -)');
  url.pathname = `/${segments.map((s) => `${s}/`).join('')}`;
  return { publishUrl: url.toString(), topic };
}

function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text) <= max) return text;
  let cut = text.slice(0, max);
  while (Buffer.byteLength(cut) > max - 3) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * A push for one entry or a burst. Plain text (markdown off), so nothing in a filing is read as
 * formatting; orders and opinions ring at high priority.
 */
export function renderNtfyMessage(topic: string, views: AlertView[], options: { timeZone?: string } = {}): NtfyMessage {
  const [first] = views;
  if (!first) throw new Error('renderNtfyMessage needs at least one entry');
  if (views.length > NTFY_ENTRIES_PER_MESSAGE) throw new RangeError(`an ntfy push carries at most ${NTFY_ENTRIES_PER_MESSAGE} entries`);
  const lone = views.length === 1;
  const line = (v: AlertView) =>
    `${entryTitle(v)}${v.kind === 'updated' ? ' (updated)' : ''}\n${entryPlace(v)} · ${formatFiledAt(v.filedAt, options.timeZone)}`;
  const body = lone ? `${line(first)}\n\n${first.description}` : views.map(line).join('\n\n');
  const doc = lone ? safeHref(first.documentUrl) : null;
  const urgent = views.some((v) => v.entryClass === 'order' || v.entryClass === 'opinion' || v.entryClass === 'judgment');
  return {
    topic,
    title: clip(lone ? first.matterName : `${first.matterName}: ${views.length} new entries`, 250),
    message: truncateBytes(body, MAX_MESSAGE_BYTES),
    tags: ['scales'],
    priority: urgent ? 4 : 3,
    click: doc ?? first.matterUrl,
    actions: [
      ...(doc ? [{ action: 'view' as const, label: 'Document', url: doc }] : []),
      { action: 'view' as const, label: 'Timeline', url: first.matterUrl },
    ],
  };
}
