import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { courtName, ITEM_CLASSES } from '@docketwatch/core';
import {
  findMatterBySlug,
  listDocketsOfMatter,
  listMatters,
  matterTimelinePage,
  type TimelineCursor,
  type TimelineQuery,
} from '@docketwatch/db';
import type { ApiDeps } from './api-deps';
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

/** Cursors are opaque to clients: the last row's time in microseconds, its kind and id. */
export function encodeCursor(cursor: TimelineCursor): string {
  return Buffer.from(JSON.stringify([cursor.atMicros, cursor.type, cursor.id])).toString('base64url');
}

export function decodeCursor(text: string): TimelineCursor | null {
  try {
    const [atMicros, type, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof atMicros !== 'string' || !/^-?\d{1,20}$/.test(atMicros)) return null;
    if (type !== 'entry' && type !== 'item') return null;
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1) return null;
    return { atMicros, type, id };
  } catch {
    return null;
  }
}

export function registerMatterRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/api/matters', async () => {
    const matters = await listMatters(deps.db);
    return { matters: matters.map((m) => ({ slug: m.slug, name: m.name, description: m.description, aliases: m.aliases })) };
  });

  /** One matter's merged timeline, newest first, a page at a time: `next` is the cursor of the following page. */
  app.get<{ Params: { slug: string } }>('/api/matters/:slug/timeline', async (req, reply) => {
    const { slug } = req.params;
    if (!SLUG.test(slug)) return sendProblem(reply, 400, 'INVALID_SLUG', 'matter slugs are lower-case words joined by hyphens');
    const parsed = timelineQuery.safeParse(req.query);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`);
      return sendProblem(reply, 400, 'INVALID_QUERY', 'the timeline query has invalid parameters', errors);
    }
    const q = parsed.data;
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    if (after === null) return sendProblem(reply, 400, 'INVALID_CURSOR', 'cursor is not one this API gave out');
    const matter = await findMatterBySlug(deps.db, slug);
    if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', `no matter "${slug}"`);
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
      entries: page.rows,
      next: page.next ? encodeCursor(page.next) : null,
    };
  });
}
