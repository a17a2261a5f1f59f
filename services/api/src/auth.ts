import type { FastifyReply, FastifyRequest } from 'fastify';
import { scopeGrants, type ApiScope } from '@docketwatch/core';
import { findApiToken, type Db } from '@docketwatch/db';
import { sendProblem } from './problem';

/**
 * Routes that change data need `Authorization: Bearer <token>` with a token made by
 * `docketwatch token create NAME --scope …` that grants `scope`: none (or an expired one) is a 401,
 * one without the scope a 403. Tokens are stored hashed; the comparison is a hash lookup.
 */
export function requireToken(db: Db, scope: ApiScope) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    // A signed-in admin's session (admin-session.ts) counts as an admin token.
    if (req.adminName) {
      (req as FastifyRequest & { tokenName?: string }).tokenName = req.adminName;
      return;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const holder = match ? await findApiToken(db, match[1]!) : null;
    if (!holder) {
      await sendProblem(
        reply.header('www-authenticate', 'Bearer'),
        401,
        'UNAUTHORIZED',
        'a valid API token is required (Authorization: Bearer …)',
      );
      return;
    }
    if (!scopeGrants(holder.scopes, scope)) {
      await sendProblem(
        reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${scope}"`),
        403,
        'INSUFFICIENT_SCOPE',
        `this token lacks the ${scope} scope`,
      );
      return;
    }
    (req as FastifyRequest & { tokenName?: string }).tokenName = holder.name;
  };
}

export function tokenName(req: FastifyRequest): string {
  return (req as FastifyRequest & { tokenName?: string }).tokenName ?? 'unknown';
}
