import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getInboundMessageRaw, listInboundMessages } from '@docketwatch/db';
import type { ApiDeps } from './api-deps';
import { problemResponses, problemSchema } from './api-schemas';
import { requireToken } from './auth';
import { parseId, sendProblem } from './problem';

const inboundStatus = z.enum(['received', 'ingested', 'failed', 'quarantined']);

const inboundMessage = z
  .object({
    id: z.number().int(),
    sourceId: z.number().int().nullable(),
    channel: z.enum(['smtp', 'upload', 'webhook']),
    sender: z.string().nullable().describe('MAIL FROM, the uploading token, or the webhook caller'),
    recipient: z.string().nullable(),
    status: inboundStatus,
    error: z.string().nullable().describe('why it failed or was quarantined'),
    receivedAt: z.iso.datetime({ offset: true }),
    bytes: z.number().int(),
  })
  .meta({ id: 'InboundMessage' });

const adminResponses = { ...problemResponses, 401: problemSchema, 403: problemSchema } as const;

/**
 * Kept inbound messages for the admin: above all the quarantined ones, mail that was not shown to be
 * a court's and was never alerted. `docketwatch inbound replay ID --trust --reason …` ingests one.
 */
export function registerInboundAdminRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const auth = requireToken(deps.db, 'admin');

  routes.get(
    '/api/admin/inbound',
    {
      preHandler: auth,
      schema: {
        summary: 'Kept inbound messages, newest first (e.g. ?status=quarantined)',
        security: [{ apiToken: [] }],
        querystring: z
          .object({
            status: inboundStatus.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            /** The `next` of the previous page. */
            before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
          })
          .strict(),
        response: { 200: z.object({ messages: z.array(inboundMessage), next: z.number().int().nullable() }), ...adminResponses },
      },
    },
    async (req) => {
      const { status, limit, before } = req.query;
      const rows = await listInboundMessages(deps.db, {
        limit: limit + 1,
        ...(status ? { status } : {}),
        ...(before ? { beforeId: before } : {}),
      });
      const page = rows.slice(0, limit);
      return {
        messages: page.map((m) => ({ ...m, receivedAt: new Date(m.receivedAt).toISOString() })),
        next: rows.length > limit ? page.at(-1)!.id : null,
      };
    },
  );

  routes.get(
    '/api/admin/inbound/:id/raw',
    {
      preHandler: auth,
      schema: {
        summary: 'One kept inbound message exactly as received (message/rfc822), to download and inspect',
        security: [{ apiToken: [] }],
        produces: ['message/rfc822'],
        params: z.object({ id: z.string() }),
        response: { 200: z.any().describe('the raw message'), ...adminResponses },
      },
    },
    async (req, reply) => {
      const id = parseId(req.params.id);
      const raw = id === null ? undefined : await getInboundMessageRaw(deps.db, id);
      if (!raw) return sendProblem(reply, 404, 'INBOUND_MESSAGE_NOT_FOUND', 'no such inbound message');
      // A forged message is hostile content: downloaded, never rendered by the browser.
      return reply.type('message/rfc822').header('content-disposition', `attachment; filename="inbound-${id}.eml"`).send(raw);
    },
  );
}
