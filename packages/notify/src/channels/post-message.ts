import { clip } from '@docketwatch/core';
import { retryAfterMs, type FetchResult } from '@docketwatch/http';
import { DeliveryError } from '../delivery-error';
import type { ChannelServices } from './channel';

/** Enough of the receiver's answer to debug with; their text, so control characters are dropped. */
const MAX_ANSWER_IN_ERROR = 200;

/** A receiver's answer, short and printable, for an error message. */
export function answerSnippet(body: Buffer): string {
  const text = body
    .subarray(0, MAX_ANSWER_IN_ERROR * 4)
    .toString('utf8')
    .replace(/\p{Cc}+/gu, ' ')
    .trim();
  return clip(text, MAX_ANSWER_IN_ERROR - 1);
}

export interface PostMessageOptions {
  /** The platform's name, for errors ("Slack webhook"). The URL itself never appears: it is a secret. */
  what: string;
  headers?: Record<string, string>;
  /** Answers that mean the destination is gone for good, beyond 404 and 410 (Slack's `invalid_token`). */
  isGone?: (status: number, answer: string) => boolean;
}

/**
 * Posts one message to a chat or push platform and classifies the answer the way every such
 * platform means it: 2xx accepted; 429, 408 and 5xx temporary (after Retry-After when given);
 * 404 and 410 the destination is gone; any other answer refuses this message for good.
 */
export async function postMessage(services: ChannelServices, url: string, body: string, options: PostMessageOptions): Promise<FetchResult> {
  let result: FetchResult;
  try {
    result = await services.http.post(url, body, { headers: { 'content-type': 'application/json', ...options.headers } });
  } catch (err) {
    const e = err as { code?: string; retryable?: boolean };
    const kind = e.retryable === false ? 'rejected' : 'temporary';
    throw new DeliveryError(kind, `${options.what} unreachable (${e.code ?? 'error'})`, { cause: err });
  }
  const { status } = result;
  if (status >= 200 && status < 300) return result;
  const answer = answerSnippet(result.body);
  const detail = answer ? `${status} ${answer}` : String(status);
  if (status === 404 || status === 410 || options.isGone?.(status, answer)) {
    throw new DeliveryError('disabled', `${options.what} is gone (${detail})`);
  }
  if (status === 429 || status === 408 || status >= 500) {
    throw new DeliveryError('temporary', `${options.what} answered ${detail}`, {
      retryAfterMs: retryAfterMs(result.headers['retry-after']) ?? (status === 429 ? 1000 : null),
    });
  }
  throw new DeliveryError('rejected', `${options.what} refused the message (${detail})`);
}
