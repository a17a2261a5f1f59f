import { entryPlace, entryTitle, formatFiledAt, type AlertView } from '../../alert-view';
import { escapeHtml, safeHref } from '@docketwatch/core';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The labelled facts under the title: court, docket and entry for filings; publisher for press. */
function facts(view: AlertView, when: string): [string, string][] {
  if (view.source === 'press') {
    return [
      ['Published by', view.courtName],
      ['Published', when],
    ];
  }
  return [
    ['Case', view.caseName],
    ['Court', `${view.courtName} ${view.docketNumber}`],
    ['Entry', view.entryNumber ?? '(no number)'],
    ['Filed', when],
  ];
}

/** One alert e-mail for one entry, as plain text and HTML (every interpolated value escaped). */
export function renderEntryEmail(view: AlertView, options: { timeZone?: string } = {}): RenderedEmail {
  const when = formatFiledAt(view.filedAt, options.timeZone);
  const title = entryTitle(view);
  const prefix = view.kind === 'updated' ? 'Updated: ' : '';
  const subject = `${prefix}[${view.matterName}] ${title} (${entryPlace(view)})`.replace(/[\r\n]+/g, ' ');
  const doc = safeHref(view.documentUrl);
  const rows = facts(view, when);
  const text = [
    `${prefix}${title}`,
    '',
    `Matter: ${view.matterName}`,
    ...rows.map(([label, value]) => `${label}: ${value}`),
    '',
    view.description || view.shortDescription,
    '',
    doc ? `${view.source === 'press' ? 'Read it' : 'Document'}: ${doc}` : 'No document link yet.',
    `Timeline: ${view.matterUrl}`,
  ].join('\n');
  const html = `<!doctype html>
<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:640px">
<p style="color:#555;margin:0 0 4px">${escapeHtml(view.matterName)}${view.kind === 'updated' ? ' &middot; <strong>updated entry</strong>' : ''}</p>
<h2 style="margin:0 0 12px;font-size:20px">${escapeHtml(title)}</h2>
<table style="border-collapse:collapse;font-size:14px">
${rows.map(([label, value]) => `<tr><td style="padding:2px 12px 2px 0;color:#555">${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`).join('\n')}
</table>
<p style="white-space:pre-wrap">${escapeHtml(view.description || view.shortDescription)}</p>
<p>${doc ? `<a href="${escapeHtml(doc)}">${view.source === 'press' ? 'Read the statement' : 'Open the document'}</a> &middot; ` : ''}<a href="${escapeHtml(view.matterUrl)}">See the whole timeline</a></p>
</body></html>`;
  return { subject, text, html };
}
