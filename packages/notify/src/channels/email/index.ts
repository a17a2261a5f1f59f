import type { PushChannel } from '../channel';
import { emailDestination } from '../destination';
import { renderBurstEmail, withUnsubscribe } from './render-burst-email';

export { renderEntryEmail, type RenderedEmail } from './render-email';
export { renderBurstEmail, withUnsubscribe } from './render-burst-email';
export { renderDigestEmail } from './render-digest';
export { renderConfirmationEmail } from './render-confirmation';
export { renderAlreadySubscribedEmail, renderManageLinkEmail } from './render-manage-link';
export { manageLinkUrl, MANAGE_LINK_TTL_MS } from './manage-link';

/**
 * E-mail through the pooled SMTP transport (or the local mailbox). Addresses need double opt-in.
 * Every message carries RFC 8058 one-click unsubscribe headers and a Message-ID fixed per message,
 * so a resend after a crash is recognisably the same mail.
 */
export const emailChannel: PushChannel = {
  id: 'email',
  label: 'E-mail',
  delivery: 'push',
  destination: emailDestination,
  digest: true,
  limits: { entriesPerMessage: 50 },
  async send(services, alert) {
    const link = alert.unsubscribeUrl;
    const rendered = withUnsubscribe(renderBurstEmail(alert.views, { timeZone: alert.destination.timeZone }), link, alert.manageUrl);
    const sent = await services.mail.send({
      ...rendered,
      to: alert.destination.target,
      messageId: `<delivery-${alert.leadDeliveryId}@${services.mailDomain}>`,
      // Mail clients POST to the link (one click); a GET only shows a page, since scanners follow links.
      headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    return { providerMessageId: sent.providerMessageId };
  },
};
export { EmailSender, type OutgoingEmail, type LocalMailbox, type EmailSenderOptions } from './email-sender';
