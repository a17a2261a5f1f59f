import type { FastifyInstance } from 'fastify';
import { FastifyAdapter } from '@bull-board/fastify';
import { mountQueueBoard } from '@docketwatch/queue';
import type { ApiDeps } from '../api-deps';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The queue dashboard (bull-board) at /admin/queues, behind the admin session like every /admin
 * path. Mounted only where the process has the queues (not in tests that build the API alone).
 */
export function registerQueueBoard(app: FastifyInstance, deps: ApiDeps): void {
  const queues = deps.queues;
  if (!queues) return;
  void app.register(async (scope) => {
    // The board's page loads its scripts relative to a <base href>, which our policy's base-uri 'none' would ignore.
    scope.addHook('onSend', async (_req, reply, payload) => {
      const policy = reply.getHeader('content-security-policy');
      if (typeof policy === 'string') void reply.header('content-security-policy', policy.replace("base-uri 'none'", "base-uri 'self'"));
      return payload;
    });
    const server = new FastifyAdapter();
    server.setBasePath(QUEUE_BOARD_PATH);
    mountQueueBoard(server, queues);
    await scope.register(server.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
