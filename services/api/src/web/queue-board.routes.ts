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
  if (!deps.queues) return;
  const server = new FastifyAdapter();
  server.setBasePath(QUEUE_BOARD_PATH);
  mountQueueBoard(server, deps.queues);
  void app.register(server.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
}
