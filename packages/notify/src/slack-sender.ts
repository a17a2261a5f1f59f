import { retryAfterMs, type HttpClient } from '@docketwatch/http';
import type { SlackMessage } from './render-slack';
import { DeliveryError } from './delivery-error';

/**
 * Posts to Slack incoming webhooks. The webhook URL is a secret: it never appears in errors.
 * 2xx is accepted; 429 waits for Retry-After; 404/410 mean the webhook was removed.
 */
export class SlackSender {
  constructor(private readonly http: HttpClient) {}

  async send(webhookUrl: string, message: SlackMessage): Promise<{ providerMessageId: string | null }> {
    let result;
    try {
      result = await this.http.post(webhookUrl, JSON.stringify(message), { headers: { 'content-type': 'application/json' } });
    } catch (err) {
      const e = err as { code?: string; retryable?: boolean; message?: string };
      const kind = e.retryable === false ? 'rejected' : 'temporary';
      throw new DeliveryError(kind, `Slack webhook unreachable (${e.code ?? 'error'})`, { cause: err });
    }
    const { status } = result;
    if (status >= 200 && status < 300) return { providerMessageId: null };
    const body = result.body.toString('utf8').slice(0, 200);
    if (status === 429) {
      throw new DeliveryError('temporary', 'Slack rate limited the webhook', {
        retryAfterMs: retryAfterMs(result.headers['retry-after']) ?? 1000,
      });
    }
    if (status === 404 || status === 410) throw new DeliveryError('disabled', `Slack webhook is gone (${status} ${body})`);
    if (status >= 500) throw new DeliveryError('temporary', `Slack answered ${status}`);
    throw new DeliveryError('rejected', `Slack refused the message (${status} ${body})`);
  }
}
