import { escapeHtml } from '@docketwatch/core';
import type { RenderedEmail } from './render-email';

function accountMail(subject: string, lines: string[], link: { url: string; label: string }, footnote: string): RenderedEmail {
  const text = `${lines.join('\n\n')}\n\n${link.label}: ${link.url}\n\n${footnote}`;
  const html = `<!doctype html>
<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:600px">
${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}
<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>
<p style="color:#777">${escapeHtml(footnote)}</p>
</body></html>`;
  return { subject: subject.replace(/[\r\n]+/g, ' ').slice(0, 200), text, html };
}

/**
 * The answer to a subscription request for an address that already has it: nothing changes, and
 * the owner gets a link to change it themselves (the request's settings are not carried over).
 */
export function renderAlreadySubscribedEmail(what: string, manageUrl: string): RenderedEmail {
  return accountMail(
    `You already get docketwatch alerts for ${what}`,
    [
      `Someone, hopefully you, asked docketwatch again for alerts about ${what} to this address. You already get them, and nothing was changed.`,
    ],
    { url: manageUrl, label: 'Manage your alerts' },
    'The link opens your alerts for a week. If it was not you, ignore this mail.',
  );
}

/** The "send me my manage link" mail. */
export function renderManageLinkEmail(manageUrl: string): RenderedEmail {
  return accountMail(
    'Your docketwatch alerts',
    ['Here is the link to see and change the docketwatch alerts of this address.'],
    { url: manageUrl, label: 'Manage your alerts' },
    'The link works for a week. If you did not ask for it, ignore this mail: nothing was changed.',
  );
}
