import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sha256 } from '@docketwatch/core';
import { claimWebhookReceipt, findWebhookSource, recordInboundMessage } from '@docketwatch/db';
import { verifyWebhookSender } from '@docketwatch/sources';
import type { ApiDeps } from './api-deps';
import { problemSchema } from './api-schemas';
import { sendProblem } from './problem';

/**
 * CourtListener docket-alert webhooks. CourtListener does not sign webhooks, so the receiving URL
 * carries a secret (only its hash is stored) and the sender's address can be checked against
 * CourtListener's published ones. CourtListener retries anything not answered 2xx within a second,
 * so the receiver only keeps the event (with its Idempotency-Key) and answers; a job on the poller
 * ingests it (workers/poller ingest-webhooks.ts), and the poller's sweep ingests any event whose
 * job was lost. A retry carrying the same key is acknowledged and kept nowhere.
 */
export function registerHookRoutes(app: FastifyInstance, deps: ApiDeps): void {
  // In their own scope, webhook bodies are read as bytes whatever their type: a payload that is not
  // even JSON is kept for replay like any other, instead of being refused before the handler runs.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    registerCourtListenerHook(scope, deps);
  });
}

const hookSchema = {
  summary: 'A CourtListener docket-alert webhook',
  description:
    "The path ends in the source's secret. The body (application/json) is kept as received, even when it does not parse, and ingested by a job after the answer; a retry with the same Idempotency-Key is acknowledged and kept nowhere.",
  params: z.object({ secret: z.string() }),
  headers: z.object({ 'idempotency-key': z.string().optional().describe("required: CourtListener's key for this delivery") }),
  body: z.any().describe("CourtListener's docket alert"),
  response: {
    200: z.object({ status: z.literal('duplicate') }).describe('a retry of an event already kept'),
    202: z
      .object({ status: z.literal('received'), message: z.number().int().describe('the kept event (inbound message) id') })
      .describe('kept; it is ingested by a job'),
    400: problemSchema.describe('IDEMPOTENCY_KEY_REQUIRED'),
    403: problemSchema.describe('SENDER_NOT_ALLOWED'),
    404: problemSchema.describe('WEBHOOK_NOT_FOUND'),
    413: problemSchema,
  },
};

function registerCourtListenerHook(app: FastifyInstance, deps: ApiDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.post('/api/hooks/courtlistener/:secret', { bodyLimit: 5 * 1024 * 1024, schema: hookSchema }, async (req, reply) => {
    const source = await findWebhookSource(deps.db, sha256(req.params.secret));
    if (!source) return sendProblem(reply, 404, 'WEBHOOK_NOT_FOUND', 'unknown webhook');
    if (source.config.checkSender !== false && !verifyWebhookSender(req.ip)) {
      return sendProblem(reply, 403, 'SENDER_NOT_ALLOWED', 'sender is not a CourtListener webhook address');
    }
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.length === 0 || key.length > 200) {
      return sendProblem(reply, 400, 'IDEMPOTENCY_KEY_REQUIRED', 'Idempotency-Key header required');
    }
    // Kept exactly as it came.
    const raw = Buffer.isBuffer(req.body)
      ? req.body
      : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null));
    // The receipt and the raw payload are written together: a claimed key always has its payload kept.
    const messageId = await deps.db
      .transaction()
      .execute(async (trx) =>
        (await claimWebhookReceipt(trx, `courtlistener:${key}`, source.id))
          ? recordInboundMessage(trx, { sourceId: source.id, channel: 'webhook', sender: req.ip, recipient: null, raw })
          : null,
      );
    if (messageId === null) return reply.status(200).send({ status: 'duplicate' });
    // Kept: a job that cannot be queued (Redis down) leaves the event to the poller's sweep.
    await deps.ingestWebhook?.(messageId).catch((err: unknown) => deps.log.warn({ err, messageId }, 'could not queue a webhook event'));
    return reply.status(202).send({ status: 'received', message: messageId });
  });
}
