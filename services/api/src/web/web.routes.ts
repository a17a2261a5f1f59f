import type { FastifyInstance, FastifyReply } from 'fastify';
import { clipAtWord, courtName } from '@docketwatch/core';
import { formatFiledAt } from '@docketwatch/notify';
import { pollDriverOf } from '@docketwatch/sources';
import {
  countInboundMessages,
  docketCoverage,
  findMatterBySlug,
  getLocalMail,
  listDocketsOfMatter,
  listLocalMail,
  listMatterSummaries,
  listSources,
  matterTimelinePage,
  type Docket,
  type DocketCoverage,
  type LocalMail,
  type Matter,
  type Source,
  type TimelinePage,
  type TimelineRow,
} from '@docketwatch/db';
import type { ApiDeps } from '../api-deps';
import { everyText, paceOf, type Pace } from '../source-pace';
import { docketList } from './docket-list';
import { homePage, SCHEDULE_LOOKBACK_ENTRIES } from './home-page';
import { html, page, type Html } from './layout';
import {
  dateBounds,
  DEFAULT_TIME_ZONE,
  feedLinks,
  readTimelineView,
  registerTimeZoneScript,
  subscribeForm,
  timelineFilters,
  timeZoneScript,
  timelinePager,
  type TimelineView,
} from './matter-controls';

function send(reply: FastifyReply, status: number, body: string): FastifyReply {
  // Scraped text is rendered here: forbid scripts outright so an escaping slip cannot run one.
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header(
      'content-security-policy',
      // Our own scripts only (the time-zone picker's), never inline: an escaping slip still runs nothing.
      "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'",
    )
    .send(body);
}

function link(url: string | null, text: string): Html | string {
  return url && /^https?:\/\//i.test(url) ? html`<a href="${url}" rel="noopener noreferrer">${text}</a>` : text;
}

/** Dates as people read them, by default in Washington time (where the courts docketwatch ships with sit). */
function when(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
  return formatFiledAt(iso, timeZone);
}

function timelineCells(row: TimelineRow, timeZone: string): Html {
  if (row.type === 'item') {
    return html`<td class="when words" data-label="Date">${row.publishedAt ? when(row.publishedAt, timeZone) : ''}</td>
      <td class="words" data-label="Where">${row.publisher ?? 'Press'}</td>
      <td class="empty"></td>
      <td data-label="What">
        <span class="badge">press</span> ${link(row.url, row.title)}${row.summary ? html`<div class="muted">${row.summary}</div>` : ''}
      </td>`;
  }
  const headline = row.shortDescription || row.description;
  const what =
    headline.length <= LONG_TEXT
      ? link(row.documentUrl, headline)
      : html`${collapsed(headline)}${row.documentUrl ? html` ${link(row.documentUrl, 'Document')}` : ''}`;
  const detail = row.shortDescription && row.description && row.description !== row.shortDescription ? row.description : '';
  return html`<td class="when words" data-label="Date">${when(row.filedAt, timeZone)}</td>
    <td class="words" data-label="Where">${courtName(row.court)} ${row.docketNumber}</td>
    <td ${row.entryNumber ? html`class="words" data-label="#"` : html`class="empty"`}>${row.entryNumber ?? ''}</td>
    <td data-label="What">
      <span class="badge">${row.class}</span> ${what}${
        detail.length > LONG_TEXT ? collapsed(detail) : detail ? html`<div class="muted">${detail}</div>` : ''
      }
    </td>`;
}

/** Past this many characters an entry's text starts folded. */
const LONG_TEXT = 300;

/**
 * Legal text is never cut: a long one shows its opening and unfolds to the whole text, without
 * JavaScript. The whole text is in the page either way, so find-in-page and screen readers get it.
 */
function collapsed(text: string): Html {
  return html`<details class="full-text">
    <summary>${clipAtWord(text, 200)}</summary>
    <p>${text}</p>
  </details>`;
}

/** The server-rendered UI: matters and their timelines, source health, and the local outbox. */
export function registerWebRoutes(app: FastifyInstance, deps: ApiDeps): void {
  registerMatterPages(app, deps);
  registerTimeZoneScript(app);
  app.get('/sources', async (_req, reply) => {
    const [sources, quarantined, pace] = await Promise.all([
      listSources(deps.db),
      countInboundMessages(deps.db, 'quarantined'),
      paceOf(deps),
    ]);
    return send(reply, 200, sourcesPage(sources, quarantined, pace));
  });
  registerOutboxPages(app, deps);
}

function registerMatterPages(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/', async (_req, reply) => {
    const summaries = await listMatterSummaries(deps.db, { recentEntries: SCHEDULE_LOOKBACK_ENTRIES });
    return send(reply, 200, homePage(summaries, new Date()));
  });

  app.get<{ Params: { slug: string }; Querystring: Record<string, unknown> }>('/matters/:slug', async (req, reply) => {
    const matter = await findMatterBySlug(deps.db, req.params.slug);
    if (!matter) return send(reply, 404, page('Not found', html`<h1>No such matter</h1>`));
    const view = readTimelineView(req.query);
    const [dockets, timeline] = await Promise.all([
      listDocketsOfMatter(deps.db, matter.id),
      matterTimelinePage(deps.db, matter.id, {
        limit: TIMELINE_PAGE,
        ...(view.after ? { after: view.after } : {}),
        ...(view.classes.length > 0 ? { classes: view.classes } : {}),
        ...(view.court ? { courts: [view.court] } : {}),
        ...dateBounds(view),
      }),
    ]);
    const coverage = await docketCoverage(deps.db, dockets);
    return send(reply, 200, matterPage(matter, dockets, coverage, timeline, view));
  });
}

function registerOutboxPages(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/outbox', async (_req, reply) => send(reply, 200, outboxPage(await listLocalMail(deps.db, 100), deps.mailMode)));

  const findMail = async (idParam: string): Promise<LocalMail | undefined> => {
    const id = Number(idParam);
    return Number.isInteger(id) && id > 0 ? getLocalMail(deps.db, id) : undefined;
  };

  app.get<{ Params: { id: string } }>('/outbox/:id', async (req, reply) => {
    const mail = await findMail(req.params.id);
    if (!mail) return send(reply, 404, page('Not found', html`<h1>No such message</h1>`));
    return send(reply, 200, mailPage(mail));
  });

  app.get<{ Params: { id: string } }>('/outbox/:id/html', async (req, reply) => {
    const mail = await findMail(req.params.id);
    if (!mail) return reply.status(404).send('not found');
    // The message's own HTML in a sandboxed frame of our pages: no scripts, no outside requests. Its
    // links open in a new tab outside the sandbox, as they would from a mail client.
    return reply
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; sandbox allow-popups allow-popups-to-escape-sandbox; frame-ancestors 'self'",
      )
      .header('x-frame-options', 'SAMEORIGIN')
      .send(withLinksInNewTab(mail.html_body));
  });
}

/** A sandboxed frame may not navigate itself away, so every link of the message opens a new tab. */
function withLinksInNewTab(body: string): string {
  const base = '<base target="_blank">';
  const opening = [/<head(?:\s[^>]*)?>/i, /<html(?:\s[^>]*)?>/i].find((tag) => tag.test(body));
  return opening ? body.replace(opening, (tag) => `${tag}${base}`) : `${base}${body}`;
}

/** Rows a matter page shows at once; older ones are a link away. */
const TIMELINE_PAGE = 100;

function matterPage(
  matter: Matter,
  dockets: Docket[],
  coverage: Map<number, DocketCoverage>,
  timeline: TimelinePage,
  view: TimelineView,
): string {
  const { rows } = timeline;
  return page(
    matter.name,
    html`<h1>${matter.name}</h1>
      <p class="muted">${matter.description}</p>
      ${docketList(dockets, coverage)} ${feedLinks(matter.slug)} ${timelineFilters(matter.slug, dockets, view)}
      <table>
        <caption>
          Timeline, newest first; times in ${view.timeZone}
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Where</th>
            <th scope="col">#</th>
            <th scope="col">What</th>
            <th scope="col">First seen</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (row) =>
              html`<tr>
                ${timelineCells(row, view.timeZone)}
                <td class="muted words" data-label="First seen">
                  ${when(new Date(row.firstSeenAt).toISOString(), view.timeZone)}<br />${row.sightings.map((s) => s.sourceName).join(', ')}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${rows.length === 0 ? html`<p class="muted">Nothing yet: the first poll of each source sets a baseline; new entries appear here.</p>` : ''}
      ${timelinePager(matter.slug, view, timeline.next)} ${subscribeForm({ matter: matter.slug }, view.timeZone)} ${timeZoneScript}`,
  );
}

/** How often a source is read: pushed sources (mail, webhooks) are read as they arrive; CourtListener's share its budget. */
function checkedText(s: Source, pace: Pace): Html | string {
  if (!pollDriverOf(s.kind)) return 'as it arrives';
  if (s.kind === 'courtlistener')
    return html`<span title="its share of the CourtListener account's request budget">${everyText(pace(s))}</span>`;
  return everyText(pace(s));
}

function sourcesPage(sources: Source[], quarantined: number, pace: Pace): string {
  return page(
    'Sources',
    html`<h1>Sources</h1>
      <table>
        <caption>
          Every source, its health and its schedule
        </caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Health</th>
            <th scope="col">Last success</th>
            <th scope="col">Next check</th>
            <th scope="col">Checked</th>
            <th scope="col">Last error</th>
          </tr>
        </thead>
        <tbody>
          ${sources.map(
            (s) =>
              html`<tr>
                <td data-label="Source">
                  ${s.name}
                  <div class="muted">${s.kind}</div>
                </td>
                <td class="words" data-label="Health"><span class="badge ${s.health}">${s.health}</span></td>
                <td class="words" data-label="Last success">
                  ${s.last_success_at ? when(new Date(s.last_success_at).toISOString()) : 'never'}
                </td>
                <td class="words" data-label="Next check">${when(new Date(s.next_check_at).toISOString())}</td>
                <td class="words" data-label="Checked">${checkedText(s, pace)}</td>
                <td class="muted" data-label="Last error">${s.last_error_code ?? ''} ${s.last_error ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        quarantined > 0
          ? html`<p>
              <a href="/api/admin/inbound?status=quarantined">${quarantined} quarantined notice${quarantined === 1 ? '' : 's'}</a>: mail not
              authenticated as a court's, kept but never alerted.
            </p>`
          : ''
      }`,
  );
}

function outboxPage(mails: LocalMail[], mailMode: ApiDeps['mailMode']): string {
  const note =
    mailMode === 'local'
      ? html`<p class="muted">No SMTP_URL is set, so alert e-mail is kept here instead of being sent.</p>`
      : html`<p class="muted">Mail goes out by SMTP; this outbox shows mail kept while none was configured.</p>`;
  return page(
    'Outbox',
    html`<h1>Outbox</h1>
      ${note}
      <form method="post" action="/admin/logout"><button type="submit">Sign out</button></form>
      <table>
        <caption>
          Mail kept here, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">To</th>
            <th scope="col">Subject</th>
          </tr>
        </thead>
        <tbody>
          ${mails.map(
            (m) =>
              html`<tr>
                <td class="words" data-label="When">${when(new Date(m.created_at).toISOString())}</td>
                <td data-label="To">${m.to_address}</td>
                <td data-label="Subject"><a href="/outbox/${m.id}">${m.subject}</a></td>
              </tr>`,
          )}
        </tbody>
      </table>`,
  );
}

function mailPage(mail: LocalMail): string {
  return page(
    mail.subject,
    html`<h1>${mail.subject}</h1>
      <p class="muted">To ${mail.to_address} · ${when(new Date(mail.created_at).toISOString())}</p>
      <iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="message" src="/outbox/${mail.id}/html"></iframe>
      <h2>Plain text</h2>
      <pre>${mail.text_body}</pre>`,
  );
}
