import { clip, escapeSlack, safeHref } from '@docketwatch/core';
import { entryPlace, entryTitle, formatFiledAt, type AlertView } from '../../alert-view';

/** Block Kit: a section's text is at most 3000 characters, a header's 150 (clip's ellipsis is the last). */
const MAX_SECTION = 3000 - 1;
const MAX_HEADER = 150 - 1;
/**
 * Entries one message carries: a header, one section each and a closing context stay well inside
 * Block Kit's 50 blocks. A larger burst goes out as several messages, so no entry is left out.
 */
export const SLACK_ENTRIES_PER_MESSAGE = 20;

export interface SlackMessage {
  /** The notification and fallback text: mrkdwn too, so it is escaped like the blocks. */
  text: string;
  blocks: unknown[];
}

export interface SlackRenderOptions {
  timeZone?: string;
  /** Set as the first block's block_id, so a receiver can tell a repeated message (see repeatKeyOf). */
  repeatKey?: string;
}

function blockId(options: SlackRenderOptions): { block_id?: string } {
  return options.repeatKey ? { block_id: options.repeatKey } : {};
}

/**
 * `<url|text>` with the URL unable to break out: `|` and `>` in it would end the URL or start the
 * text, so they are percent-encoded (safeHref has already dropped anything but http(s)).
 */
export function slackLink(url: string, text: string): string {
  return `<${url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C')}|${escapeSlack(text)}>`;
}

/** A Block Kit message for one entry: title, court, docket, date, and links. */
export function renderEntrySlack(view: AlertView, options: SlackRenderOptions = {}): SlackMessage {
  const title = entryTitle(view);
  const when = formatFiledAt(view.filedAt, options.timeZone);
  const doc = safeHref(view.documentUrl);
  const number = view.entryNumber ? ` · entry ${escapeSlack(view.entryNumber)}` : '';
  const updated = view.kind === 'updated' ? ' (updated)' : '';
  const links = [doc ? slackLink(doc, 'Document') : null, slackLink(view.matterUrl, 'Timeline')].filter(Boolean).join(' · ');
  return {
    text: clip(escapeSlack(`${view.matterName}: ${title}${updated} (${view.courtName} ${view.docketNumber})`), MAX_SECTION),
    blocks: [
      {
        type: 'section',
        ...blockId(options),
        text: { type: 'mrkdwn', text: clip(`*${escapeSlack(title)}*${updated}\n${escapeSlack(view.description || '')}`, MAX_SECTION) },
      },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: clip(
              `${escapeSlack(view.matterName)} · ${escapeSlack(view.courtName)} ${escapeSlack(view.docketNumber)}${number} · ${escapeSlack(when)} · ${links}`,
              MAX_SECTION,
            ),
          },
        ],
      },
    ],
  };
}

/** One Slack message for a burst of at most SLACK_ENTRIES_PER_MESSAGE entries, every one of them shown. */
export function renderBurstSlack(views: AlertView[], options: SlackRenderOptions = {}): SlackMessage {
  const [first] = views;
  if (!first) throw new Error('renderBurstSlack needs at least one entry');
  if (views.length > SLACK_ENTRIES_PER_MESSAGE)
    throw new RangeError(`a Slack message carries at most ${SLACK_ENTRIES_PER_MESSAGE} entries`);
  if (views.length === 1) return renderEntrySlack(first, options);
  const heading = `${first.matterName}: ${views.length} new entries`;
  const sections = views.map((v) => {
    const doc = safeHref(v.documentUrl);
    const title = entryTitle(v);
    const line = doc ? slackLink(doc, title) : `*${escapeSlack(title)}*`;
    const place = `${escapeSlack(entryPlace(v))} · ${escapeSlack(formatFiledAt(v.filedAt, options.timeZone))}`;
    return { type: 'section', text: { type: 'mrkdwn', text: clip(`${line}\n${place}`, MAX_SECTION) } };
  });
  return {
    text: clip(escapeSlack(heading), MAX_SECTION),
    blocks: [
      { type: 'header', ...blockId(options), text: { type: 'plain_text', text: clip(heading, MAX_HEADER) } },
      ...sections,
      { type: 'context', elements: [{ type: 'mrkdwn', text: slackLink(first.matterUrl, 'Timeline') }] },
    ],
  };
}
