import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { scopeGrants } from '@docketwatch/core';
import { findApiToken, verifyApiToken, type ApiTokenHolder } from '@docketwatch/db';
import type { ApiDeps } from './api-deps';
import { sendProblem } from './problem';
import { html, page } from './web/layout';

/** The admin session cookie's name (admin forms bind their CSRF token to its value). */
export const ADMIN_SESSION_COOKIE = 'dw_admin';
const COOKIE = ADMIN_SESSION_COOKIE;
const DEFAULT_SESSION_HOURS = 12;

/** Pages and API routes for admins only: the outbox (every address and link mailed), source health, admin actions. */
const ADMIN_ONLY = /^\/(?:outbox|sources|admin)(?:\/|$)|^\/api\/admin\//;
const SIGN_IN = /^\/admin\/login(?:\/|$)/;

/**
 * Admins sign in with an admin key (an API token from `docketwatch token create NAME`) or a
 * one-time link, and get a session cookie: signed, HttpOnly, SameSite=Strict (never sent with a
 * request another site starts), Secure over https, expiring. API clients may send the key as
 * `Authorization: Bearer` instead.
 */
export function registerAdminSession(app: FastifyInstance, deps: ApiDeps): void {
  const sessionMs = (deps.adminSessionHours ?? DEFAULT_SESSION_HOURS) * 3600 * 1000;
  // Its own key, derived from the installation secret, so a session cookie is never a valid link signature.
  void app.register(cookie, { secret: createHmac('sha256', deps.linkSecret).update('admin-session').digest('base64url') });
  app.decorateRequest('adminName', null);
  app.addHook('onRequest', async (req, reply) => {
    req.adminName = sessionAdmin(req);
    // The route that matched, not the raw URL: an encoded or oddly written path reaches the same route.
    const path = req.routeOptions.url ?? req.url.split('?', 1)[0] ?? '';
    if (req.adminName || !ADMIN_ONLY.test(path) || SIGN_IN.test(path)) return;
    const bearer = await bearerHolder(deps, req);
    if (bearer && scopeGrants(bearer.scopes, 'admin')) {
      req.adminName = bearer.name;
      return;
    }
    if (path.startsWith('/api/') && bearer) {
      await sendProblem(reply, 403, 'INSUFFICIENT_SCOPE', 'this token lacks the admin scope');
      return;
    }
    if (path.startsWith('/api/')) {
      await sendProblem(
        reply.header('www-authenticate', 'Bearer'),
        401,
        'ADMIN_REQUIRED',
        'sign in as an admin or send Authorization: Bearer <admin key>',
      );
      return;
    }
    await reply.redirect(`/admin/login?next=${encodeURIComponent(req.url)}`, 303);
  });
  registerSignInRoutes(app, deps, sessionMs);
}

function sessionAdmin(req: FastifyRequest): string | null {
  const raw = req.cookies[COOKIE];
  if (!raw) return null;
  const unsigned = req.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const [name, expiresAt] = unsigned.value.split('|');
  return name && Number(expiresAt) > Date.now() ? name : null;
}

async function bearerHolder(deps: ApiDeps, req: FastifyRequest): Promise<ApiTokenHolder | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match ? findApiToken(deps.db, match[1]!) : null;
}

function startSession(deps: ApiDeps, reply: FastifyReply, name: string, sessionMs: number): void {
  void reply.setCookie(COOKIE, `${name}|${Date.now() + sessionMs}`, {
    signed: true,
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.publicUrl.startsWith('https:'),
    path: '/',
    maxAge: Math.floor(sessionMs / 1000),
  });
}

/** Where to go after signing in: a path on this site, never another site. */
function nextPath(raw: unknown): string {
  return typeof raw === 'string' && /^\/(?![/\\])/.test(raw) ? raw : '/outbox';
}

/** A form post must come from our own pages (browsers send Origin with every POST). */
function fromOurPages(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function signInPage(next: string, problem?: string): string {
  return page(
    'Admin sign-in',
    html`<h1>Admin sign-in</h1>
      ${problem ? html`<p role="alert">${problem}</p>` : ''}
      <form method="post" action="/admin/login">
        <input type="hidden" name="next" value="${next}" />
        <p>
          <label for="key">Admin key</label><br />
          <input id="key" name="key" type="password" autocomplete="current-password" required size="40" />
        </p>
        <button type="submit">Sign in</button>
      </form>
      <p class="muted">
        An admin key is made by <code>docketwatch token create NAME</code>. <code>npm start</code> also prints a one-time sign-in link.
      </p>`,
  );
}

function registerSignInRoutes(app: FastifyInstance, deps: ApiDeps, sessionMs: number): void {
  const htmlReply = (reply: FastifyReply, status: number, body: string) =>
    reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  void app.register(async (scope) => {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) =>
        done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
    }

    scope.get<{ Querystring: { next?: string } }>('/admin/login', async (req, reply) =>
      htmlReply(reply, 200, signInPage(nextPath(req.query.next))),
    );

    scope.post<{ Body: { key?: unknown; next?: unknown } }>('/admin/login', async (req, reply) => {
      if (!fromOurPages(req)) return sendProblem(reply, 403, 'CROSS_SITE_FORM', 'this form only works from docketwatch’s own page');
      const next = nextPath(req.body?.next);
      const key = typeof req.body?.key === 'string' ? req.body.key.trim() : '';
      const name = key ? await verifyApiToken(deps.db, key) : null;
      if (!name) return htmlReply(reply, 401, signInPage(next, 'That admin key is not valid.'));
      startSession(deps, reply, name, sessionMs);
      return reply.redirect(next, 303);
    });

    scope.get<{ Params: { token: string } }>('/admin/login/:token', async (req, reply) => {
      if (!deps.adminLogins?.consume(req.params.token)) {
        return htmlReply(
          reply,
          404,
          signInPage('/outbox', 'That sign-in link was used already or has expired: sign in with an admin key.'),
        );
      }
      startSession(deps, reply, 'first-admin', sessionMs);
      return reply.redirect('/outbox', 303);
    });

    scope.post('/admin/logout', async (req, reply) => {
      if (!fromOurPages(req)) return sendProblem(reply, 403, 'CROSS_SITE_FORM', 'this form only works from docketwatch’s own page');
      void reply.clearCookie(COOKIE, { path: '/' });
      return reply.redirect('/', 303);
    });
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in admin (session cookie or admin key), or null. */
    adminName: string | null;
  }
}
