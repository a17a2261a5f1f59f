import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { escapeHtml, safeHref } from '@docketwatch/core';
import { findMatterBySlug, MATCH_END, MATCH_START, searchTimeline, type SearchHit } from '@docketwatch/db';
import type { ApiDeps } from './api-deps';
import { problemResponses } from './api-schemas';
import { sendProblem } from './problem';
import { html, Html } from './web/layout';
import { htmlPage } from './web/html-page';
import { subscribeForm } from './web/matter-controls';

const PAGE_SIZE = 25;

const searchQuery = z
  .object({
    q: z.string().trim().min(2, 'at least two characters').max(200),
    /** Only this matter's entries and items. */
    matter: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a matter slug')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(PAGE_SIZE),
    offset: z.coerce.number().int().min(0).max(10_000).default(0),
  })
  .strict();

const hitSchema = z.object({
  type: z.enum(['entry', 'item']),
  id: z.number().int(),
  matter: z.object({ slug: z.string(), name: z.string() }),
  title: z.string(),
  snippet: z.string().describe('the best passage, as plain text'),
  snippetHtml: z.string().describe('the same passage as HTML: escaped, matched words in <mark>'),
  rank: z.number(),
  at: z.iso.datetime({ offset: true }),
  court: z.string().nullable(),
  docketNumber: z.string().nullable(),
  entryNumber: z.string().nullable(),
  url: z.string().nullable(),
});

/** A snippet's matched words in <mark>, everything else escaped: court text is hostile input. */
export function snippetHtml(snippet: string): string {
  return snippet
    .split(MATCH_START)
    .map((part, i) => {
      if (i === 0) return escapeHtml(part.replaceAll(MATCH_END, ''));
      const [match = '', rest = ''] = part.split(MATCH_END, 2);
      return `<mark>${escapeHtml(match)}</mark>${escapeHtml(rest.replaceAll(MATCH_END, ''))}`;
    })
    .join('');
}

const plainSnippet = (snippet: string) => snippet.replaceAll(MATCH_START, '').replaceAll(MATCH_END, '');

function hitJson(hit: SearchHit) {
  return { ...hit, snippet: plainSnippet(hit.snippet), snippetHtml: snippetHtml(hit.snippet), at: hit.at.toISOString() };
}

/**
 * Search: every entry and press item by what it says (Postgres full-text search, ranked, with
 * highlighted passages), as an API and as a page, and a saved search can follow it from there.
 */
export function registerSearchRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    '/api/search',
    {
      schema: {
        summary: 'Search every docket entry and press item',
        description: 'Words, "quoted phrases" and -exclusions (websearch_to_tsquery), best first.',
        querystring: searchQuery,
        response: {
          200: z.object({ query: z.string(), hits: z.array(hitSchema), next: z.number().int().nullable() }),
          ...problemResponses,
        },
      },
    },
    async (req, reply) => {
      const { q, matter, limit, offset } = req.query;
      const matterId = matter === undefined ? undefined : (await findMatterBySlug(deps.db, matter))?.id;
      if (matter !== undefined && matterId === undefined) return sendProblem(reply, 404, 'MATTER_NOT_FOUND', `no matter "${matter}"`);
      const hits = await searchTimeline(deps.db, { text: q, limit: limit + 1, offset, ...(matterId ? { matterId } : {}) });
      return { query: q, hits: hits.slice(0, limit).map(hitJson), next: hits.length > limit ? offset + limit : null };
    },
  );

  app.get<{ Querystring: Record<string, string | undefined> }>('/search', async (req, reply) => {
    const parsed = searchQuery.partial({ q: true }).safeParse(req.query);
    const q = parsed.success ? (parsed.data.q ?? '') : '';
    const offset = parsed.success ? (parsed.data.offset ?? 0) : 0;
    const hits = q.length >= 2 ? await searchTimeline(deps.db, { text: q, limit: PAGE_SIZE + 1, offset }) : [];
    return htmlPage(
      reply,
      200,
      q ? `Search: ${q}` : 'Search',
      searchPage(q, hits.slice(0, PAGE_SIZE), hits.length > PAGE_SIZE ? offset + PAGE_SIZE : null),
    );
  });
}

function searchPage(q: string, hits: SearchHit[], next: number | null): Html {
  const results =
    q.length < 2
      ? html`<p class="muted">
          Search every docket entry and press statement docketwatch has seen: words, "a phrase", or -word to leave one out.
        </p>`
      : hits.length === 0
        ? html`<p>Nothing matches <strong>${q}</strong>.</p>`
        : html`<ol class="hits">
            ${hits.map((hit) => hitItem(hit))}
          </ol>`;
  return html`<h1>Search</h1>
    <form method="get" action="/search" role="search">
      <label for="q">Search entries and statements</label>
      <input id="q" name="q" type="search" value="${q}" maxlength="200" required minlength="2" />
      <button type="submit">Search</button>
    </form>
    ${results} ${next === null ? null : html`<p><a href="/search?q=${encodeURIComponent(q)}&amp;offset=${next}">More results</a></p>`}
    ${q.length >= 2 ? subscribeForm({ query: q }) : null}`;
}

function hitItem(hit: SearchHit): Html {
  const where =
    hit.type === 'entry' ? `${hit.court ?? ''} ${hit.docketNumber ?? ''}${hit.entryNumber ? ` #${hit.entryNumber}` : ''}` : 'press';
  const link = safeHref(hit.url);
  return html`<li>
    <p>
      <a href="/matters/${hit.matter.slug}">${hit.matter.name}</a> · <span class="badge">${where}</span> ·
      <time datetime="${hit.at.toISOString()}">${hit.at.toISOString().slice(0, 10)}</time>
    </p>
    <p><strong>${link ? html`<a href="${link}">${hit.title}</a>` : hit.title}</strong></p>
    <p>${new Html(snippetHtml(hit.snippet))}</p>
  </li>`;
}
