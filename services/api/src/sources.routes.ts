import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { isDocketwatchError } from '@docketwatch/core';
import { findMatterBySlug, getSource, markInboundMessage, recordInboundMessage, removeItemFromMatter } from '@docketwatch/db';
import { ingestPushed } from '@docketwatch/ingest';
import { uploadableKindIds } from '@docketwatch/sources';
import { requireToken, tokenName } from './auth';
import type { ApiDeps } from './api-deps';
import { problemSchema } from './api-schemas';
import { parseId, sendProblem } from './problem';

/** Raw documents: .eml messages, saved docket pages. */
const UPLOAD_TYPES = ['message/rfc822', 'text/html', 'text/plain', 'application/octet-stream'] as const;

const guarded = { 401: problemSchema, 403: problemSchema, 404: problemSchema } as const;
const security = [{ apiToken: [] }];

/** What an upload answers: what the document added. */
const uploadReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  events: z.number().int().describe('outbox events written: what subscribers will hear about'),
  itemsCreated: z.number().int(),
  itemsAttached: z.number().int(),
  untracked: z.number().int().describe('dockets in the document that no matter follows'),
  linked: z.array(z.string()),
  baseline: z.boolean(),
  dockets: z.number().int(),
});

const uploadSchema = {
  summary: 'Upload a document into a push source',
  description:
    'An NEF or Supreme Court e-mail (message/rfc822), or a PACER docket report saved from a browser (text/html: backfills history without alerts). The body is the raw document, kept as received.',
  security,
  consumes: [...UPLOAD_TYPES],
  params: z.object({ id: z.string() }),
  body: z.any().describe('the raw document'),
  response: {
    201: uploadReport,
    ...guarded,
    400: problemSchema.describe('EMPTY_UPLOAD'),
    409: problemSchema.describe('SOURCE_DISABLED or SOURCE_TAKES_NO_UPLOADS'),
    413: problemSchema,
    415: problemSchema,
    422: problemSchema.describe('the document does not parse (PARSE_…)'),
  },
};

export function registerSourceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const auth = requireToken(deps.db, 'sources:write');
  // Raw documents: .eml messages, saved docket pages. Kept as received, whatever their type.
  app.addContentTypeParser([...UPLOAD_TYPES], { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  /**
   * Upload a document into a push source: an NEF or Supreme Court e-mail (.eml), or a PACER docket
   * report saved from a browser (backfills a case's history without alerting on it).
   */
  routes.post('/api/sources/:id/documents', { preHandler: auth, schema: uploadSchema }, async (req, reply) => {
    const id = parseId(req.params.id);
    const source = id === null ? undefined : await getSource(deps.db, id);
    if (!source) return sendProblem(reply, 404, 'SOURCE_NOT_FOUND', 'no such source');
    if (!source.enabled) return sendProblem(reply, 409, 'SOURCE_DISABLED', 'this source is disabled');
    if (!uploadableKindIds.includes(source.kind)) {
      return sendProblem(reply, 409, 'SOURCE_TAKES_NO_UPLOADS', `a ${source.kind} source does not take uploads`);
    }
    // No body at all (no Content-Type, nothing sent) is an empty upload, not the two bytes '""'.
    const raw = Buffer.isBuffer(req.body)
      ? req.body
      : req.body === undefined || req.body === null
        ? Buffer.alloc(0)
        : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    if (raw.length === 0) return sendProblem(reply, 400, 'EMPTY_UPLOAD', 'empty upload');
    const messageId = await recordInboundMessage(deps.db, {
      sourceId: source.id,
      channel: 'upload',
      sender: tokenName(req),
      recipient: null,
      raw,
    });
    try {
      const report = await ingestPushed(deps.db, source, 'upload', raw);
      await markInboundMessage(deps.db, messageId, 'ingested');
      // The events are stored: a wake-up that fails only delays them to the notifier's next tick.
      if (report.events > 0) {
        await deps.onEvents?.(report.events).catch((err: Error) => deps.log.warn({ err }, 'could not wake the notifier'));
      }
      return reply.status(201).send(report);
    } catch (err) {
      const code = isDocketwatchError(err) ? err.code : 'INGEST_FAILED';
      await markInboundMessage(deps.db, messageId, 'failed', `${code}: ${(err as Error).message}`.slice(0, 1000));
      if (isDocketwatchError(err) && err.code.startsWith('PARSE_')) return sendProblem(reply, 422, code, err.message);
      throw err;
    }
  });

  /** Removes a press item wrongly attached to a matter; it stays removed. */
  routes.delete(
    '/api/matters/:slug/items/:itemId',
    {
      preHandler: requireToken(deps.db, 'matters:write'),
      schema: {
        summary: 'Remove a press item wrongly attached to a matter; it stays removed',
        security,
        params: z.object({ slug: z.string(), itemId: z.string() }),
        response: { 204: z.null().describe('removed'), ...guarded },
      },
    },
    async (req, reply) => {
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      const itemId = parseId(req.params.itemId);
      if (!matter || itemId === null) return sendProblem(reply, 404, 'ITEM_NOT_FOUND', 'no such matter or item');
      const removed = await removeItemFromMatter(deps.db, { matterId: matter.id, itemId, by: tokenName(req) });
      return removed ? reply.status(204).send(null) : sendProblem(reply, 404, 'ITEM_NOT_FOUND', 'that item is not attached to this matter');
    },
  );
}
