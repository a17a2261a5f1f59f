/**
 * A press room (or any listing page of dated items) described as data: where the listing is, which
 * CSS selectors find each item's title, link, date and summary, and where an item's own page keeps
 * its text. Adding a press room is adding a preset, never code; presets come from presets.ts or,
 * as plain objects, from the YAML catalogue, and validatePreset checks either.
 *
 * Selectors are CSS as cheerio reads it (`:has()`, `:nth-child()`, `:scope` for the item itself).
 * Every selector but `item`, `nextPage`, `emptyMarker` and the article ones is read inside an item.
 */
import { load } from 'cheerio';
import { DocketwatchError } from '@docketwatch/core';
import { DATE_FORMATS } from './dates';
import type { DateFormat } from './dates';

export interface DateRule {
  /** Where the date is, inside the item (or the article page, for articleDate). The first match holding a date wins. */
  selector: string;
  /** Read this attribute instead of the text ("datetime" of a <time>). */
  attr?: string;
  /** How the date is written; "auto" (the default) tries ISO, RFC 822 and US forms, then looks inside the text. */
  format?: DateFormat;
  /** Keep only the calendar day (for sites that stamp date-only fields with a placeholder time). */
  dayOnly?: boolean;
}

export interface LinkRule {
  selector: string;
  /** Attribute holding the URL; "href" when absent. */
  attr?: string;
}

export interface Preset {
  /** Lower-case words joined by hyphens: "justice-gov-news". */
  id: string;
  /** Human name of the listing: "Justice Department press releases". */
  name: string;
  /** Who publishes the items ("U.S. Department of Justice"): every item's `publisher`. */
  publisher: string;
  /** The site's root, for the catalogue and for reference; links resolve against the page they are on. */
  baseUrl: string;
  /** The listing's first page. */
  listingUrl: string;
  /** One match per item. */
  item: string;
  /** The item's title (its visible text). */
  title: string;
  /** The item's URL, resolved against the page. */
  link: LinkRule;
  /** The item's date; items without one get publishedAt null. */
  date?: DateRule;
  /** A teaser shown with the item. */
  summary?: string;
  /** A docket number printed with the item (a court's opinion list). Items then carry `docketNumber`. */
  docketNumber?: string;
  /** The link to the next (older) page of the listing. */
  nextPage?: string;
  /** Pages the poller may follow through nextPage, the first included. */
  maxPages: number;
  /**
   * Where an item's own page keeps its text, tried in order. Empty when items have no HTML page
   * of their own (they link PDFs): the poller then fetches nothing more.
   */
  articleBody: string[];
  /** The article page's title; og:title, then the first h1, when absent. */
  articleTitle?: string;
  /** The article page's date; article:published_time, then the first <time datetime>, when absent. */
  articleDate?: DateRule;
  /**
   * Present on a page that legitimately lists nothing (a new court term with no opinions yet).
   * Without it, a page with no items is a changed layout and an error.
   */
  emptyMarker?: string;
}

/** A preset that fails validation: `problems` lists every reason, each naming its field. */
export class PresetError extends DocketwatchError {
  readonly problems: string[];

  constructor(presetId: string | null, problems: string[]) {
    const who = presetId ? `preset "${presetId}"` : 'preset';
    super('CATALOGUE_INVALID', `${who} is invalid: ${problems.join('; ')}`, { context: { preset: presetId, problems } });
    this.name = 'PresetError';
    this.problems = problems;
  }
}

export const MAX_PAGES_LIMIT = 20;
const MAX_SELECTOR_CHARS = 500;
const MAX_NAME_CHARS = 200;
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ATTRIBUTE_NAME = /^[A-Za-z_:][-\w.:]{0,63}$/;

const FIELDS: Record<keyof Preset, true> = {
  id: true,
  name: true,
  publisher: true,
  baseUrl: true,
  listingUrl: true,
  item: true,
  title: true,
  link: true,
  date: true,
  summary: true,
  docketNumber: true,
  nextPage: true,
  maxPages: true,
  articleBody: true,
  articleTitle: true,
  articleDate: true,
  emptyMarker: true,
};
const DATE_FIELDS = new Set(['selector', 'attr', 'format', 'dayOnly']);
const LINK_FIELDS = new Set(['selector', 'attr']);

/** A document to try selectors on: cheerio compiles a selector when it is first used, and throws if it is not CSS. */
const probe = load('<p></p>');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Collects problems while reading one preset, so a catalogue author sees them all at once. */
class Reader {
  readonly problems: string[] = [];

  constructor(private readonly source: Record<string, unknown>) {}

  private problem(field: string, message: string): void {
    this.problems.push(`${field}: ${message}`);
  }

  private has(object: Record<string, unknown>, key: string): boolean {
    return Object.prototype.hasOwnProperty.call(object, key) && object[key] !== undefined;
  }

  text(field: string, pattern?: RegExp, hint?: string): string {
    const value = this.source[field];
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(field, 'must be a non-empty string');
      return '';
    }
    const text = value.trim();
    if (text.length > MAX_NAME_CHARS) this.problem(field, `must be at most ${MAX_NAME_CHARS} characters`);
    else if (pattern && !pattern.test(text)) this.problem(field, hint ?? 'has the wrong form');
    return text;
  }

  url(field: string): string {
    const value = this.source[field];
    if (typeof value !== 'string') {
      this.problem(field, 'must be an absolute http(s) URL');
      return '';
    }
    try {
      const url = new URL(value.trim());
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
      return url.toString();
    } catch {
      this.problem(field, `must be an absolute http(s) URL (got ${JSON.stringify(value.slice(0, 100))})`);
      return '';
    }
  }

  checkSelector(field: string, value: unknown): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(field, 'must be a non-empty CSS selector');
      return '';
    }
    const selector = value.trim();
    if (selector.length > MAX_SELECTOR_CHARS) {
      this.problem(field, `must be at most ${MAX_SELECTOR_CHARS} characters`);
      return selector;
    }
    try {
      probe.root().find(selector);
    } catch (err) {
      this.problem(field, `is not a valid CSS selector (${JSON.stringify(selector)}: ${err instanceof Error ? err.message : String(err)})`);
    }
    return selector;
  }

  selector(field: string): string {
    return this.checkSelector(field, this.source[field]);
  }

  optionalSelector(field: string): string | undefined {
    return this.has(this.source, field) ? this.selector(field) : undefined;
  }

  private attr(field: string, value: unknown): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !ATTRIBUTE_NAME.test(value)) {
      this.problem(field, 'must be an attribute name');
      return undefined;
    }
    return value;
  }

  private unknownKeys(field: string, object: Record<string, unknown>, allowed: Set<string>): void {
    for (const key of Object.keys(object)) if (!allowed.has(key)) this.problem(`${field}.${key}`, 'is not a known field');
  }

  /** A link: { selector, attr? }, or a selector alone (its href). */
  link(field: string): LinkRule {
    const value = this.source[field];
    if (typeof value === 'string') return { selector: this.checkSelector(field, value) };
    if (!isPlainObject(value)) {
      this.problem(field, 'must be a selector or { selector, attr? }');
      return { selector: '' };
    }
    this.unknownKeys(field, value, LINK_FIELDS);
    const rule: LinkRule = { selector: this.checkSelector(`${field}.selector`, value['selector']) };
    const attr = this.attr(`${field}.attr`, value['attr']);
    if (attr) rule.attr = attr;
    return rule;
  }

  /** A date: { selector, attr?, format?, dayOnly? }, or a selector alone. */
  date(field: string): DateRule | undefined {
    if (!this.has(this.source, field)) return undefined;
    const value = this.source[field];
    if (typeof value === 'string') return { selector: this.checkSelector(field, value) };
    if (!isPlainObject(value)) {
      this.problem(field, 'must be a selector or { selector, attr?, format?, dayOnly? }');
      return undefined;
    }
    this.unknownKeys(field, value, DATE_FIELDS);
    const rule: DateRule = { selector: this.checkSelector(`${field}.selector`, value['selector']) };
    const attr = this.attr(`${field}.attr`, value['attr']);
    if (attr) rule.attr = attr;
    const format = value['format'];
    if (format !== undefined) {
      if (typeof format === 'string' && (DATE_FORMATS as readonly string[]).includes(format)) rule.format = format as DateFormat;
      else this.problem(`${field}.format`, `must be one of ${DATE_FORMATS.join(', ')}`);
    }
    const dayOnly = value['dayOnly'];
    if (dayOnly !== undefined) {
      if (typeof dayOnly === 'boolean') rule.dayOnly = dayOnly;
      else this.problem(`${field}.dayOnly`, 'must be true or false');
    }
    return rule;
  }

  maxPages(field: string): number {
    const value = this.source[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_PAGES_LIMIT) {
      this.problem(field, `must be a whole number from 1 to ${MAX_PAGES_LIMIT}`);
      return 1;
    }
    return value;
  }

  /** One selector or a list of them; an empty list means "no article pages". */
  selectorList(field: string): string[] {
    const value = this.source[field];
    if (typeof value === 'string') return [this.checkSelector(field, value)];
    if (!Array.isArray(value) || value.length > 10) {
      this.problem(field, 'must be a selector or a list of at most 10 selectors (an empty list: items have no page of their own)');
      return [];
    }
    return value.map((entry, index) => this.checkSelector(`${field}[${index}]`, entry));
  }

  unknownFields(): void {
    for (const key of Object.keys(this.source))
      if (!Object.prototype.hasOwnProperty.call(FIELDS, key)) this.problem(key, 'is not a known field');
  }
}

/**
 * Checks a preset given as plain data (a built-in, or a catalogue entry) and returns a clean copy:
 * strings trimmed, URLs normalised, the shorthand forms (a link or date given as a bare selector,
 * articleBody as one selector) expanded.
 *
 * @throws PresetError (code CATALOGUE_INVALID) listing every problem found.
 */
export function validatePreset(value: unknown): Preset {
  if (!isPlainObject(value)) throw new PresetError(null, ['must be an object of preset fields']);
  const read = new Reader(value);
  const id = read.text('id', ID, 'must be lower-case letters and digits joined by hyphens ("justice-gov-news")');
  read.unknownFields();
  const preset: Preset = {
    id,
    name: read.text('name'),
    publisher: read.text('publisher'),
    baseUrl: read.url('baseUrl'),
    listingUrl: read.url('listingUrl'),
    item: read.selector('item'),
    title: read.selector('title'),
    link: read.link('link'),
    maxPages: read.maxPages('maxPages'),
    articleBody: read.selectorList('articleBody'),
  };
  const date = read.date('date');
  if (date) preset.date = date;
  const articleDate = read.date('articleDate');
  if (articleDate) preset.articleDate = articleDate;
  for (const field of ['summary', 'docketNumber', 'nextPage', 'articleTitle', 'emptyMarker'] as const) {
    const selector = read.optionalSelector(field);
    if (selector !== undefined) preset[field] = selector;
  }
  if (read.problems.length > 0) throw new PresetError(typeof value['id'] === 'string' ? value['id'] : null, read.problems);
  return preset;
}
