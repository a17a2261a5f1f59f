import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@docketwatch/log';

/** RFC 9457's media type: every error docketwatch answers, API and machine clients alike. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * One error shape everywhere (RFC 9457 problem details), with a stable `code` a client can match
 * on; `detail` is for people and may change. `errors` lists each invalid field when there are several.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: string[];
}

export function problemOf(status: number, code: string, detail?: string, errors?: string[]): Problem {
  return {
    // No page per problem type yet: "about:blank" means the status says it all (RFC 9457 §4.2.1).
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Answers with a problem document. */
export function sendProblem(reply: FastifyReply, status: number, code: string, detail?: string, errors?: string[]): FastifyReply {
  return reply
    .status(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemOf(status, code, detail, errors));
}

/** Fastify's own error codes, mapped to ours, for what a client sent wrong. */
const CLIENT_ERRORS: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'EMPTY_BODY' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'INVALID_CONTENT_LENGTH' },
  FST_ERR_VALIDATION: { status: 400, code: 'VALIDATION_FAILED' },
};

/**
 * The server's error handler: a client's mistake is a 4xx problem naming it; anything else is a
 * 500 that says nothing of the internals and is logged whole (with its stack).
 */
export function problemErrorHandler(log: Logger) {
  return (err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (err.validation && err.validation.length > 0) return sendInvalid(reply, err);
    const known = err.code ? CLIENT_ERRORS[err.code] : undefined;
    if (known) return sendProblem(reply, known.status, known.code, err.message);
    // A body that is not valid JSON (Fastify reports it as a SyntaxError with statusCode 400).
    if (err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendProblem(reply, 400, 'INVALID_JSON', 'the body is not valid JSON');
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    // Our own 4xx errors carry their code (RATE_LIMITED); Fastify's unmapped ones (FST_…) do not speak for us.
    if (status < 500) return sendProblem(reply, status, err.code && !err.code.startsWith('FST_') ? err.code : 'BAD_REQUEST', err.message);
    log.error({ err, method: req.method, route: req.routeOptions.url }, 'request failed');
    return sendProblem(reply, 500, 'INTERNAL', 'something went wrong on our side; it has been logged');
  };
}

/** What each part of a request is called when a route's schema refuses it. */
const INVALID_PART: Record<string, string> = {
  querystring: 'INVALID_QUERY',
  body: 'INVALID_BODY',
  params: 'INVALID_PATH',
  headers: 'INVALID_HEADERS',
};

/** A request its route's schema refused: a 400 naming every invalid field ("limit: Too big…"). */
function sendInvalid(reply: FastifyReply, err: FastifyError): FastifyReply {
  const part = err.validationContext ?? 'request';
  const errors = (err.validation ?? []).map((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    return `${path || `(${part})`}: ${v.message ?? 'invalid'}`;
  });
  return sendProblem(reply, 400, INVALID_PART[part] ?? 'INVALID_REQUEST', `the ${part} has invalid values`, errors);
}

/** Unknown routes: a problem document for API clients, a page for people. */
export function notFoundHandler(notFoundPage: () => string) {
  return (req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const wantsHtml = !req.url.startsWith('/api/') && /text\/html/.test(req.headers.accept ?? '');
    if (!wantsHtml) return sendProblem(reply, 404, 'ROUTE_NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`);
    return reply.status(404).type('text/html; charset=utf-8').send(notFoundPage());
  };
}

/** A database id from a path: a positive 32-bit integer, or null (so a huge number is a 404, never a 500). */
export function parseId(value: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}
