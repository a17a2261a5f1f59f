import type { FastifyRequest } from 'fastify';
import type { Logger } from '@docketwatch/log';

const REDACTED = '[redacted]';

/** Route parameters that carry a credential: webhook secrets, confirm, unsubscribe, feed, manage and sign-in tokens. */
const SECRET_PARAM = /token|secret|key/i;

/** In a path no route matched, any segment this long might be a credential someone mistyped around. */
const LONG_SEGMENT = /^[^/]{16,}$/;

/**
 * The request's URL as it may be logged. Links that grant something carry their credential in the
 * path (mail clients and webhooks give no other place), so the values of secret-named route
 * parameters are replaced, and so is every query value (search terms are the reader's business).
 * Routes added later are covered by naming their parameter `token`, `secret` or `key`.
 */
export function redactedUrl(req: FastifyRequest): string {
  const [path = '', query] = req.url.split('?', 2);
  const params = (req.params ?? {}) as Record<string, unknown>;
  const matched = req.routeOptions?.url !== undefined && !req.is404;
  const secrets = Object.entries(params)
    .filter(([name, value]) => SECRET_PARAM.test(name) && typeof value === 'string' && value.length > 0)
    .map(([, value]) => value as string);
  const segments = path.split('/').map((segment) => {
    const decoded = safeDecode(segment);
    if (!matched) return LONG_SEGMENT.test(decoded) ? REDACTED : segment;
    return secrets.some((secret) => decoded.includes(secret)) ? REDACTED : segment;
  });
  return segments.join('/') + (query === undefined ? '' : `?${redactedQuery(query)}`);
}

function redactedQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => `${pair.split('=', 1)[0] ?? ''}=${REDACTED}`)
    .join('&');
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The logger Fastify writes request records with: its `req` shows method, redacted URL and client,
 * never headers (so no Authorization and no session cookie).
 */
export function requestLogger(log: Logger): Logger {
  return log.child(
    {},
    {
      serializers: {
        req: (req: FastifyRequest) => ({ method: req.method, url: redactedUrl(req), remoteAddress: req.ip }),
      },
    },
  );
}
