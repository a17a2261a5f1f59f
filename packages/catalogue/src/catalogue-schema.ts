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

const sourceSchema = z.object({
  kind: z.enum(['pacer-rss', 'scotus-docket']),
  name: z.string().min(1).optional(),
  url: httpUrl,
  every: duration.default(300),
});

const docketSchema = z.object({
  court: courtId,
  number: z.string().min(1).transform(normaliseDocketNumber),
  pacerCaseId: z.union([z.string(), z.number()]).transform(String).optional(),
  caseName: z.string().optional(),
  /** Sources that belong to this docket alone (a Supreme Court docket page). */
  sources: z.array(sourceSchema).default([]),
});

const subscriptionSchema = z.union([
  z.object({ email: z.string().email(), label: z.string().optional(), docket: z.string().optional() }).strict(),
  z.object({ slack: httpUrl, label: z.string().optional(), docket: z.string().optional() }).strict(),
]);

const matterSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens'),
  name: z.string().min(1),
  description: z.string().default(''),
  aliases: z.array(z.string()).default([]),
  dockets: z.array(docketSchema).default([]),
  subscriptions: z.array(subscriptionSchema).default([]),
});

const feedSchema = sourceSchema.extend({ court: courtId });

export const catalogueSchema = z
  .object({
    matters: z.array(matterSchema).default([]),
    /** Court-wide feeds (CM/ECF RSS): every tracked docket of that court is read from them. */
    feeds: z.array(feedSchema).default([]),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const slugs = new Set<string>();
    cat.matters.forEach((m, i) => {
      if (slugs.has(m.slug)) ctx.addIssue({ code: 'custom', path: ['matters', i, 'slug'], message: `duplicate matter "${m.slug}"` });
      slugs.add(m.slug);
      m.subscriptions.forEach((s, j) => {
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
