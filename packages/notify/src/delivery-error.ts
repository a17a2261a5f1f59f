import { DocketwatchError } from '@docketwatch/core';

/**
 * How a channel refused a message. `temporary`: try again later (after retryAfterMs when given);
 * `rejected`: this message will never be accepted; `disabled`: the destination is gone (Slack 404/410).
 */
export class DeliveryError extends DocketwatchError {
  readonly retryAfterMs: number | null;

  constructor(
    kind: 'temporary' | 'rejected' | 'disabled',
    message: string,
    options: { retryAfterMs?: number | null; cause?: unknown } = {},
  ) {
    const code = kind === 'temporary' ? 'DELIVERY_TEMPORARY' : kind === 'rejected' ? 'DELIVERY_REJECTED' : 'DELIVERY_DISABLED';
    super(code, message, { retryable: kind === 'temporary', cause: options.cause });
    this.name = 'DeliveryError';
    this.retryAfterMs = options.retryAfterMs ?? null;
  }
}
