import { z } from 'zod';
import type { PushChannel } from '../channel';
import { httpsUrlDestination } from '../destination';
import { generateWebhookSecret } from './standard-webhooks';
import { webhookPayloadOf } from './webhook-payload';
import { webhookRetrySchedule, WebhookSender } from './webhook-sender';

/**
 * Standard Webhooks: one signed event per entry (machine consumers want events, not digests of
 * them), the specification's retry schedule with jitter, and 410 Gone disables the endpoint. The
 * `webhook-id` is fixed per delivery so receivers can deduplicate retries.
 */
export const webhookChannel: PushChannel = {
  id: 'webhook',
  label: 'Webhook',
  delivery: 'push',
  destination: {
    ...httpsUrlDestination('a webhook endpoint URL'),
    issueSecret: () => generateWebhookSecret(),
    // Up to three at once, so a receiver can rotate its secret without missing a message.
    catalogueSecrets: z
      .array(z.string().regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'a Standard Webhooks secret (whsec_…)'))
      .min(1)
      .max(3),
  },
  digest: false,
  limits: { entriesPerMessage: 1 },
  retryDelayMs: (attempt) => webhookRetrySchedule(attempt),
  async send(services, alert) {
    const id = `msg_${alert.leadDeliveryId}`;
    const [view] = alert.views;
    if (!view || alert.views.length !== 1) throw new RangeError('a webhook message carries exactly one event');
    await new WebhookSender(services.http).send(
      alert.destination.target,
      { id, payload: webhookPayloadOf(view, undefined, alert.occurredAt) },
      alert.destination.secrets,
    );
    return { providerMessageId: id };
  },
};
