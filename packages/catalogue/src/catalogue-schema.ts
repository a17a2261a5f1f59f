import { z } from 'zod';
import { ITEM_CLASSES, normaliseDocketNumber, type ItemClass } from '@docketwatch/core';
import { channels, type Channel } from '@docketwatch/notify';
import { catalogueEntriesIn, courtId, type CatalogueSection } from '@docketwatch/sources';

/**
 * A section's source entries, as the source kinds that list it declare them: one kind's entry
 * shape, or a union of several told apart by their `kind`.
 */
function sourcesIn(section: CatalogueSection) {
  const [first, ...rest] = catalogueEntriesIn(section).map(({ entry }) => entry.schema);
  if (!first) throw new Error(`no source kind lists catalogue section ${section}`);
  return z.array(rest.length === 0 ? first : z.discriminatedUnion('kind', [first, ...rest])).default([]);
}

const courtListenerDocketId = z.number().int().positive();

const docketSchema = z
  .object({
    court: courtId,
    number: z.string().min(1).transform(normaliseDocketNumber),
    pacerCaseId: z.union([z.string(), z.number()]).transform(String).optional(),
    /** CourtListener's docket id. */
    courtlistenerId: courtListenerDocketId.optional(),
    /** Several, when CourtListener holds the case under more than one docket: all land on this one. */
    courtlistenerIds: z.array(courtListenerDocketId).default([]),
    caseName: z.string().optional(),
    /** Sources that belong to this docket alone (a Supreme Court docket page). */
    sources: sourcesIn('docketSources'),
  })
  .transform(({ courtlistenerId, courtlistenerIds, ...docket }) => ({
    ...docket,
    courtListenerIds: [...new Set([...(courtlistenerId ? [courtlistenerId] : []), ...courtlistenerIds])],
  }));

/** What a subscriber hears about and how: filters and delivery mode, shared by every channel. */
const subscriptionOptions = {
  label: z.string().optional(),
  docket: z.string().optional(),
  /** Only these classes (e.g. [order, opinion]: no routine entries). */
  classes: z.array(z.enum(ITEM_CLASSES as [ItemClass, ...ItemClass[]])).optional(),
  /** courts only, press only, or all. */
  sources: z.enum(['all', 'courts', 'press']).default('all'),
  /** Also told when a new case is found for the matter (its discovery rule). */
  newCases: z.boolean().default(false),
  mode: z.enum(['immediate', 'digest']).default('immediate'),
  timeZone: z.string().default('America/New_York'),
  digestHour: z.number().int().min(0).max(23).default(7),
  digestSendEmpty: z.boolean().default(false),
  /** Told when a chat or webhook destination is disabled. */
  owner: z.string().email().optional(),
};

/** The channels a catalogue can name: all but those whose destination docketwatch makes up (feeds). */
const catalogueChannels = channels.filter((c) => !c.destination.generate);

/** A catalogue subscription: `{ <channel id>: destination, …options }`, secrets where the channel signs. */
export type CatalogueSubscription = z.output<z.ZodObject<typeof subscriptionOptions>> & { secrets?: string[] } & Record<string, unknown>;

/** One form per channel in the registry, so a new channel is a new key here with nothing to edit. */
const subscriptionSchema = z.union(
  catalogueChannels.map((c) =>
    z
      .object({
        [c.id]: c.destination.schema,
        ...(c.destination.catalogueSecrets ? { secrets: c.destination.catalogueSecrets } : {}),
        ...subscriptionOptions,
      })
      .strict(),
  ) as unknown as [z.ZodType<CatalogueSubscription>, z.ZodType<CatalogueSubscription>],
);

/** The channel a catalogue subscription names, and its destination. */
export function catalogueChannelOf(s: CatalogueSubscription): { channel: Channel; target: string } {
  const channel = catalogueChannels.find((c) => typeof s[c.id] === 'string');
  if (!channel) throw new Error(`a subscription names none of ${catalogueChannels.map((c) => c.id).join(', ')}`);
  return { channel, target: s[channel.id] as string };
}

/** A saved search across every matter: keywords over entries and press items. */
const searchSchema = z.intersection(z.object({ query: z.string().min(2) }), subscriptionSchema);

/**
 * How new cases are recognised as the matter's (core's matchNewCase): parties in the caption,
 * statute words anywhere the source describes the case, nature-of-suit codes or names, and the
 * courts (ids, or district / appellate / bankruptcy for all of them) it is limited to.
 */
const discoverySchema = z
  .object({
    parties: z.array(z.string().min(1)).default([]),
    statutes: z.array(z.string().min(1)).default([]),
    natureOfSuit: z.array(z.string().min(1)).default([]),
    courts: z.array(courtId).default([]),
    /** Attach a matching case at once instead of proposing it to an admin. */
    autoAttach: z.boolean().default(false),
  })
  .strict()
  .refine((rule) => rule.parties.length + rule.statutes.length + rule.natureOfSuit.length > 0, {
    message: 'a discovery rule names parties, statutes or a nature of suit',
  });

const matterSchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens'),
  name: z.string().min(1),
  description: z.string().default(''),
  aliases: z.array(z.string()).default([]),
  /** Phrases that tie a press item to this matter; may be shared with other matters. */
  keywords: z.array(z.string()).default([]),
  dockets: z.array(docketSchema).default([]),
  /** Look for new cases of this matter (with a discovery source among the feeds). */
  discovery: discoverySchema.optional(),
  subscriptions: z.array(subscriptionSchema).default([]),
});

export const catalogueSchema = z
  .object({
    matters: z.array(matterSchema).default([]),
    /** Court-wide CM/ECF RSS feeds (every tracked docket of that court is read from them) and any other feed. */
    feeds: sourcesIn('feeds'),
    /** Press rooms read through listing presets. */
    pressRooms: sourcesIn('pressRooms'),
    /** Selector-bounded regions of pages, alerted when their text changes. */
    pages: sourcesIn('pages'),
    /** Where pushed notices arrive: CM/ECF NEF and supremecourt.gov e-mail addresses. */
    mailboxes: sourcesIn('mailboxes'),
    /** CourtListener docket-alert webhooks: the secret is the last part of the receiving URL. */
    webhooks: sourcesIn('webhooks'),
    searches: z.array(searchSchema).default([]),
  })
  .strict()
  .superRefine((cat, ctx) => {
    const slugs = new Set<string>();
    cat.matters.forEach((m, i) => {
      if (slugs.has(m.slug)) ctx.addIssue({ code: 'custom', path: ['matters', i, 'slug'], message: `duplicate matter "${m.slug}"` });
      slugs.add(m.slug);
      m.subscriptions.forEach((s, j) => {
        if (s.mode === 'digest' && !catalogueChannelOf(s).channel.digest) {
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
