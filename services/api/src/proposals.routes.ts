import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findMatterBySlug, listCaseProposals, type CaseProposal } from '@docketwatch/db';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps';
import { problemResponses, problemSchema } from './api-schemas';
import { requireToken } from './auth';
import { sendProblem } from './problem';

const STATUSES = ['proposed', 'accepted', 'attached', 'rejected'] as const;

const proposalJson = z
  .object({
    id: z.number().int(),
    court: z.string(),
    docketNumber: z.string(),
    caseName: z.string(),
    courtlistenerId: z.number().int().nullable(),
    filedOn: z.string().nullable(),
    natureOfSuit: z.string(),
    cause: z.string(),
    url: z.string().nullable(),
    foundBy: z.string().describe('the source that found the case, and its query for a search'),
    reasons: z
      .array(z.object({ kind: z.enum(['party', 'statute', 'nature-of-suit', 'court']), value: z.string(), excerpt: z.string() }))
      .describe("what in the case fits the matter's discovery rule"),
    status: z.enum(STATUSES),
    docketId: z.number().int().nullable().describe('the docket it became, once accepted or attached'),
    decidedBy: z.string().nullable(),
    decidedAt: z.iso.datetime({ offset: true }).nullable(),
    foundAt: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'CaseProposal' });

function proposalOut(p: CaseProposal): z.infer<typeof proposalJson> {
  return {
    id: p.id,
    court: p.court,
    docketNumber: p.docket_number,
    caseName: p.case_name,
    courtlistenerId: p.courtlistener_id,
    filedOn: p.filed_on,
    natureOfSuit: p.nature_of_suit,
    cause: p.cause,
    url: p.url,
    foundBy: p.found_by,
    reasons: p.reasons,
    status: p.status,
    docketId: p.docket_id,
    decidedBy: p.decided_by,
    decidedAt: p.decided_at ? p.decided_at.toISOString() : null,
    foundAt: p.created_at.toISOString(),
  };
}

/**
 * New cases proposed on a matter by its discovery rule. They name cases nobody has vetted yet, so
 * reading them takes a `matters:write` token; accepting and rejecting are the admin pages'.
 */
export function registerProposalRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/matters/:slug/proposals',
    {
      preHandler: requireToken(deps.db, 'matters:write'),
      schema: {
        summary: 'New cases found for a matter by its discovery rule, newest first (at most 500)',
        security: [{ apiToken: [] }],
        params: z.object({ slug: z.string().max(100) }),
        querystring: z.object({ status: z.enum(STATUSES).optional() }),
        response: { 200: z.object({ proposals: z.array(proposalJson) }), 401: problemSchema, 403: problemSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', `no matter "${req.params.slug}"`);
      return { proposals: (await listCaseProposals(deps.db, matter.id, req.query.status)).map(proposalOut) };
    },
  );
}
