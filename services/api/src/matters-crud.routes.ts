import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ENTRY_CLASSES, normaliseDocketNumber, type EntryClass } from '@docketwatch/core';
import {
  createDocket,
  createMatter,
  docketCoverage,
  findMatterBySlug,
  getDocket,
  listDocketsOfMatter,
  removeDocket,
  setMatterArchived,
  updateMatter,
  type Docket,
  type Matter,
} from '@docketwatch/db';
import { courtId } from '@docketwatch/sources';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps';
import { problemResponses, problemSchema } from './api-schemas';
import { requireToken } from './auth';
import { sendProblem } from './problem';

const slugParam = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')
    .max(100),
});
const idParam = z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) });
const words = z.array(z.string().trim().min(1).max(200)).max(100);

const matterFields = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  aliases: words.default([]).describe('other names the press uses: press items naming one are attached'),
  keywords: words.default([]),
});

const matterJson = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    aliases: z.array(z.string()),
    keywords: z.array(z.string()),
    archivedAt: z.iso.datetime({ offset: true }).nullable().describe('set when archived: off the lists, alerts no one'),
  })
  .meta({ id: 'Matter' });

const docketJson = z
  .object({
    id: z.number().int(),
    court: z.string(),
    docketNumber: z.string(),
    caseName: z.string(),
    pacerCaseId: z.string().nullable(),
    unseenClasses: z
      .array(z.enum(ENTRY_CLASSES as [EntryClass, ...EntryClass[]]))
      .describe(
        "entry classes no enabled source of this docket carries (a court's feed with only some entry types, no source at all): a silence in these is a gap, not news",
      ),
  })
  .meta({ id: 'Docket' });

/** Answers of routes behind a token: none or an expired one (401), one without the scope (403). */
const guarded = { ...problemResponses, 401: problemSchema, 403: problemSchema } as const;
const security = [{ apiToken: [] }];

function matterOut(m: Matter) {
  return {
    slug: m.slug,
    name: m.name,
    description: m.description,
    aliases: m.aliases,
    keywords: m.keywords,
    archivedAt: m.archived_at ? m.archived_at.toISOString() : null,
  };
}

/** Dockets as the API shows them, each with what none of its sources can see. */
async function docketsOut(db: ApiDeps['db'], dockets: Docket[]) {
  const coverage = await docketCoverage(db, dockets);
  return dockets.map((d) => ({
    id: d.id,
    court: d.court,
    docketNumber: d.docket_number,
    caseName: d.case_name,
    pacerCaseId: d.pacer_case_id,
    unseenClasses: coverage.get(d.id)?.unseen ?? [...ENTRY_CLASSES],
  }));
}

/** Matters and their dockets over JSON: a read is public, a change needs a `matters:write` token. */
export function registerMatterCrudRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const auth = requireToken(deps.db, 'matters:write');

  routes.post(
    '/api/matters',
    {
      preHandler: auth,
      schema: {
        summary: 'Add a matter',
        security,
        body: matterFields.extend({ slug: slugParam.shape.slug }).strict(),
        response: { 201: z.object({ matter: matterJson }), 409: problemSchema, ...guarded },
      },
    },
    async (req, reply) => {
      const { slug, ...fields } = req.body;
      const matter = await createMatter(deps.db, slug, fields);
      if (!matter) return sendProblem(reply, 409, 'MATTER_EXISTS', `a matter "${slug}" exists already`);
      return reply.status(201).send({ matter: matterOut(matter) });
    },
  );

  routes.get(
    '/api/matters/:slug',
    {
      schema: {
        summary: 'One matter with its dockets (archived ones too)',
        params: slugParam,
        response: { 200: z.object({ matter: matterJson, dockets: z.array(docketJson) }), ...problemResponses },
      },
    },
    async (req, reply) => {
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', `no matter "${req.params.slug}"`);
      const dockets = await listDocketsOfMatter(deps.db, matter.id);
      return { matter: matterOut(matter), dockets: await docketsOut(deps.db, dockets) };
    },
  );

  routes.patch(
    '/api/matters/:slug',
    {
      preHandler: auth,
      schema: {
        summary: 'Change a matter: its name, description, aliases or keywords; `archived: false` brings it back',
        security,
        params: slugParam,
        body: matterFields.partial().extend({ archived: z.boolean().optional() }).strict(),
        response: { 200: z.object({ matter: matterJson }), ...guarded },
      },
    },
    async (req, reply) => {
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', `no matter "${req.params.slug}"`);
      const { archived, ...fields } = req.body;
      await updateMatter(deps.db, matter.id, {
        name: fields.name ?? matter.name,
        description: fields.description ?? matter.description,
        aliases: fields.aliases ?? matter.aliases,
        keywords: fields.keywords ?? matter.keywords,
      });
      if (archived !== undefined && archived !== (matter.archived_at !== null)) await setMatterArchived(deps.db, matter.id, archived);
      return { matter: matterOut((await findMatterBySlug(deps.db, matter.slug))!) };
    },
  );

  routes.delete(
    '/api/matters/:slug',
    {
      preHandler: auth,
      schema: {
        summary: 'Archive a matter',
        description:
          'Its history and subscriptions are kept, it leaves the lists and its new entries alert no one. PATCH `archived: false` undoes it.',
        security,
        params: slugParam,
        response: { 200: z.object({ matter: matterJson }), ...guarded },
      },
    },
    async (req, reply) => {
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', `no matter "${req.params.slug}"`);
      if (!matter.archived_at) await setMatterArchived(deps.db, matter.id, true);
      return { matter: matterOut((await findMatterBySlug(deps.db, matter.slug))!) };
    },
  );

  routes.post(
    '/api/matters/:slug/dockets',
    {
      preHandler: auth,
      schema: {
        summary: 'Add a docket to a matter',
        security,
        params: slugParam,
        body: z
          .object({
            court: courtId,
            docketNumber: z.string().trim().min(1).max(100).transform(normaliseDocketNumber),
            caseName: z.string().max(500).optional(),
            pacerCaseId: z
              .string()
              .regex(/^[0-9]{1,12}$/)
              .optional(),
          })
          .strict(),
        response: { 201: z.object({ docket: docketJson }), 409: problemSchema, ...guarded },
      },
    },
    async (req, reply) => {
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', `no matter "${req.params.slug}"`);
      const docket = await createDocket(deps.db, { matterId: matter.id, ...req.body });
      if (!docket) return sendProblem(reply, 409, 'DOCKET_EXISTS', `${req.body.court} ${req.body.docketNumber} is followed already`);
      const [out] = await docketsOut(deps.db, [docket]);
      return reply.status(201).send({ docket: out! });
    },
  );

  routes.delete(
    '/api/dockets/:id',
    {
      preHandler: auth,
      schema: {
        summary: 'Remove a docket and its entries (its own sources are kept, disabled)',
        security,
        params: idParam,
        response: { 204: z.null().describe('removed'), ...guarded },
      },
    },
    async (req, reply) => {
      const docket = await getDocket(deps.db, req.params.id);
      if (!docket || !(await removeDocket(deps.db, docket.matter_id, docket.id))) {
        return sendProblem(reply, 404, 'DOCKET_NOT_FOUND', 'no such docket');
      }
      return reply.status(204).send(null);
    },
  );
}
