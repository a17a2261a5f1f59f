import { clip, safeHref } from '@docketwatch/core';
import { entryPlace, entryTitle, formatFiledAt, type AlertView } from '../../alert-view';

/** Discord takes at most 10 embeds a message. */
export const DISCORD_ENTRIES_PER_MESSAGE = 10;
/** Documented limits: all embeds of a message together hold at most 6000 characters. */
const LIMITS = { title: 256, description: 4096, footer: 2048, total: 6000 } as const;

export interface DiscordEmbed {
  title: string;
  url?: string;
  description: string;
  timestamp?: string;
  footer: { text: string };
}

export interface DiscordMessage {
  content: string;
  embeds: DiscordEmbed[];
  /** Nobody is pinged, whatever a filing's text says (@everyone, <@id>). */
  allowed_mentions: { parse: [] };
}

/** Scraped text is literal: Discord's Markdown characters and masked links are escaped. */
export function escapeDiscord(text: string): string {
  return text.replace(/[\\*_~`|>#\-[\]()<@:]/g, '\\$&');
}

function embedOf(view: AlertView, timeZone: string | undefined, descriptionChars: number): DiscordEmbed {
  const doc = safeHref(view.documentUrl);
  const hasTime = view.filedAt.includes('T') && !Number.isNaN(Date.parse(view.filedAt));
  return {
    // Titles are plain text in Discord (no Markdown), so they need no escaping.
    title: clip(`${entryTitle(view)}${view.kind === 'updated' ? ' (updated)' : ''}`, LIMITS.title - 1),
    ...(doc ? { url: doc } : {}),
    description: descriptionChars > 0 ? clip(escapeDiscord(view.description || view.shortDescription), descriptionChars - 1) : '',
    ...(hasTime ? { timestamp: new Date(view.filedAt).toISOString() } : {}),
    footer: { text: clip(`${entryPlace(view)} · ${formatFiledAt(view.filedAt, timeZone)} · ${view.entryClass}`, 200) },
  };
}

function characters(embeds: DiscordEmbed[]): number {
  return embeds.reduce((n, e) => n + e.title.length + e.description.length + e.footer.text.length, 0);
}

/**
 * A webhook message with one embed per entry (at most 10), shortened until every documented limit
 * holds, the 6000-character total included.
 */
export function renderDiscordMessage(views: AlertView[], options: { timeZone?: string } = {}): DiscordMessage {
  const [first] = views;
  if (!first) throw new Error('renderDiscordMessage needs at least one entry');
  if (views.length > DISCORD_ENTRIES_PER_MESSAGE)
    throw new RangeError(`a Discord message carries at most ${DISCORD_ENTRIES_PER_MESSAGE} embeds`);
  let embeds: DiscordEmbed[] = [];
  for (const chars of [LIMITS.description, 1000, 400, 150, 0]) {
    embeds = views.map((v) => embedOf(v, options.timeZone, chars));
    if (characters(embeds) <= LIMITS.total) break;
  }
  const heading = views.length === 1 ? first.matterName : `${first.matterName}: ${views.length} new entries`;
  return {
    content: clip(`**${escapeDiscord(heading)}** · <${first.matterUrl}>`, 2000 - 1),
    embeds,
    allowed_mentions: { parse: [] },
  };
}
