import { entryTitle, formatFiledAt, type AlertView } from './alert-view';
import { escapeSlack, safeHref } from '@docketwatch/core';

/** Block Kit limits: a section's text is at most 3000 characters. */
const MAX_SECTION = 3000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

/** A Block Kit message for one entry: title, court, docket, date, and links. */
export function renderEntrySlack(view: AlertView, options: { timeZone?: string } = {}): SlackMessage {
  const title = entryTitle(view);
  const when = formatFiledAt(view.filedAt, options.timeZone);
  const doc = safeHref(view.documentUrl);
  const number = view.entryNumber ? ` · entry ${escapeSlack(view.entryNumber)}` : '';
  const updated = view.kind === 'updated' ? ' (updated)' : '';
  const links = [doc ? `<${doc}|Document>` : null, `<${view.matterUrl}|Timeline>`].filter(Boolean).join(' · ');
  return {
    text: clip(`${view.matterName}: ${title}${updated} (${view.courtName} ${view.docketNumber})`, MAX_SECTION),
    blocks: [
      {
        type: 'section',
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
