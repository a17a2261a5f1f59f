import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { ApiDeps } from './api-deps';
import { notFoundHandler, problemErrorHandler } from './problem';
import { Metrics } from '@docketwatch/log';
import { registerMetrics } from './metrics';
import { registerApiDocs } from './api-docs';
import { registerSearchRoutes } from './search.routes';
import { html, page } from './web/layout';
import { registerHealthRoutes } from './health.routes';
import { registerMatterRoutes } from './matters.routes';
import { registerMatterCrudRoutes } from './matters-crud.routes';
import { registerProposalRoutes } from './proposals.routes';
import { registerEntryRoutes } from './entries.routes';
import { registerSourceRoutes } from './sources.routes';
import { registerSourceCrudRoutes } from './sources-crud.routes';
import { registerHookRoutes } from './hooks.routes';
import { registerInboundAdminRoutes } from './inbound-admin.routes';
import { registerFeedRoutes } from './feeds.routes';
import { registerSubscriptionRoutes } from './subscriptions.routes';
import { registerWebRoutes } from './web/web.routes';
import { requestLogger } from './log-redaction';
import { registerSecurityHeaders } from './security-headers';
import { registerRateLimits } from './rate-limit';
import { registerAdminSession } from './admin-session';
import { registerAdminRoutes } from './web/admin.routes';

/** The HTTP API and web UI. Listening is the caller's business (see ApiServer). */
export function buildServer(deps: ApiDeps): FastifyInstance {
  const app = Fastify({
    loggerInstance: requestLogger(deps.log) as unknown as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    trustProxy: deps.trustProxy ?? false,
  });
  app.setErrorHandler(problemErrorHandler(deps.log));
  app.setNotFoundHandler(
    notFoundHandler(() =>
      page(
        'Not found',
        html`<h1>Not found</h1>
          <p>There is no page at this address. <a href="/">See the matters docketwatch follows</a>.</p>`,
      ),
    ),
  );
  // Before the routes: they apply to every route declared after them.
  registerSecurityHeaders(app, deps.publicUrl);
  registerRateLimits(app, deps);
  // The routes live in one context registered after the API docs, so /openapi.json lists every one.
  void app.register(async (routes) => {
    await registerApiDocs(routes, deps.publicUrl);
    registerAdminSession(routes, deps);
    // A process's runtime passes the metrics its other roles record too; alone, the API keeps its own.
    registerMetrics(routes, deps.metrics ?? new Metrics());
    registerHealthRoutes(routes, deps);
    registerMatterRoutes(routes, deps);
    registerMatterCrudRoutes(routes, deps);
    registerProposalRoutes(routes, deps);
    registerEntryRoutes(routes, deps);
    registerSearchRoutes(routes, deps);
    registerSourceCrudRoutes(routes, deps);
    registerSourceRoutes(routes, deps);
    registerHookRoutes(routes, deps);
    registerInboundAdminRoutes(routes, deps);
    registerFeedRoutes(routes, deps);
    registerSubscriptionRoutes(routes, deps);
    registerWebRoutes(routes, deps);
    registerAdminRoutes(routes, deps);
  });
  return app;
}

export class ApiServer {
  private app: FastifyInstance | null = null;

  constructor(
    private readonly deps: ApiDeps,
    private readonly listen: { host: string; port: number },
  ) {}

  /** Starts listening; returns the address it listens on. */
  async start(): Promise<string> {
    this.app = buildServer(this.deps);
    return this.app.listen({ host: this.listen.host, port: this.listen.port });
  }

  async stop(): Promise<void> {
    await this.app?.close();
    this.app = null;
  }
}
