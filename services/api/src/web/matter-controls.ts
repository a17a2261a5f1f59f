import type { FastifyInstance } from 'fastify';
import { courtName, ITEM_CLASSES } from '@docketwatch/core';
import type { Docket, TimelineCursor } from '@docketwatch/db';
import { isTimeZone } from '../subscription-view';
import { decodeCursor, encodeCursor } from '../timeline-cursor';
import { html, type Html } from './layout';

export const DEFAULT_TIME_ZONE = 'America/New_York';
/** Every zone the runtime knows, for the pickers (the viewer's own is among them). */
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** What the viewer asked the matter page for: its zone, its filters and where the page starts. */
export interface TimelineView {
  timeZone: string;
  /** Whether the viewer picked the zone (then the browser's own does not replace it). */
  chosenZone: boolean;
  classes: string[];
  court: string | null;
  /** Only entries on or after / before these days (YYYY-MM-DD, in the viewer's zone's calendar as UTC days). */
  from: string | null;
  to: string | null;
  after: TimelineCursor | null;
  /** The cursor text as given, to build the links back. */
  cursor: string | null;
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);

/** Reads the page's query leniently: a value it does not understand is dropped, never an error page. */
export function readTimelineView(query: Record<string, unknown>): TimelineView {
  const tz = typeof query.tz === 'string' && isTimeZone(query.tz) ? query.tz : DEFAULT_TIME_ZONE;
  const classes = asList(query.class).filter((c) => (ITEM_CLASSES as readonly string[]).includes(c));
  const court = typeof query.court === 'string' && /^[a-z0-9]{2,10}$/.test(query.court) ? query.court : null;
  const day = (value: unknown) =>
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : null;
  const cursor = typeof query.cursor === 'string' ? query.cursor : null;
  const after = cursor ? decodeCursor(cursor) : null;
  return {
    timeZone: tz,
    chosenZone: tz !== DEFAULT_TIME_ZONE || query.tz === DEFAULT_TIME_ZONE,
    classes,
    court,
    from: day(query.from),
    to: day(query.to),
    after,
    cursor: after ? cursor : null,
  };
}

function viewQuery(view: TimelineView, cursor: TimelineCursor | null): string {
  const params = new URLSearchParams();
  if (view.chosenZone) params.set('tz', view.timeZone);
  for (const c of view.classes) params.append('class', c);
  if (view.court) params.set('court', view.court);
  if (view.from) params.set('from', view.from);
  if (view.to) params.set('to', view.to);
  if (cursor) params.set('cursor', encodeCursor(cursor));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The one script the pages load: it sets the zone pickers the viewer has not chosen to the zone
 * their browser is in. Without it (or without JavaScript) they stay on Washington time.
 */
const TIME_ZONE_SCRIPT = `'use strict';
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  document.querySelectorAll('select[data-default-zone]').forEach(function (select) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === zone) select.value = zone;
  });
})();
`;

export function registerTimeZoneScript(app: FastifyInstance): void {
  app.get('/assets/time-zone.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(TIME_ZONE_SCRIPT),
  );
}

export const timeZoneScript = html`<script src="/assets/time-zone.js" defer></script>`;

function zoneOptions(selected: string): Html[] {
  return TIME_ZONES.map(
    (zone) => html`<option value="${zone}" ${zone === selected ? 'selected' : ''}>${zone.replaceAll('_', ' ')}</option>`,
  );
}

/** Filters by class and court, and the zone times are shown in: a GET form, so every view has its own address. */
export function timelineFilters(slug: string, dockets: Docket[], view: TimelineView): Html {
  const courts = [...new Set(dockets.map((d) => d.court))];
  return html`<form method="get" action="/matters/${slug}" class="filters" aria-label="Filter the timeline">
    <fieldset>
      <legend>Show</legend>
      ${ITEM_CLASSES.map(
        (c) => html`<label><input type="checkbox" name="class" value="${c}" ${view.classes.includes(c) ? 'checked' : ''} /> ${c}</label> `,
      )}
    </fieldset>
    <label
      >From
      <select name="court">
        <option value="">every court and the press</option>
        ${courts.map((c) => html`<option value="${c}" ${view.court === c ? 'selected' : ''}>${courtName(c)}</option>`)}
        <option value="press" ${view.court === 'press' ? 'selected' : ''}>the press</option>
      </select></label
    >
    <label>From <input type="date" name="from" value="${view.from ?? ''}" /></label>
    <label>To <input type="date" name="to" value="${view.to ?? ''}" /></label>
    <label
      >Times in
      <select name="tz" ${view.timeZone === DEFAULT_TIME_ZONE && !view.chosenZone ? 'data-default-zone' : ''}>
        ${zoneOptions(view.timeZone)}
      </select></label
    >
    <button type="submit">Apply</button>
  </form>`;
}

/** Older and newest links: keyset pages, so none skips or repeats an entry. */
export function timelinePager(slug: string, view: TimelineView, next: TimelineCursor | null): Html {
  const newest = view.cursor ? html`<a href="/matters/${slug}${viewQuery(view, null)}">Newest</a>` : null;
  const older = next ? html`<a href="/matters/${slug}${viewQuery(view, next)}" rel="next">Older entries</a>` : null;
  return newest || older ? html`<nav class="pager" aria-label="Timeline pages">${newest} ${older}</nav>` : html``;
}

/** Feeds a reader or calendar can follow. */
export function feedLinks(slug: string): Html {
  return html`<p>
    Follow in a feed reader: <a href="/feeds/matters/${slug}.atom">Atom feed</a> · hearings and deadlines in a calendar:
    <a href="/feeds/matters/${slug}.ics">iCalendar</a>
  </p>`;
}

/**
 * E-mail alerts for a matter (or a saved search): double opt-in, so the form only asks; the
 * address's owner confirms from the mail. Any time zone the runtime knows; the digest hour is
 * the subscriber's own.
 */
export function subscribeForm(scope: { matter: string } | { query: string }, timeZone = DEFAULT_TIME_ZONE): Html {
  const hidden =
    'matter' in scope
      ? html`<input type="hidden" name="matter" value="${scope.matter}" />`
      : html`<input type="hidden" name="query" value="${scope.query}" />`;
  return html`<form method="post" action="/subscribe" class="subscribe" aria-labelledby="subscribe-heading">
    <h2 id="subscribe-heading">${'matter' in scope ? 'Get alerts by e-mail' : 'Follow this search by e-mail'}</h2>
    ${hidden}
    <p>
      <label>E-mail address <input type="email" name="email" required maxlength="320" autocomplete="email" /></label>
    </p>
    <fieldset>
      <legend>When</legend>
      <label><input type="radio" name="mode" value="immediate" checked /> as it happens</label>
      <label><input type="radio" name="mode" value="digest" /> one digest a day at</label>
      <select name="digestHour" aria-label="Digest hour">
        ${Array.from({ length: 24 }, (_, h) => html`<option value="${h}" ${h === 7 ? 'selected' : ''}>${String(h).padStart(2, '0')}:00</option>`)}
      </select>
    </fieldset>
    <fieldset>
      <legend>Only these kinds of entry (none ticked: everything)</legend>
      ${ITEM_CLASSES.map((c) => html`<label><input type="checkbox" name="classes" value="${c}" /> ${c}</label> `)}
    </fieldset>
    <p>
      <label><input type="checkbox" name="newCases" value="on" /> also when a new case is found for this matter</label>
    </p>
    <p>
      <label
        >From
        <select name="sources">
          <option value="all">courts and the press</option>
          <option value="courts">courts only</option>
          <option value="press">the press only</option>
        </select></label
      >
      <label
        >Time zone
        <select name="timeZone" data-default-zone>
          ${zoneOptions(timeZone)}
        </select></label
      >
    </p>
    <button type="submit">Ask for alerts</button>
    <p class="muted">We send a confirmation link first; nothing else comes until you follow it.</p>
  </form>`;
}

/** The view's dates as the timeline query's bounds: `to` includes its whole day. */
export function dateBounds(view: TimelineView): { since?: Date; until?: Date } {
  return {
    ...(view.from ? { since: new Date(`${view.from}T00:00:00Z`) } : {}),
    ...(view.to ? { until: new Date(new Date(`${view.to}T00:00:00Z`).getTime() + 86_400_000) } : {}),
  };
}
