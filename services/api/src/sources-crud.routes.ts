import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { changeSource, createSource, deleteSource, getDocket, getSource, listSources, type Source } from '@docketwatch/db';
import { sourceInputOf } from '@docketwatch/catalogue';
import { paceOf, type Pace } from './source-pace';
import { catalogueEntriesIn, catalogueEntryFor, type CatalogueSection } from '@docketwatch/sources';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps';
import { problemResponses, problemSchema } from './api-schemas';
import { requireToken } from './auth';
import { sendProblem } from './problem';

const SECTIONS = ['docketSources', 'feeds', 'pressRooms', 'pages', 'mailboxes', 'webhooks'] as const satisfies readonly CatalogueSection[];

const idParam = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const instant = z.iso.datetime({ offset: true }).nullable();

const sourceJson = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    name: z.string(),
    address: z.string().describe("where the source is: the URL it is read from, or a pushed kind's receiving address (mailto:…)"),
    court: z.string().nullable(),
    docketId: z.number().int().nullable(),
    enabled: z.boolean(),
    health: z.enum(['new', 'ok', 'degraded', 'failing', 'layout-changed']),
    intervalSeconds: z.number().int(),
    effectiveIntervalSeconds: z
      .number()
      .int()
      .describe("how often it is checked in effect: a CourtListener source no more often than its share of the account's API budget"),
    nextCheckAt: instant,
    lastCheckedAt: instant,
    lastSuccessAt: instant,
    consecutiveFailures: z.number().int(),
    lastErrorCode: z.string().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'Source' });

const guarded = { ...problemResponses, 401: problemSchema, 403: problemSchema } as const;
const security = [{ apiToken: [] }];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function sourceOut(s: Source, pace: Pace) {
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    address: s.address,
    court: s.court,
    docketId: s.docket_id,
    enabled: s.enabled,
    health: s.health,
    intervalSeconds: s.interval_seconds,
    effectiveIntervalSeconds: pace(s),
    nextCheckAt: iso(s.next_check_at),
    lastCheckedAt: iso(s.last_checked_at),
    lastSuccessAt: iso(s.last_success_at),
    consecutiveFailures: s.consecutive_failures,
    lastErrorCode: s.last_error_code,
    lastError: s.last_error,
  };
}

const newSourceBody = z
  .object({
    section: z.enum(SECTIONS).describe("the catalogue section the entry belongs in (docketSources: a docket's own sources)"),
    docketId: z.number().int().min(1).max(2_147_483_647).optional().describe('for docketSources: the docket it reads'),
    entry: z
      .record(z.string(), z.unknown())
      .describe("the source as a catalogue entry of the section, checked by its kind's own schema (`kind` where the section has several)"),
  })
  .strict();

/** Sources over JSON: the list and one source are public (their health is for everyone to see), changes need `sources:write`. */
export function registerSourceCrudRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const auth = requireToken(deps.db, 'sources:write');

  routes.get(
    '/api/sources',
    {
      schema: {
        summary: 'Every source with its health: what a person needs to see that none has stopped silently',
        response: { 200: z.object({ sources: z.array(sourceJson) }) },
      },
    },
    async () => {
      const pace = await paceOf(deps);
      return { sources: (await listSources(deps.db)).map((s) => sourceOut(s, pace)) };
    },
  );

  routes.get(
    '/api/sources/:id',
    {
      schema: {
        summary: 'One source with its health',
        params: idParam,
        response: { 200: z.object({ source: sourceJson }), ...problemResponses },
      },
    },
    async (req, reply) => {
      const source = await getSource(deps.db, req.params.id);
      return source ? { source: sourceOut(source, await paceOf(deps)) } : sendProblem(reply, 404, 'SOURCE_NOT_FOUND', 'no such source');
    },
  );

  routes.post(
    '/api/sources',
    {
      preHandler: auth,
      schema: {
        summary: 'Add a source, written as a catalogue entry',
        description:
          'The entry is validated by the schema its source kind declares for the catalogue section, so the API accepts what a catalogue file does.',
        security,
        body: newSourceBody,
        response: { 201: z.object({ source: sourceJson }), 409: problemSchema, ...guarded },
      },
    },
    async (req, reply) => {
      const { section, docketId, entry } = req.body;
      const match = catalogueEntryFor(section, entry.kind);
      if (!match) {
        const kinds = catalogueEntriesIn(section)
          .map((e) => e.kind)
          .join(', ');
        return sendProblem(reply, 400, 'INVALID_SOURCE', `entry.kind must be one of ${kinds}`, [`entry.kind: one of ${kinds}`]);
      }
      const parsed = match.entry.schema.safeParse(entry);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => `entry.${i.path.join('.') || '(entry)'}: ${i.message}`);
        return sendProblem(reply, 400, 'INVALID_SOURCE', 'the entry has invalid values', errors);
      }
      const forDocket = section === 'docketSources';
      if (forDocket !== (docketId !== undefined)) {
        const why = forDocket ? 'a docket source needs docketId' : 'only a docket source takes docketId';
        return sendProblem(reply, 400, 'INVALID_SOURCE', why, [`docketId: ${why}`]);
      }
      const docket = docketId === undefined ? undefined : await getDocket(deps.db, docketId);
      if (docketId !== undefined && !docket) return sendProblem(reply, 404, 'DOCKET_NOT_FOUND', 'no such docket');
      const input = sourceInputOf(match, parsed.data, docket ? { id: docket.id, court: docket.court, number: docket.docket_number } : null);
      const source = await createSource(deps.db, input);
      if (!source) return sendProblem(reply, 409, 'SOURCE_EXISTS', 'a source already reads this address');
      return reply.status(201).send({ source: sourceOut(source, await paceOf(deps)) });
    },
  );

  routes.patch(
    '/api/sources/:id',
    {
      preHandler: auth,
      schema: {
        summary: 'Enable or disable a source, rename it, or change how often it is checked',
        security,
        params: idParam,
        body: z
          .object({
            name: z.string().trim().min(1).max(200).optional(),
            enabled: z.boolean().optional(),
            intervalSeconds: z
              .number()
              .int()
              .min(60)
              .max(7 * 86400)
              .optional()
              .describe('seconds between checks, from a minute to a week'),
          })
          .strict(),
        response: { 200: z.object({ source: sourceJson }), ...guarded },
      },
    },
    async (req, reply) => {
      const source = await changeSource(deps.db, req.params.id, req.body);
      return source ? { source: sourceOut(source, await paceOf(deps)) } : sendProblem(reply, 404, 'SOURCE_NOT_FOUND', 'no such source');
    },
  );

  routes.delete(
    '/api/sources/:id',
    {
      preHandler: auth,
      schema: {
        summary: 'Delete a source and its sightings (the entries it saw stay); PATCH enabled: false keeps its history',
        security,
        params: idParam,
        response: { 204: z.null().describe('deleted'), ...guarded },
      },
    },
    async (req, reply) =>
      (await deleteSource(deps.db, req.params.id))
        ? reply.status(204).send(null)
        : sendProblem(reply, 404, 'SOURCE_NOT_FOUND', 'no such source'),
  );
}
