import { escapeHtml, safeHref } from '@docketwatch/core';
import { entryFullText, entryPlace, entryTitle, formatFiledAt, type AlertView } from '../../alert-view';
import { renderEntryEmail, type RenderedEmail } from './render-email';

/** The footer every alert e-mail carries: why it came, where to change it, and how to stop it in one click. */
export function withUnsubscribe(email: RenderedEmail, unsubscribeUrl: string | null, manageUrl: string | null = null): RenderedEmail {
  if (!unsubscribeUrl) return email;
  const note = 'You receive this because you follow this matter on docketwatch.';
  const manageText = manageUrl ? `Manage your alerts: ${manageUrl}\n` : '';
  const manageHtml = manageUrl ? ` <a href="${escapeHtml(manageUrl)}">Manage your alerts</a> &middot;` : '';
  return {
    subject: email.subject,
    text: `${email.text}\n\n--\n${note}\n${manageText}Unsubscribe: ${unsubscribeUrl}\n`,
    html: email.html.replace(
      '</body></html>',
      `<hr style="border:none;border-top:1px solid #ddd"><p style="color:#777;font-size:12px">${escapeHtml(note)}${manageHtml} <a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe</a></p></body></html>`,
    ),
  };
}

/**
 * One e-mail for a burst of entries in one matter (a subscriber gets one message, not twenty).
 * A single entry gets the ordinary alert.
 */
export function renderBurstEmail(views: AlertView[], options: { timeZone?: string } = {}): RenderedEmail {
  const [first] = views;
  if (!first) throw new Error('renderBurstEmail needs at least one entry');
  if (views.length === 1) return renderEntryEmail(first, options);
  const matters = [...new Set(views.map((v) => v.matterName))];
  const subject = `[${matters.join(', ')}] ${views.length} new entries: ${entryTitle(first)}`.replace(/[\r\n]+/g, ' ').slice(0, 200);
  const lines = views.map((v) => {
    const doc = safeHref(v.documentUrl);
    const body = entryFullText(v);
    return [
      `- ${entryTitle(v)}${v.kind === 'updated' ? ' (updated)' : ''}`,
      `  ${entryPlace(v)} · ${formatFiledAt(v.filedAt, options.timeZone)}`,
      body ? `  ${body.replace(/\n/g, '\n  ')}` : null,
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
      const body = entryFullText(v);
      const fullText = body ? `<div style="white-space:pre-wrap;font-size:14px;margin-top:4px">${escapeHtml(body)}</div>` : '';
      return `<li style="margin-bottom:10px">${doc ? `<a href="${escapeHtml(doc)}">${title}</a>` : title}<br><span style="color:#555;font-size:13px">${escapeHtml(entryPlace(v))} &middot; ${escapeHtml(formatFiledAt(v.filedAt, options.timeZone))} &middot; ${escapeHtml(v.entryClass)}</span>${fullText}</li>`;
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
