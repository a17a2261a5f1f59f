import { z } from 'zod';
import { ITEM_CLASSES, courtName, type ItemClass } from '@docketwatch/core';
import { getDocket, getMatter, type Db, type Subscription, type SubscriptionSettings } from '@docketwatch/db';
import { channelById, channels } from '@docketwatch/notify';

export const CLASSES = ITEM_CLASSES as [ItemClass, ...ItemClass[]];

/** Channels whose target is an e-mail address (double opt-in): that address controls the subscription. */
export const EMAIL_CHANNELS = channels.filter((c) => c.destination.optIn === 'email-confirmation').map((c) => c.id);

/** What can carry the daily digest, as people say it ("e-mail"). */
export const DIGEST_CHANNELS = channels
  .filter((c) => c.digest)
  .map((c) => c.label.toLowerCase())
  .join(' or ');

/** The address that controls a subscription: an e-mail subscription's own address, or the owner of any other. */
export function controllingAddress(sub: Subscription): string | null {
  return EMAIL_CHANNELS.includes(sub.channel) ? sub.target : sub.owner_email;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** What an owner (manage page) or an admin (PATCH) may change; absent fields stay as they are. */
export const settingsChange = z
  .object({
    classes: z.array(z.enum(CLASSES)).min(1, 'choose at least one class').max(CLASSES.length),
    sources: z.enum(['all', 'courts', 'press']),
    newCases: z.boolean(),
    mode: z.enum(['immediate', 'digest']),
    timeZone: z.string().max(64).refine(isTimeZone, 'an IANA time zone such as America/New_York'),
    digestHour: z.coerce.number().int().min(0).max(23),
  })
  .partial();

export type SettingsChange = z.infer<typeof settingsChange>;

/** The change as stored, or why it does not fit the subscription's channel. */
export function settingsFor(sub: Subscription, change: SettingsChange): Partial<SubscriptionSettings> | { error: string } {
  if (change.mode === 'digest' && !channelById(sub.channel).digest) return { error: `digests go by ${DIGEST_CHANNELS}` };
  return {
    // Every class chosen is the same as no filter: new classes are included too.
    ...(change.classes ? { classes: change.classes.length === CLASSES.length ? null : change.classes } : {}),
    ...(change.sources ? { sourceFilter: change.sources } : {}),
    ...(change.newCases !== undefined ? { newCases: change.newCases } : {}),
    ...(change.mode ? { mode: change.mode } : {}),
    ...(change.timeZone ? { timeZone: change.timeZone } : {}),
    ...(change.digestHour !== undefined ? { digestHour: change.digestHour } : {}),
  };
}

/** What a subscription follows, as its owner reads it: "Abrego Garcia v. Noem (D. Md. 8:25-cv-00951)", or a saved search. */
export async function describeScope(db: Db, sub: Subscription): Promise<string> {
  const matter = sub.matter_id === null ? undefined : await getMatter(db, sub.matter_id);
  const docket = sub.docket_id === null ? undefined : await getDocket(db, sub.docket_id);
  const search = sub.query ? `the search "${sub.query}"` : '';
  if (!matter) return search || 'a matter no longer followed';
  const name = docket ? `${matter.name} (${courtName(docket.court)} ${docket.docket_number})` : matter.name;
  return search ? `${name}, matching ${search}` : name;
}

/** The settings in one line: "orders and opinions, courts only, a daily digest at 7:00 America/New_York". */
export function describeSettings(sub: Subscription): string {
  const classes = sub.classes === null ? 'every kind of entry' : sub.classes.join(', ');
  const sources = { all: 'courts and press', courts: 'courts only', press: 'press only' }[sub.source_filter];
  const mode =
    sub.mode === 'digest'
      ? `a daily digest at ${sub.digest_hour}:00 ${sub.time_zone}`
      : `each entry as it comes (times in ${sub.time_zone})`;
  return `${classes}; ${sources}; ${mode}`;
}

/** A subscription as the admin API shows it: never a webhook URL or secret (credentials), only e-mail addresses. */
/** A subscription as the API answers it (subscriptionJson); the address only for e-mail, where it is the owner's own. */
export const subscriptionSchema = z
  .object({
    id: z.number().int(),
    matterId: z.number().int().nullable(),
    docketId: z.number().int().nullable(),
    query: z.string().nullable(),
    channel: z.string(),
    target: z.string().optional(),
    label: z.string(),
    status: z.enum(['pending', 'active', 'paused', 'unsubscribed', 'disabled']),
    classes: z.array(z.string()).nullable().describe('null: every class'),
    sources: z.enum(['all', 'courts', 'press']),
    newCases: z.boolean().describe('also told of new cases found for the matter'),
    mode: z.enum(['immediate', 'digest']),
    timeZone: z.string(),
    digestHour: z.number().int(),
    ownerEmail: z.string().nullable(),
  })
  .meta({ id: 'Subscription' });

export function subscriptionJson(sub: Subscription) {
  return {
    id: sub.id,
    matterId: sub.matter_id,
    docketId: sub.docket_id,
    query: sub.query,
    channel: sub.channel,
    ...(EMAIL_CHANNELS.includes(sub.channel) ? { target: sub.target } : {}),
    label: sub.label,
    status: sub.status,
    classes: sub.classes,
    sources: sub.source_filter,
    newCases: sub.new_cases,
    mode: sub.mode,
    timeZone: sub.time_zone,
    digestHour: sub.digest_hour,
    ownerEmail: sub.owner_email,
  };
}
