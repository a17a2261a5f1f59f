import { z } from 'zod';
import { normaliseDocketNumber } from '@docketwatch/core';

/** "90s", "5m", "1h", or a number of seconds. */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+)\s*(s|m|h)?\s*$/i.exec(value);
  if (!m) throw new Error(`not a duration: "${value}" (use 90s, 5m or 1h)`);
  const unit = (m[2] ?? 's').toLowerCase();
  return Number(m[1]) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
}

const duration = z.union([z.string(), z.number().int().positive()]).transform((v, ctx) => {
  try {
    const seconds = parseDuration(v);
    if (seconds < 1) throw new Error('must be at least 1s');
    // A week at most: longer is a typo, and timers and integer columns have limits.
    if (!Number.isSafeInteger(seconds) || seconds > 7 * 86400) throw new Error('must be at most 7 days (168h)');
    return seconds;
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});

const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');
const courtId = z.string().regex(/^[a-z0-9]{2,10}$/, 'a court id such as mdd, ca4 or scotus');

/** A source that belongs to one docket: its Supreme Court docket page, or its CourtListener entries. */
const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('scotus-docket'), name: z.string().min(1).optional(), url: httpUrl, every: duration.default(600) }).strict(),
  z.object({ kind: z.literal('pacer-rss'), name: z.string().min(1).optional(), url: httpUrl, every: duration.default(300) }).strict(),
  z
    .object({
      kind: z.literal('courtlistener'),
      name: z.string().min(1).optional(),
      /** CourtListener's own docket id; looked up by court and number when omitted. */
      docketId: z.number().int().positive().optional(),
      every: duration.default(900),
    })
    .strict(),
]);

const docketSchema = z.object({
  court: courtId,
  number: z.string().min(1).transform(normaliseDocketNumber),
  pacerCaseId: z.union([z.string(), z.number()]).transform(String).optional(),
  courtlistenerId: z.number().int().positive().optional(),
  caseName: z.string().optional(),
  /** Sources that belong to this docket alone (a Supreme Court docket page). */
  sources: z.array(sourceSchema).default([]),
});

const ENTRY_CLASSES = ['order', 'opinion', 'judgment', 'motion', 'brief', 'notice', 'hearing', 'routine', 'other', 'press'] as const;

/** What a subscriber hears about and how: filters and delivery mode, shared by every channel. */
const subscriptionOptions = {
  label: z.string().optional(),
  docket: z.string().optional(),
  /** Only these classes (e.g. [order, opinion]: no routine entries). */
  classes: z.array(z.enum(ENTRY_CLASSES)).optional(),
  /** courts only, press only, or all. */
  sources: z.enum(['all', 'courts', 'press']).default('all'),
  mode: z.enum(['immediate', 'digest']).default('immediate'),
  timeZone: z.string().default('America/New_York'),
  digestHour: z.number().int().min(0).max(23).default(7),
  digestSendEmpty: z.boolean().default(false),
  /** Told when a Slack or webhook destination is disabled. */
  owner: z.string().email().optional(),
};

const whsec = z.string().regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, 'a Standard Webhooks secret (whsec_…)');

const subscriptionSchema = z.union([
  z.object({ email: z.string().email(), ...subscriptionOptions }).strict(),
  z.object({ slack: httpUrl, ...subscriptionOptions }).strict(),
  z.object({ webhook: httpUrl, secrets: z.array(whsec).min(1).max(3), ...subscriptionOptions }).strict(),
]);

/** A saved search across every matter: keywords over entries and press items. */
const searchSchema = z.intersection(z.object({ query: z.string().min(2) }), subscriptionSchema);

const matterSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens'),
  name: z.string().min(1),
  description: z.string().default(''),
  aliases: z.array(z.string()).default([]),
  /** Phrases that tie a press item to this matter; may be shared with other matters. */
  keywords: z.array(z.string()).default([]),
  dockets: z.array(docketSchema).default([]),
  subscriptions: z.array(subscriptionSchema).default([]),
});

/** Court-wide CM/ECF RSS feeds, and any other RSS/Atom feed (court opinions, oral arguments, newsrooms). */
const feedSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('pacer-rss'),
      name: z.string().min(1).optional(),
      court: courtId,
      url: httpUrl,
      every: duration.default(300),
    })
    .strict(),
  z.object({ kind: z.literal('feed'), name: z.string().min(1), url: httpUrl, every: duration.default(900) }).strict(),
]);

/** A press room read through a listing preset (a new press room is a preset, not code). */
const pressRoomSchema = z
  .object({
    /** A built-in preset's id, or a whole preset (selectors for item, title, link, date…) for a new press room. */
    preset: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
    name: z.string().min(1).optional(),
    /** Overrides the preset's listing URL. */
    url: httpUrl.optional(),
    every: duration.default(900),
  })
  .strict();

/** Anything else worth watching: a selector-bounded region of a page, alerted when its text changes. */
const pageSchema = z
  .object({ name: z.string().min(1), url: httpUrl, selector: z.string().min(1).optional(), every: duration.default(1800) })
  .strict();

/** Where pushed notices arrive: CM/ECF NEF and supremecourt.gov e-mail addresses. */
const mailboxSchema = z
  .object({ kind: z.enum(['nef-email', 'scotus-email']), address: z.string().email(), name: z.string().min(1).optional() })
  .strict();

/** CourtListener docket-alert webhooks: the secret is the last part of the receiving URL. */
const webhookSchema = z
  .object({
    kind: z.literal('courtlistener-webhook'),
    name: z.string().min(1),
    secret: z.string().min(16, 'use at least 16 random characters'),
    /** Check the sender's address against CourtListener's published webhook addresses. */
    checkSender: z.boolean().default(true),
  })
  .strict();

export const catalogueSchema = z
  .object({
    matters: z.array(matterSchema).default([]),
    /** Court-wide feeds (CM/ECF RSS): every tracked docket of that court is read from them. */
    feeds: z.array(feedSchema).default([]),
    pressRooms: z.array(pressRoomSchema).default([]),
    pages: z.array(pageSchema).default([]),
    mailboxes: z.array(mailboxSchema).default([]),
    webhooks: z.array(webhookSchema).default([]),
    searches: z.array(searchSchema).default([]),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const slugs = new Set<string>();
    cat.matters.forEach((m, i) => {
      if (slugs.has(m.slug)) ctx.addIssue({ code: 'custom', path: ['matters', i, 'slug'], message: `duplicate matter "${m.slug}"` });
      slugs.add(m.slug);
      m.subscriptions.forEach((s, j) => {
        if (s.mode === 'digest' && !('email' in s)) {
          ctx.addIssue({ code: 'custom', path: ['matters', i, 'subscriptions', j, 'mode'], message: 'digests go by e-mail' });
        }
        if (s.docket && !m.dockets.some((d) => d.number === normaliseDocketNumber(s.docket!))) {
          ctx.addIssue({
            code: 'custom',
            path: ['matters', i, 'subscriptions', j, 'docket'],
            message: `no docket ${s.docket} in matter ${m.slug}`,
          });
        }
      });
    });
  });

export type Catalogue = z.infer<typeof catalogueSchema>;
export type CatalogueMatter = Catalogue['matters'][number];
