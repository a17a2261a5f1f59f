import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { courtName, ITEM_CLASSES } from '@docketwatch/core';
import {
  findMatterBySlug,
  listDocketsOfMatter,
  listMatters,
  matterTimelinePage,
  type TimelineQuery,
  type TimelineRow,
} from '@docketwatch/db';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiDeps } from './api-deps';
import { problemResponses, timelineRowSchema } from './api-schemas';
import { decodeCursor, encodeCursor } from './timeline-cursor';
import { sendProblem } from './problem';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A comma-separated list of allowed words ("order,opinion"). */
const wordList = (allowed: (word: string) => boolean, what: string) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((w) => w.trim().toLowerCase())
        .filter(Boolean),
    )
    .refine((words) => words.length > 0 && words.every(allowed), `a comma-separated list of ${what}`);

const instant = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO 8601 date or date-time')
  .transform((s) => new Date(s));

/** The timeline's query: every parameter is checked, and one it does not know is an error, never ignored. */
const timelineQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    /** The `next` of the previous page. */
    cursor: z.string().max(200).optional(),
    class: wordList((w) => (ITEM_CLASSES as readonly string[]).includes(w), `classes (${ITEM_CLASSES.join(', ')})`).optional(),
    court: wordList((w) => /^[a-z0-9]{2,10}$/.test(w), 'court ids (mdd, ca4, scotus) or press').optional(),
    since: instant.optional(),
    until: instant.optional(),
    /** Older form of `until`, kept for existing clients. */
    before: instant.optional(),
  })
  .strict();

/** Dates as ISO 8601 text: what the API promises, whatever the driver returns. */
function timelineRowJson(row: TimelineRow) {
  const times = { at: row.at.toISOString(), firstSeenAt: row.firstSeenAt.toISOString() };
  return row.type === 'entry' ? { ...row, ...times, updatedAt: row.updatedAt.toISOString() } : { ...row, ...times };
}

const matterSummary = z.object({ slug: z.string(), name: z.string(), description: z.string() });

export function registerMatterRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/api/matters',
    {
      schema: {
        summary: 'The matters docketwatch follows',
        response: { 200: z.object({ matters: z.array(matterSummary.extend({ aliases: z.array(z.string()) })) }) },
      },
    },
    async () => {
      const matters = await listMatters(deps.db);
      return { matters: matters.map((m) => ({ slug: m.slug, name: m.name, description: m.description, aliases: m.aliases })) };
    },
  );

  routes.get(
    '/api/matters/:slug/timeline',
    {
      schema: {
        summary: "One matter's merged timeline, newest first, a page at a time",
        description:
          'Docket entries from every court and the press items attached to the matter. `next` is the cursor of the following page (null on the last); pages never skip or repeat a row.',
        params: z.object({ slug: z.string().regex(SLUG, 'lower-case words joined by hyphens') }),
        querystring: timelineQuery,
        response: {
          200: z.object({
            matter: matterSummary,
            dockets: z.array(
              z.object({
                court: z.string(),
                courtName: z.string(),
                docketNumber: z.string(),
                caseName: z.string(),
                captions: z.array(z.string()),
              }),
            ),
            entries: z.array(timelineRowSchema),
            next: z.string().nullable(),
          }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
      if (after === null) return sendProblem(reply, 400, 'INVALID_CURSOR', 'cursor is not one this API gave out');
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', `no matter "${req.params.slug}"`);
      const until = q.until ?? q.before;
      const query: TimelineQuery = {
        limit: q.limit,
        ...(after ? { after } : {}),
        ...(q.class ? { classes: q.class } : {}),
        ...(q.court ? { courts: q.court } : {}),
        ...(q.since ? { since: q.since } : {}),
        ...(until ? { until } : {}),
      };
      const [dockets, page] = await Promise.all([listDocketsOfMatter(deps.db, matter.id), matterTimelinePage(deps.db, matter.id, query)]);
      return {
        matter: { slug: matter.slug, name: matter.name, description: matter.description },
        dockets: dockets.map((d) => ({
          court: d.court,
          courtName: courtName(d.court),
          docketNumber: d.docket_number,
          caseName: d.case_name,
          captions: d.captions,
        })),
        entries: page.rows.map(timelineRowJson),
        next: page.next ? encodeCursor(page.next) : null,
      };
    },
  );
}
