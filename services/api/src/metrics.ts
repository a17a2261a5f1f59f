import type { FastifyInstance } from 'fastify';
import type { Metrics } from '@docketwatch/log';

/** Times every request by route and status, and serves the process's metrics (every role's series it runs) at /metrics. */
export function registerMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (req, reply) => {
    // The route's pattern ("/u/:token"), so label values stay few and no secret becomes a label.
    const route = req.routeOptions.url ?? 'unmatched';
    metrics.httpRequestSeconds.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { summary: 'Prometheus metrics', produces: [metrics.registry.contentType] } }, async (_req, reply) => {
    const { contentType, body } = await metrics.exposition();
    return reply.type(contentType).send(body);
  });
}
