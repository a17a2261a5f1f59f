import type { FastifyInstance } from 'fastify';
import { findMatterBySlug, listDocketsOfMatter, listMatters, matterTimeline } from '@docketwatch/db';
import { courtName } from '@docketwatch/core';
import type { ApiDeps } from './api-deps';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function registerMatterRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/api/matters', async () => {
    const matters = await listMatters(deps.db);
    return { matters: matters.map((m) => ({ slug: m.slug, name: m.name, description: m.description, aliases: m.aliases })) };
  });

  app.get<{ Params: { slug: string }; Querystring: { limit?: string; before?: string } }>(
    '/api/matters/:slug/timeline',
    async (req, reply) => {
      const { slug } = req.params;
      if (!SLUG.test(slug)) return reply.status(400).send({ error: 'matter slugs are lower-case words joined by hyphens' });
      const limit = req.query.limit === undefined ? 100 : Number(req.query.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        return reply.status(400).send({ error: 'limit must be an integer from 1 to 1000' });
      const before = req.query.before === undefined ? undefined : new Date(req.query.before);
      if (before && Number.isNaN(before.getTime())) return reply.status(400).send({ error: 'before must be an ISO 8601 date-time' });
      const matter = await findMatterBySlug(deps.db, slug);
      if (!matter) return reply.status(404).send({ error: `no matter "${slug}"` });
      const [dockets, items] = await Promise.all([
        listDocketsOfMatter(deps.db, matter.id),
        matterTimeline(deps.db, matter.id, { limit, ...(before ? { before } : {}) }),
      ]);
      return {
        matter: { slug: matter.slug, name: matter.name, description: matter.description },
        dockets: dockets.map((d) => ({
          court: d.court,
          courtName: courtName(d.court),
          docketNumber: d.docket_number,
          caseName: d.case_name,
          captions: d.captions,
        })),
        entries: items,
      };
    },
  );
}
