import { escapeHtml, escapeSlack, safeHref } from '@docketwatch/core';
import { entryTitle, formatFiledAt, type AlertView } from './alert-view';
import { renderEntryEmail, type RenderedEmail } from './render-email';
import { renderEntrySlack, type SlackMessage } from './render-slack';

/** Block Kit allows 50 blocks; a burst beyond this many entries ends with a link to the timeline. */
const MAX_SLACK_ENTRIES = 20;

function where(view: AlertView): string {
  if (view.source === 'press') return view.courtName;
  return `${view.courtName} ${view.docketNumber}${view.entryNumber ? ` #${view.entryNumber}` : ''}`;
}

/** The footer every alert e-mail carries: why it came, and how to stop it in one click. */
export function withUnsubscribe(email: RenderedEmail, unsubscribeUrl: string | null): RenderedEmail {
  if (!unsubscribeUrl) return email;
  const note = 'You receive this because you follow this matter on docketwatch.';
  return {
    subject: email.subject,
    text: `${email.text}\n\n--\n${note}\nUnsubscribe: ${unsubscribeUrl}\n`,
    html: email.html.replace(
      '</body></html>',
      `<hr style="border:none;border-top:1px solid #ddd"><p style="color:#777;font-size:12px">${escapeHtml(note)} <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p></body></html>`,
    ),
  };
}

/**
 * One e-mail for a burst of entries in one matter (a subscriber gets one message, not twenty).
 * A single entry gets the ordinary alert.
 */
export function renderBatchEmail(views: AlertView[], options: { timeZone?: string } = {}): RenderedEmail {
  const [first] = views;
  if (!first) throw new Error('renderBatchEmail needs at least one entry');
  if (views.length === 1) return renderEntryEmail(first, options);
  const matters = [...new Set(views.map((v) => v.matterName))];
  const subject = `[${matters.join(', ')}] ${views.length} new entries: ${entryTitle(first)}`.replace(/[\r\n]+/g, ' ').slice(0, 200);
  const lines = views.map((v) => {
    const doc = safeHref(v.documentUrl);
    return [
      `- ${entryTitle(v)}${v.kind === 'updated' ? ' (updated)' : ''}`,
      `  ${where(v)} · ${formatFiledAt(v.filedAt, options.timeZone)}`,
      doc ? `  ${doc}` : null,
    ]
      .filter(Boolean)
      .join('\n');
  });
  const text = `${views.length} new entries\n\n${lines.join('\n\n')}\n\nTimeline: ${first.matterUrl}`;
  const rows = views
    .map((v) => {
      const doc = safeHref(v.documentUrl);
      const title = escapeHtml(entryTitle(v)) + (v.kind === 'updated' ? ' <em>(updated)</em>' : '');
      return `<li style="margin-bottom:10px">${doc ? `<a href="${escapeHtml(doc)}">${title}</a>` : title}<br><span style="color:#555;font-size:13px">${escapeHtml(where(v))} &middot; ${escapeHtml(formatFiledAt(v.filedAt, options.timeZone))} &middot; ${escapeHtml(v.entryClass)}</span></li>`;
    })
    .join('\n');
  const html = `<!doctype html>
<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:640px">
<p style="color:#555;margin:0 0 4px">${escapeHtml(matters.join(', '))}</p>
<h2 style="margin:0 0 12px;font-size:20px">${views.length} new entries</h2>
<ul style="padding-left:18px">${rows}</ul>
<p><a href="${escapeHtml(first.matterUrl)}">See the whole timeline</a></p>
</body></html>`;
  return { subject, text, html };
}

/** One Slack message for a burst, within Block Kit's limits. */
export function renderBatchSlack(views: AlertView[], options: { timeZone?: string } = {}): SlackMessage {
  const [first] = views;
  if (!first) throw new Error('renderBatchSlack needs at least one entry');
  if (views.length === 1) return renderEntrySlack(first, options);
  const shown = views.slice(0, MAX_SLACK_ENTRIES);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: `${first.matterName}: ${views.length} new entries`.slice(0, 150) } },
    ...shown.map((v) => {
      const doc = safeHref(v.documentUrl);
      const title = escapeSlack(entryTitle(v));
      return {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `${doc ? `<${doc}|${title}>` : `*${title}*`}\n${escapeSlack(where(v))} · ${escapeSlack(formatFiledAt(v.filedAt, options.timeZone))}`.slice(
            0,
            3000,
          ),
        },
      };
    }),
  ];
  const more = views.length - shown.length;
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${more > 0 ? `and ${more} more · ` : ''}<${first.matterUrl}|Timeline>` }],
  });
  return { text: `${first.matterName}: ${views.length} new entries`, blocks };
}
