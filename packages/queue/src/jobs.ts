import { z } from 'zod';

/**
 * The job catalogue. Jobs carry ids, never content: Postgres holds the content, so a lost job
 * is rebuilt from Postgres by a sweeper and a replayed one finds nothing left to do.
 */
export const jobs = {
  /** Poll one source once. */
  pollSource: { queue: 'poll', name: 'poll-source', payload: z.object({ sourceId: z.number().int().positive() }) },
  /** Turn outbox events into delivery rows and enqueue them. */
  fanOut: { queue: 'notify', name: 'fan-out', payload: z.object({}) },
  /** Send every daily digest that is due (one sweep for all subscribers, not a schedule each). */
  digest: { queue: 'digest', name: 'digest', payload: z.object({}) },
  /**
   * Ingest CourtListener webhook events kept on receipt: the one named, or (the repeating sweep, no
   * id) every one still waiting a minute after it arrived because its job was lost.
   */
  ingestWebhooks: {
    queue: 'ingest',
    name: 'ingest-webhooks',
    payload: z.object({ messageId: z.number().int().positive().optional() }),
  },
  /** Tell the operator of sources that turned failing, changed layout, fell silent or recovered (a sweep). */
  operatorNotices: { queue: 'notices', name: 'operator-notices', payload: z.object({}) },
  /** Send one delivery. */
  deliver: { queue: 'deliver', name: 'deliver', payload: z.object({ deliveryId: z.number().int().positive() }) },
} as const;

export type JobKey = keyof typeof jobs;
export type JobPayload<K extends JobKey> = z.infer<(typeof jobs)[K]['payload']>;
export type QueueName = (typeof jobs)[JobKey]['queue'];
export const queueNames: QueueName[] = [...new Set(Object.values(jobs).map((j) => j.queue))];

export function parsePayload<K extends JobKey>(key: K, data: unknown): JobPayload<K> {
  return jobs[key].payload.parse(data) as JobPayload<K>;
}

/** Deterministic job ids: enqueueing the same work twice while it waits adds it once. */
export const jobIds = {
  poll: (sourceId: number, slot: Date) => `poll-${sourceId}-${slot.getTime()}`,
  /** A delivery's job for one due time: a retry or a paced resend is a new job, a repeat sweep is not. */
  deliver: (deliveryId: number, attempt: number, due: Date) => `deliver-${deliveryId}-${attempt}-${due.getTime()}`,
  ingestWebhook: (messageId: number) => `ingest-webhook-${messageId}`,
};
