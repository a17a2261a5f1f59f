import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findEntryWithSightings } from '@docketwatch/db';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps';
import { entryRow, problemResponses } from './api-schemas';
import { sendProblem } from './problem';

/** One entry with its matter: a timeline row without its ordering time, named by its matter. */
const entryJson = entryRow
  .omit({ type: true, at: true })
  .extend({ matter: z.string().describe("the matter's slug") })
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
