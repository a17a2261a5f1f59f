import { retryAfterMs, type HttpClient } from '@docketwatch/http';
import { DeliveryError } from '../../delivery-error';
import { answerSnippet } from '../post-message';
import { signWebhook } from './standard-webhooks';
import type { WebhookPayload } from './webhook-payload';

export interface WebhookMessage {
  /** The `webhook-id`: fixed per event and endpoint, the same on every retry (e.g. `msg_<delivery id>`). */
  id: string;
  /** `{ type, timestamp, data }`; serialised once, and exactly those bytes are signed and sent. */
  payload: WebhookPayload;
}

export interface WebhookSendResult {
  status: number;
  /** The `webhook-timestamp` this attempt carried. */
  timestamp: number;
}

export interface WebhookSenderOptions {
  /** The clock (tests). */
  now?: () => Date;
}

const EVENT_TYPE = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/;
/**
 * Signed webhooks per the Standard Webhooks specification. The endpoint URL may hold a token, so it
 * never appears in errors (the HttpClient redacts it too). Only 2xx is success; how a failure is
 * classified follows the spec's status handling:
 * - 410 Gone: the receiver wants no more, so the endpoint is `disabled`;
 * - 429, 408, 5xx (502/504 mean load), timeouts and network errors: `temporary`, with
 *   `retryAfterMs` from Retry-After when the receiver sent one;
 * - 3xx (redirects are never followed: the URL must be updated) and other 4xx: `rejected`.
 */
export class WebhookSender {
  private readonly now: () => Date;

  constructor(
    private readonly http: Pick<HttpClient, 'post'>,
    options: WebhookSenderOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async send(url: string, message: WebhookMessage, secrets: readonly string[]): Promise<WebhookSendResult> {
    if (!EVENT_TYPE.test(message.payload.type)) throw new TypeError(`Not a webhook event type: ${JSON.stringify(message.payload.type)}`);
    const body = JSON.stringify(message.payload);
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const headers = {
      'content-type': 'application/json',
      'webhook-id': message.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook({ id: message.id, timestamp, payload: body }, secrets),
    };
    let result;
    try {
      result = await this.http.post(url, body, { headers });
    } catch (err) {
      const e = err as { code?: string; retryable?: boolean };
      const kind = e.retryable === false ? 'rejected' : 'temporary';
      throw new DeliveryError(kind, `Webhook endpoint unreachable (${e.code ?? 'error'})`, { cause: err });
    }
    const { status } = result;
    if (status >= 200 && status < 300) return { status, timestamp };
    const wait = retryAfterMs(result.headers['retry-after'], this.now());
    const said = answerSnippet(result.body);
    const detail = said ? `${status} ${said}` : `${status}`;
    if (status === 410) throw new DeliveryError('disabled', `Webhook endpoint is gone (${detail})`);
    if (status === 429 || status === 408 || status >= 500) {
      throw new DeliveryError('temporary', `Webhook endpoint answered ${detail}`, { retryAfterMs: wait });
    }
    if (status >= 300 && status < 400) {
      throw new DeliveryError('rejected', `Webhook endpoint redirects (${status}); redirects are not followed, update the URL`);
    }
    throw new DeliveryError('rejected', `Webhook endpoint refused the message (${detail})`);
  }
}

/**
 * The Standard Webhooks spec's example schedule: the delay before each attempt, measured from the
 * previous one. Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h: ten attempts over
 * about 75.5 hours.
 */
export const WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  14 * 3_600_000,
  20 * 3_600_000,
  24 * 3_600_000,
];

/** Each delay is spread by up to this fraction either way, so failures caused by load do not recur in step. */
export const WEBHOOK_RETRY_JITTER = 0.1;

/**
 * How long to wait after attempt number `attempt` (1 = the first send) failed before trying again,
 * with ±10% jitter (`random` returns [0, 1), as Math.random); null once the schedule is exhausted.
 * `attempt` 0 asks for the first attempt's delay, which is 0. A Retry-After from the receiver
 * (DeliveryError.retryAfterMs) should be honoured when it is longer.
 */
export function webhookRetrySchedule(attempt: number, random: () => number = Math.random): number | null {
  if (!Number.isInteger(attempt) || attempt < 0) throw new RangeError('attempt is a whole number ≥ 0');
  const base = WEBHOOK_RETRY_DELAYS_MS[attempt];
  if (base === undefined) return null;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(base * (1 + WEBHOOK_RETRY_JITTER * (2 * r - 1)));
}
