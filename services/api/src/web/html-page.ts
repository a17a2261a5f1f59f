import type { FastifyReply } from 'fastify';
import { page, type Html } from './layout';

/**
 * A page of the subscription and manage flows: no scripts at all, forms post only back here, and
 * no Referer leaves it (its URL carries a link token).
 */
export function htmlPage(reply: FastifyReply, status: number, title: string, body: Html): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
    .header('referrer-policy', 'no-referrer')
    .send(page(title, body));
}
