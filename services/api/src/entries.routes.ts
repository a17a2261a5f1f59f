import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findEntryWithSightings } from '@docketwatch/db';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps';
import { problemResponses, sightingSchema } from './api-schemas';
import { sendProblem } from './problem';

const entryJson = z
  .object({
    id: z.number().int(),
    matter: z.string().describe("the matter's slug"),
    docketId: z.number().int(),
    court: z.string(),
    docketNumber: z.string(),
    caseName: z.string(),
    entryNumber: z.string().nullable(),
    filedAt: z.string().describe('as the court gave it: a date, or a date-time with offset'),
    class: z.string(),
    shortDescription: z.string(),
    description: z.string().describe('the full docket text, never cut'),
    documentUrl: z.string().nullable(),
    firstSeenAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
    sightings: z.array(sightingSchema).describe('every source that saw the entry, and when first'),
  })
  .meta({ id: 'Entry' });

export function registerEntryRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/entries/:id',
    {
      schema: {
        summary: 'One docket entry with its sightings',
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: z.object({ entry: entryJson }), ...problemResponses },
      },
    },
    async (req, reply) => {
      const entry = await findEntryWithSightings(deps.db, req.params.id);
      if (!entry) return sendProblem(reply, 404, 'ENTRY_NOT_FOUND', 'no such entry');
      const { type: _type, at: _at, matterSlug, ...fields } = entry;
      return {
        entry: { ...fields, matter: matterSlug, firstSeenAt: entry.firstSeenAt.toISOString(), updatedAt: entry.updatedAt.toISOString() },
      };
    },
  );
}
