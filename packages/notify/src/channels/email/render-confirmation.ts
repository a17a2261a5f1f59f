import { escapeHtml } from '@docketwatch/core';
import type { RenderedEmail } from './render-email';

/** The double opt-in mail for a new e-mail subscription. */
export function renderConfirmationEmail(what: string, confirmUrl: string): RenderedEmail {
  const subject = `Confirm your docketwatch alerts for ${what}`.replace(/[\r\n]+/g, ' ').slice(0, 200);
  const text = `Someone, hopefully you, asked docketwatch to send alerts about ${what} to this address.\n\nConfirm: ${confirmUrl}\n\nIf it was not you, ignore this mail: nothing will be sent.`;
  const html = `<!doctype html>
<html><body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#1a1a1a;max-width:600px">
<p>Someone, hopefully you, asked docketwatch to send alerts about <strong>${escapeHtml(what)}</strong> to this address.</p>
<p><a href="${escapeHtml(confirmUrl)}">Confirm your subscription</a></p>
<p style="color:#777">If it was not you, ignore this mail: nothing will be sent.</p>
</body></html>`;
  return { subject, text, html };
}
