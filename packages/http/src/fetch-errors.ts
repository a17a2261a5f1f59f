import { DocketwatchError, isDocketwatchError } from '@docketwatch/core';
import { retryAfterMs } from './retry-after';

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function blockedError(message: string, context: Record<string, unknown>): DocketwatchError {
  return new DocketwatchError('FETCH_BLOCKED_ADDRESS', message, { retryable: false, context });
}

export function tooLargeError(url: string, maxBodyBytes: number): DocketwatchError {
  return new DocketwatchError('FETCH_TOO_LARGE', `Response from ${url} exceeds ${maxBodyBytes} bytes`, {
    retryable: false,
    context: { url, maxBodyBytes },
  });
}

export function tooManyRedirectsError(url: string, maxRedirects: number): DocketwatchError {
  return new DocketwatchError('FETCH_TOO_MANY_REDIRECTS', `More than ${maxRedirects} redirects from ${url}`, {
    retryable: false,
    context: { url, maxRedirects },
  });
}

/** The host answered 429 or 503 with Retry-After (to this poller or another): nothing is sent to it until then. */
export function hostHeldError(host: string, waitMs: number): DocketwatchError {
  return new DocketwatchError(
    'FETCH_HOST_HELD',
    `${host} asked us to wait; holding every request to it for ${Math.ceil(waitMs / 1000)} s`,
    {
      retryable: true,
      context: { host, retryAfterMs: waitMs },
    },
  );
}

/** Every slot at the host stayed taken (or its spacing stayed closed) for longer than a request may wait. */
export function hostBusyError(host: string, waitMs: number): DocketwatchError {
  return new DocketwatchError('FETCH_HOST_BUSY', `${host} has no free request slot; trying again later`, {
    retryable: true,
    context: { host, retryAfterMs: waitMs },
  });
}

/** The error for a response `get` does not accept (anything but 2xx, 304 and followed redirects). */
export function statusError(status: number, url: string, retryAfter: string | undefined): DocketwatchError {
  const waitMs = retryAfterMs(retryAfter);
  if (status === 429 || (status === 503 && waitMs !== null)) {
    return new DocketwatchError('FETCH_RATE_LIMITED', `${url} responded ${status} (rate limited)`, {
      retryable: true,
      context: { status, url, retryAfterMs: waitMs },
    });
  }
  return new DocketwatchError('FETCH_HTTP_STATUS', `${url} responded ${status}`, {
    retryable: status >= 500 || status === 408,
    context: { status, url },
  });
}

/** Maps whatever undici or the socket threw to a DocketwatchError; errors already mapped pass through. */
export function transportError(err: unknown, url: string, timedOut: boolean, timeoutMs: number): DocketwatchError {
  if (isDocketwatchError(err)) {
    // Errors raised inside the connector (the DNS address check) cannot know the URL; add it.
    if ('url' in err.context) return err;
    return new DocketwatchError(err.code, err.message, {
      retryable: err.retryable,
      context: { ...err.context, url },
      cause: err.cause,
    });
  }
  const code = errorCode(err);
  if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new DocketwatchError('FETCH_TIMEOUT', `No complete response from ${url} within ${timeoutMs} ms`, {
      retryable: true,
      context: { url, timeoutMs },
      cause: err,
    });
  }
  // Invalid arguments are our bug, and retrying cannot fix them.
  const retryable = !code?.startsWith('UND_ERR_INVALID');
  return new DocketwatchError('FETCH_NETWORK', `Request to ${url} failed${code ? ` (${code})` : ''}`, {
    retryable,
    context: { url, code: code ?? null },
    cause: err,
  });
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
