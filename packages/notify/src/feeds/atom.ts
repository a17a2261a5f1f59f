import { safeHref } from '@docketwatch/core';
import { entryTitle, formatFiledAt, type AlertView } from '../alert-view';
import { stripInvalidXmlChars, xmlAttr, xmlText } from './xml-escape';

/** A person construct (RFC 4287 §3.2). A bare string is the name. */
export interface AtomPerson {
  name: string;
  uri?: string | null;
  email?: string | null;
}

export interface AtomEntryInput {
  /**
   * Permanent and unique: readers recognise entries by it, so it never changes. An absolute http(s),
   * tag: or urn: IRI; the API uses the entry's own URL (`<public URL>/entries/<id>`, `/items/<id>` for press).
   */
  id: string;
  title: string;
  /** The entry's page (the document, or the matter's timeline); only http(s) links are kept. */
  url?: string | null;
  updated: Date | string;
  published?: Date | string | null;
  /** Plain text. */
  summary: string;
  /** Plain text; the full entry. */
  content?: string | null;
  categories?: readonly string[];
  author?: string | AtomPerson | null;
}

export interface AtomFeedInput {
  /** Permanent and unique: an absolute http(s), tag: or urn: IRI; the API uses the feed's own URL. */
  id: string;
  title: string;
  subtitle?: string | null;
  /** Where this feed is served (rel="self"). */
  selfUrl: string;
  /** The web page it mirrors (rel="alternate"). */
  alternateUrl: string;
  updated: Date | string;
  /** Feed-level author, inherited by entries without one. Default: docketwatch. */
  author?: string | AtomPerson;
  /** Default "en". */
  lang?: string;
  entries: readonly AtomEntryInput[];
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

const ABSOLUTE_IRI = /^(?:tag|urn|https?):[^\s<>"{}|\\^`]+$/i;
const LANG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

function iri(id: string, what: string): string {
  const clean = stripInvalidXmlChars(id);
  if (!ABSOLUTE_IRI.test(clean)) throw new TypeError(`${what} must be an absolute tag:, urn: or http(s) IRI`);
  return clean;
}

function href(url: string, what: string): string {
  const safe = safeHref(url);
  if (!safe) throw new TypeError(`${what} must be an http(s) URL`);
  return safe;
}

/** RFC 3339 in UTC, whole seconds. A plain date (YYYY-MM-DD) is taken as noon UTC, that day everywhere in the Americas and Europe. */
export function atomDate(value: Date | string): string {
  const date = value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${String(value).slice(0, 40)}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function person(tag: 'author', who: string | AtomPerson): string {
  const p = typeof who === 'string' ? { name: who } : who;
  const name = stripInvalidXmlChars(p.name).trim() || 'unknown';
  const uri = p.uri ? safeHref(p.uri) : null;
  const email = p.email && /^[^\s<>"@]+@[^\s<>"@]+$/.test(p.email) ? p.email : null;
  return (
    `<${tag}><name>${xmlText(name)}</name>` +
    (uri ? `<uri>${xmlText(uri)}</uri>` : '') +
    (email ? `<email>${xmlText(email)}</email>` : '') +
    `</${tag}>`
  );
}

function text(tag: string, value: string): string {
  return `<${tag} type="text">${xmlText(value)}</${tag}>`;
}

function renderEntry(entry: AtomEntryInput): string {
  const link = entry.url ? safeHref(entry.url) : null;
  // RFC 4287 §4.1.2: an entry without content needs an alternate link; then the summary stands in.
  const content = entry.content ?? (link ? null : entry.summary);
  const lines = [
    '  <entry>',
    `    <id>${xmlText(iri(entry.id, 'An entry id'))}</id>`,
    `    ${text('title', entry.title)}`,
    link ? `    <link rel="alternate" type="text/html" href="${xmlAttr(link)}"/>` : null,
    entry.published ? `    <published>${atomDate(entry.published)}</published>` : null,
    `    <updated>${atomDate(entry.updated)}</updated>`,
    entry.author ? `    ${person('author', entry.author)}` : null,
    ...(entry.categories ?? [])
      .map((term) => stripInvalidXmlChars(term).trim())
      .filter((term) => term !== '')
      .map((term) => `    <category term="${xmlAttr(term)}"/>`),
    `    ${text('summary', entry.summary)}`,
    content !== null ? `    ${text('content', content)}` : null,
    '  </entry>',
  ];
  return lines.filter((line) => line !== null).join('\n');
}

/**
 * An Atom 1.0 feed (RFC 4287). Every value is scraped or user-supplied text, so each is stripped of
 * characters XML cannot carry and escaped; all text constructs are type="text" (readers show it
 * verbatim, nothing is interpreted as markup); only http(s) links are emitted.
 */
export function renderAtomFeed(feed: AtomFeedInput): string {
  const lang = feed.lang && LANG.test(feed.lang) ? feed.lang : 'en';
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `  <id>${xmlText(iri(feed.id, 'The feed id'))}</id>`,
    `  ${text('title', feed.title)}`,
    feed.subtitle ? `  ${text('subtitle', feed.subtitle)}` : null,
    `  <updated>${atomDate(feed.updated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlAttr(href(feed.selfUrl, 'selfUrl'))}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlAttr(href(feed.alternateUrl, 'alternateUrl'))}"/>`,
    `  ${person('author', feed.author ?? 'docketwatch')}`,
    '  <generator>docketwatch</generator>',
    ...feed.entries.map(renderEntry),
    '</feed>',
    '',
  ];
  return lines.filter((line) => line !== null).join('\n');
}

/**
 * One Atom entry for an alert. `entryId` must be permanent for the docket entry (the API uses
 * `<public URL>/entries/<id>`) and `updated` is when docketwatch last learnt something new about it;
 * an update keeps the id, so readers show it as changed, not as a second entry.
 */
export function atomEntryFromView(
  view: AlertView,
  entryId: string,
  updated: Date | string,
  options: { timeZone?: string } = {},
): AtomEntryInput {
  const press = view.source === 'press';
  const number = view.entryNumber ? ` #${view.entryNumber}` : '';
  const doc = safeHref(view.documentUrl);
  const body = view.description || view.shortDescription;
  const when = formatFiledAt(view.filedAt, options.timeZone);
  let published: string | null = null;
  try {
    published = atomDate(view.filedAt);
  } catch {
    published = null;
  }
  const facts = press
    ? [`Published by: ${view.courtName}`, `Published: ${when}`]
    : [`Case: ${view.caseName} (${view.courtName} ${view.docketNumber})`, `Entry: ${view.entryNumber ?? '(no number)'}`, `Filed: ${when}`];
  return {
    id: entryId,
    title: `${view.kind === 'updated' ? 'Updated: ' : ''}${entryTitle(view)} (${press ? view.courtName : `${view.courtName} ${view.docketNumber}${number}`})`,
    url: doc ?? view.matterUrl,
    updated,
    published,
    summary: body,
    content: [
      body,
      '',
      `Matter: ${view.matterName}`,
      ...facts,
      doc ? `${press ? 'Read it' : 'Document'}: ${doc}` : 'No document link yet.',
      `Timeline: ${view.matterUrl}`,
    ].join('\n'),
    categories: press ? [view.matterName, 'Press'] : [view.matterName, `${view.courtName} ${view.docketNumber}`],
    author: { name: view.courtName },
  };
}
