import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_SESSION_COOKIE } from '../admin-session';
import { sendProblem } from '../problem';
import { formToken, isFormTokenValid } from './form-token';

/**
 * CSRF protection for admin forms: each carries a hidden `csrf` field, an HMAC of the admin's own
 * session cookie under the installation secret. Another site can make a signed-in admin's browser
 * post to us (SameSite=Strict aside) but can neither read our pages nor compute the field. The
 * binding prefix keeps it apart from the form tokens of mailed links.
 */
export function adminFormToken(secret: string, req: FastifyRequest): string {
  return formToken(secret, `admin-session:${req.cookies[ADMIN_SESSION_COOKIE] ?? ''}`);
}

/** A preHandler for every admin form post: refused with 403 unless its `csrf` field fits this session. */
export function requireAdminFormToken(secret: string) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const session = req.cookies[ADMIN_SESSION_COOKIE];
    const given = (req.body as { csrf?: unknown } | undefined)?.csrf;
    if (session && isFormTokenValid(secret, `admin-session:${session}`, given)) return;
    await sendProblem(
      reply,
      403,
      'CSRF_TOKEN_INVALID',
      'this form must be sent from docketwatch’s own admin page; reload it and try again',
    );
  };
}
