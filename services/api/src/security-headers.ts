import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/**
 * Security headers on every response. The default policy suits the API and the server-rendered
 * pages (no inline script, inline styles, forms to this site only, nobody may frame us). Pages that
 * set a policy of their own keep it, and are given `frame-ancestors 'none'` when they did not say
 * who may frame them. No `upgrade-insecure-requests`: a fresh install is served over plain http on
 * 127.0.0.1, and upgraded form posts would fail.
 */
export function registerSecurityHeaders(app: FastifyInstance, publicUrl: string): void {
  const https = publicUrl.startsWith('https:');
  void app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        frameSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    frameguard: { action: 'deny' },
    // Token-bearing links must not leak through Referer to the sites our pages link to. Not
    // no-referrer: under it browsers send `Origin: null` with our own form posts, which then cannot
    // be told from another site's.
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 180 * 24 * 3600 } : false,
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    const policy = reply.getHeader('content-security-policy');
    if (typeof policy === 'string' && !/frame-ancestors/.test(policy)) {
      void reply.header('content-security-policy', `${policy}; frame-ancestors 'none'`);
    }
    return payload;
  });
}
