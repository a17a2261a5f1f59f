import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import { courtName, courtTimeZoneOr, subscriptionWants, verifyToken } from '@docketwatch/core';
import {
  findMatterBySlug,
  getMatter,
  getSubscription,
  matterTimeline,
  subscriptionInterest,
  type Matter,
  type TimelineRow,
} from '@docketwatch/db';
import {
  ATOM_CONTENT_TYPE,
  CALENDAR_CONTENT_TYPE,
  extractScheduledEvents,
  renderAtomFeed,
  renderCalendar,
  scheduledEventUid,
  alertViewOf,
  entryPlace,
  matterPageUrl,
} from '@docketwatch/notify';
import type { ApiDeps } from './api-deps';
import { problemSchema } from './api-schemas';
import { sendProblem } from './problem';

/**
 * Feeds newsrooms and calendars read: an Atom feed per matter and per subscription (with the
 * subscription's filters), and an iCalendar feed of hearings and deadlines read from entry text.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: ApiDeps): void {
  registerMatterFeed(app, deps);
  registerSubscriptionFeed(app, deps);
  registerCalendarFeed(app, deps);
}

interface AtomInput {
  id: string;
  title: string;
  selfUrl: string;
  matterName: string;
  matterUrl: string;
}

function atomFeed(publicUrl: string, rows: TimelineRow[], input: AtomInput): string {
  return renderAtomFeed({
    id: input.id,
    title: input.title,
    selfUrl: input.selfUrl,
    alternateUrl: input.matterUrl,
    updated: rows[0]?.firstSeenAt ?? new Date(0),
    entries: rows.map((row) => atomEntry(publicUrl, row, input)),
  });
}

function atomEntry(publicUrl: string, row: TimelineRow, input: AtomInput) {
  const view = alertViewOf(row, { name: input.matterName, url: input.matterUrl });
  return {
    id: `${publicUrl}/${row.type === 'entry' ? 'entries' : 'items'}/${row.id}`,
    title: view.shortDescription || view.description.slice(0, 120) || 'Docket entry',
    url: view.documentUrl ?? input.matterUrl,
    updated: row.type === 'entry' ? row.updatedAt : row.firstSeenAt,
    published: row.firstSeenAt,
    summary: `${entryPlace(view)} · ${view.filedAt}\n${view.description}`,
    categories: [view.entryClass],
  };
}

/** A feed route's description: its media type, its one path parameter, and the problem a missing feed gets. */
function feedSchema(summary: string, contentType: string, param: 'slug' | 'token') {
  return {
    summary,
    produces: [contentType],
    params: z.object({ [param]: z.string() }),
    response: { 200: z.string().describe(contentType), 404: problemSchema },
  };
}

function registerMatterFeed(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { slug: string } }>(
    '/feeds/matters/:slug.atom',
    { schema: feedSchema("A matter's timeline as an Atom feed (the newest 100)", ATOM_CONTENT_TYPE, 'slug') },
    async (req, reply) => {
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', 'no such matter');
      const rows = await matterTimeline(deps.db, matter.id, { limit: 100 });
      return reply.header('content-type', ATOM_CONTENT_TYPE).send(
        atomFeed(deps.publicUrl, rows, {
          id: `${deps.publicUrl}/feeds/matters/${matter.slug}`,
          title: `${matter.name} · docketwatch`,
          selfUrl: `${deps.publicUrl}/feeds/matters/${matter.slug}.atom`,
          matterName: matter.name,
          matterUrl: matterPageUrl(deps.publicUrl, matter.slug),
        }),
      );
    },
  );
}

/** A subscription's own feed: its matter, with its filters. The token is signed, not stored. */
function registerSubscriptionFeed(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { token: string } }>(
    '/feeds/subscriptions/:token.atom',
    { schema: feedSchema("A feed subscription's own Atom feed, with its filters (the link is signed)", ATOM_CONTENT_TYPE, 'token') },
    async (req, reply) => {
      const id = verifyToken(deps.linkSecret, 'feed', req.params.token);
      const sub = id === null ? undefined : await getSubscription(deps.db, id);
      if (!sub || sub.status !== 'active' || sub.matter_id === null) return sendProblem(reply, 404, 'FEED_NOT_FOUND', 'no such feed');
      const matter = await getMatter(deps.db, sub.matter_id);
      if (!matter) return sendProblem(reply, 404, 'FEED_NOT_FOUND', 'no such feed');
      const interest = subscriptionInterest(sub);
      const rows = (await matterTimeline(deps.db, matter.id, { limit: 300 })).filter((row) =>
        subscriptionWants(interest, {
          matterId: matter.id,
          docketId: row.type === 'entry' ? row.docketId : null,
          source: row.type === 'entry' ? 'court' : 'press',
          entryClass: row.class,
          text: row.type === 'entry' ? `${row.shortDescription} ${row.description}` : `${row.title} ${row.summary}`,
        }),
      );
      return reply.header('content-type', ATOM_CONTENT_TYPE).send(
        atomFeed(deps.publicUrl, rows.slice(0, 100), {
          id: `${deps.publicUrl}/feeds/subscriptions/${sub.id}`,
          title: `${sub.label || matter.name} · docketwatch`,
          selfUrl: `${deps.publicUrl}/feeds/subscriptions/${req.params.token}.atom`,
          matterName: matter.name,
          matterUrl: matterPageUrl(deps.publicUrl, matter.slug),
        }),
      );
    },
  );
}

/** Hearings and deadlines read from the matter's docket entries, in each court's time zone. */
function registerCalendarFeed(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Params: { slug: string } }>(
    '/feeds/matters/:slug.ics',
    { schema: feedSchema("A matter's hearings and deadlines as an iCalendar feed", CALENDAR_CONTENT_TYPE, 'slug') },
    async (req, reply) => {
      const matter = await findMatterBySlug(deps.db, req.params.slug);
      if (!matter) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', 'no such matter');
      const rows = (await matterTimeline(deps.db, matter.id, { limit: 1000 })).filter((r) => r.type === 'entry');
      return reply.header('content-type', CALENDAR_CONTENT_TYPE).send(
        renderCalendar({
          name: `${matter.name} · hearings and deadlines`,
          events: calendarEvents(deps.publicUrl, matter, rows),
          stamp: rows[0]?.updatedAt ?? new Date(0),
        }),
      );
    },
  );
}

function calendarEvents(publicUrl: string, matter: Matter, rows: TimelineRow[]) {
  // One setting named by several entries (set, noticed, then vacated) is one event: its UID is
  // per docket and setting. Rows are newest first, so the latest entry's word on it counts.
  const seen = new Set<string>();
  return rows.flatMap((row) => {
    if (row.type !== 'entry') return [];
    const timeZone = courtTimeZoneOr(row.court);
    return extractScheduledEvents(row.description || row.shortDescription, { timeZone, reference: row.at })
      .map((event) => ({
        uid: scheduledEventUid(`${row.court}/${row.docketNumber}`, event, new URL(publicUrl).hostname || 'docketwatch'),
        event,
        url: row.documentUrl ?? `${publicUrl}/matters/${matter.slug}`,
        label: `${matter.name} (${courtName(row.court)} ${row.docketNumber})`,
      }))
      .filter((e) => !seen.has(e.uid) && seen.add(e.uid));
  });
}
