import type { FastifyReply, FastifyRequest } from 'fastify';
import { verifyApiToken, type Db } from '@docketwatch/db';
import { sendProblem } from './problem';

/**
 * Routes that change data need `Authorization: Bearer <token>` with a token made by
 * `docketwatch token create NAME`. Tokens are stored hashed; the comparison is a hash lookup.
 */
export function requireToken(db: Db) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // A signed-in admin's session (admin-session.ts) counts as their token.
    if (req.adminName) {
      (req as FastifyRequest & { tokenName?: string }).tokenName = req.adminName;
      return;
    }
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const name = match ? await verifyApiToken(db, match[1]!) : null;
    if (!name) {
      await sendProblem(
        reply.header('www-authenticate', 'Bearer'),
        401,
        'UNAUTHORIZED',
        'a valid API token is required (Authorization: Bearer …)',
      );
      return;
    }
    (req as FastifyRequest & { tokenName?: string }).tokenName = name;
  };
}

export function tokenName(req: FastifyRequest): string {
  return (req as FastifyRequest & { tokenName?: string }).tokenName ?? 'unknown';
}
