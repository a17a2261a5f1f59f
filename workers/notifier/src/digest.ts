import { subscriptionWants } from '@docketwatch/core';
import {
  claimDigestWindow,
  dueDigestSubscriptions,
  eventsBetween,
  finishDigestRun,
  loadEventContexts,
  releaseDigestRun,
  failDigestRun,
  subscriptionInterest,
  type Db,
  type EventContext,
} from '@docketwatch/db';
import {
  alertViewOf,
  DeliveryError,
  digestWindowEnd,
  manageLinkUrl,
  matterPageUrl,
  renderDigestEmail,
  type EmailSender,
} from '@docketwatch/notify';
import type { Logger, Metrics } from '@docketwatch/log';
import { unsubscribeUrl } from './deliver';

export interface DigestDeps {
  db: Db;
  email: Pick<EmailSender, 'send'>;
  log: Logger;
  publicUrl: string;
  linkSecret: string;
  mailDomain: string;
  now: Date;
  /** Counts digests by outcome; absent, nothing is measured. */
  metrics?: Metrics;
}

const DAY_MS = 86_400_000;
/** A claim older than this belongs to a sweeper that died; the window is claimed again. */
const STALE_CLAIM_SECONDS = 600;

/** Digests sent at once: enough to keep a pooled SMTP transport busy, few enough to stay polite to the database. */
const DIGEST_CONCURRENCY = 8;

type DueSubscription = Awaited<ReturnType<typeof dueDigestSubscriptions>>[number];
type WindowEvents = Awaited<ReturnType<typeof eventsBetween>> & { contexts: Promise<Map<number, EventContext>> };

/**
 * One sweep for every digest subscriber: whoever's chosen hour has come in their own time zone gets
 * everything since their last digest. Each window is claimed atomically, so two sweepers never send
 * the same digest; nothing is sent for an empty window unless the subscriber asked.
 */
export async function sendDueDigests(deps: DigestDeps): Promise<number> {
  // Subscribers sharing a zone and hour share a window: read each window's events, and their
  // entries and matters, once per sweep rather than once per subscriber.
  const windows = new Map<string, Promise<WindowEvents>>();
  const eventsOf = (start: Date, end: Date) => {
    const key = `${start.getTime()}-${end.getTime()}`;
    if (!windows.has(key)) {
      windows.set(
        key,
        eventsBetween(deps.db, start, end).then((events) => ({
          ...events,
          contexts: loadEventContexts(deps.db, events.ids).then((all) => new Map(all.map((c) => [c.event.id, c]))),
        })),
      );
    }
    return windows.get(key)!;
  };
  const due = await dueDigestSubscriptions(deps.db);
  let sent = 0;
  for (let i = 0; i < due.length; i += DIGEST_CONCURRENCY) {
    const outcomes = await Promise.all(due.slice(i, i + DIGEST_CONCURRENCY).map((sub) => sendDigestTo(deps, sub, eventsOf)));
    sent += outcomes.filter(Boolean).length;
  }
  return sent;
}

/** One subscriber's digest, if its window has closed and it can claim it; true when a digest was sent. */
async function sendDigestTo(
  deps: DigestDeps,
  sub: DueSubscription,
  eventsOf: (start: Date, end: Date) => Promise<WindowEvents>,
): Promise<boolean> {
  const windowEnd = digestWindowEnd(deps.now, sub.time_zone, sub.digest_hour);
  if (sub.last_digest_at && sub.last_digest_at.getTime() >= windowEnd.getTime()) return false;
  // A new subscriber's first digest comes at their next digest hour, not at once for a window that
  // closed before they joined (someone who subscribes at 15:00 hears nothing until 07:00 tomorrow).
  if (!sub.last_digest_at && windowEnd.getTime() <= (sub.confirmed_at ?? sub.created_at).getTime()) return false;
  const windowStart = sub.last_digest_at ?? new Date(windowEnd.getTime() - DAY_MS);
  const runId = await claimDigestWindow(deps.db, { subscriptionId: sub.id, windowStart, windowEnd, staleSeconds: STALE_CLAIM_SECONDS });
  if (runId === null) return false;
  try {
    const window = await eventsOf(windowStart, windowEnd);
    const interest = subscriptionInterest(sub);
    const wanted = window.ids.filter((id) => {
      const fact = window.facts.get(id);
      return fact !== undefined && subscriptionWants(interest, fact);
    });
    if (wanted.length === 0 && !sub.digest_send_empty) {
      await finishDigestRun(deps.db, { runId, subscriptionId: sub.id, windowEnd, status: 'skipped', items: 0 });
      deps.metrics?.recordDigest('empty');
      return false;
    }
    const contexts = await window.contexts;
    const views = wanted.flatMap((id) => {
      const c = contexts.get(id);
      if (!c) return [];
      const matter = { name: c.matter.name, url: matterPageUrl(deps.publicUrl, c.matter.slug) };
      return [alertViewOf(c.subject, matter, c.event.kind === 'entry.updated' ? 'updated' : 'new')];
    });
    const link = unsubscribeUrl(deps.publicUrl, deps.linkSecret, sub.id);
    const manageUrl = manageLinkUrl(deps.publicUrl, deps.linkSecret, sub.id);
    const rendered = renderDigestEmail(views, { timeZone: sub.time_zone, date: windowEnd, unsubscribeUrl: link, manageUrl });
    await deps.email.send({
      ...rendered,
      to: sub.target,
      messageId: `<digest-${runId}@${deps.mailDomain}>`,
      headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    await finishDigestRun(deps.db, { runId, subscriptionId: sub.id, windowEnd, status: 'sent', items: views.length });
    deps.metrics?.recordDigest('sent');
    return true;
  } catch (err) {
    if (err instanceof DeliveryError && err.code !== 'DELIVERY_TEMPORARY') {
      // The server refused this recipient for good: record it and close the window, not retry every minute.
      await failDigestRun(deps.db, { runId, subscriptionId: sub.id, windowEnd, error: err.message });
      deps.metrics?.recordDigest('refused');
      deps.log.warn({ subscriptionId: sub.id, err }, 'digest refused by the mail server');
    } else {
      await releaseDigestRun(deps.db, runId);
      deps.metrics?.recordDigest('retry');
      deps.log.warn({ subscriptionId: sub.id, err }, 'digest not sent; the next sweep retries');
    }
    return false;
  }
}
