import { escapeHtml, safeHref } from '@docketwatch/core';
import { entryFullText, entryTitle, formatFiledAt, type AlertView } from '../../alert-view';
import type { RenderedEmail } from './render-email';

/** Court entries first, most significant classes first; press last. */
const CLASS_ORDER = ['opinion', 'order', 'judgment', 'motion', 'brief', 'notice', 'hearing', 'other', 'routine', 'press'];

function rank(view: AlertView): number {
  const i = CLASS_ORDER.indexOf(view.source === 'press' ? 'press' : view.entryClass);
  return i === -1 ? CLASS_ORDER.length : i;
}

function where(view: AlertView): string {
  if (view.source === 'press') return view.courtName;
  return `${view.courtName} ${view.docketNumber}${view.entryNumber ? ` #${view.entryNumber}` : ''}`;
}

/**
 * The daily digest: everything since the last one, grouped by matter, orders and opinions first and
 * press after, each with its link. HTML and plain text; every scraped value escaped.
 */
export function renderDigestEmail(
  views: AlertView[],
  options: { timeZone: string; date: Date; unsubscribeUrl?: string | null; manageUrl?: string | null },
): RenderedEmail {
  const day = new Intl.DateTimeFormat('en-US', {
    timeZone: options.timeZone,
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
  }).format(options.date);
  const byMatter = new Map<string, AlertView[]>();
  for (const v of views) byMatter.set(v.matterName, [...(byMatter.get(v.matterName) ?? []), v]);
  const groups = [...byMatter.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([matter, list]) => [matter, [...list].sort((a, b) => rank(a) - rank(b))] as const);
  const subject =
    views.length === 0
      ? `docketwatch digest, ${day}: nothing new`
      : `docketwatch digest, ${day}: ${views.length} update${views.length === 1 ? '' : 's'} in ${groups.length} matter${groups.length === 1 ? '' : 's'}`;

  const textGroups = groups.map(([matter, list]) => {
    const lines = list.map((v) => {
      const doc = safeHref(v.documentUrl);
      const full = entryFullText(v);
      return `- [${v.source === 'press' ? 'press' : v.entryClass}] ${entryTitle(v)}${v.kind === 'updated' ? ' (updated)' : ''}\n  ${where(v)} · ${formatFiledAt(v.filedAt, options.timeZone)}${full ? `\n  ${full.replace(/\n/g, '\n  ')}` : ''}${doc ? `\n  ${doc}` : ''}`;
    });
    return `${matter}\n${'='.repeat(Math.min(matter.length, 60))}\n${lines.join('\n')}\n  Timeline: ${list[0]!.matterUrl}`;
  });
  const manageText = options.manageUrl ? `Manage your alerts: ${options.manageUrl}\n` : '';
  const footer = options.unsubscribeUrl ? `\n\n--\n${manageText}Unsubscribe from this digest: ${options.unsubscribeUrl}\n` : '';
  const manageHtml = options.manageUrl ? `<a href="${escapeHtml(options.manageUrl)}">Manage your alerts</a> &middot; ` : '';
  const text = `${subject}\n\n${views.length === 0 ? 'Nothing new since your last digest.' : textGroups.join('\n\n')}${footer}`;

  const htmlGroups = groups
    .map(([matter, list]) => {
      const items = list
        .map((v) => {
          const doc = safeHref(v.documentUrl);
          const title = escapeHtml(entryTitle(v)) + (v.kind === 'updated' ? ' <em>(updated)</em>' : '');
          const badge = `<span style="display:inline-block;padding:0 6px;border-radius:8px;background:${v.source === 'press' ? '#f3e8fd' : '#e8eef9'};font-size:12px">${escapeHtml(v.source === 'press' ? 'press' : v.entryClass)}</span>`;
          const full = entryFullText(v);
          const fullText = full ? `<div style="white-space:pre-wrap;font-size:14px;margin-top:4px">${escapeHtml(full)}</div>` : '';
          return `<li style="margin:0 0 10px">${badge} ${doc ? `<a href="${escapeHtml(doc)}">${title}</a>` : title}<br><span style="color:#555;font-size:13px">${escapeHtml(where(v))} &middot; ${escapeHtml(formatFiledAt(v.filedAt, options.timeZone))}</span>${fullText}</li>`;
        })
        .join('\n');
      return `<h3 style="margin:18px 0 6px;font-size:17px">${escapeHtml(matter)}</h3><ul style="padding-left:18px;margin:0">${items}</ul><p style="margin:4px 0 0"><a href="${escapeHtml(list[0]!.matterUrl)}">Timeline</a></p>`;
    })
    .join('\n');
  const html = `<!doctype html>
<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:680px">
<h2 style="margin:0 0 4px;font-size:21px">Your docketwatch digest</h2>
<p style="color:#555;margin:0 0 12px">${escapeHtml(day)}</p>
${views.length === 0 ? '<p>Nothing new since your last digest.</p>' : htmlGroups}
${options.unsubscribeUrl ? `<hr style="border:none;border-top:1px solid #ddd"><p style="color:#777;font-size:12px">${manageHtml}<a href="${escapeHtml(options.unsubscribeUrl)}">Unsubscribe from this digest</a></p>` : ''}
</body></html>`;
  return { subject, text, html };
}
