import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import type { QueueSet } from './queues';

export type { IServerAdapter as QueueBoardServer };

/**
 * Shows every docketwatch queue on a bull-board dashboard served by `server` (the API's Fastify
 * adapter): waiting, active, failed and completed jobs, with retry and clean. This package owns
 * bullmq, so the board's queue adapters are made here.
 */
export function mountQueueBoard(server: IServerAdapter, queues: QueueSet): void {
  createBullBoard({ queues: queues.all.map((queue) => new BullMQAdapter(queue)), serverAdapter: server });
}
