import { pushChannelIds } from '@docketwatch/notify';
import { classifyEntry, type ParsedEntry } from '@docketwatch/core';
import {
  attachItem,
  claimDelivery,
  fanOutPendingEvents,
  markDeliveriesSent,
  findDueDeliveries,
  storeDocketEntries,
  storeItem,
  unsubscribe,
  upsertDocket,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  writeItemEvent,
  type Docket,
  type Subscription,
  type SubscriptionInput,
} from '@docketwatch/db';
import { createTestDatabase, type TestDatabase } from '@docketwatch/test-support';

describe('fanOutPendingEvents (real Postgres): filters, coalescing, idempotence', () => {
  let t: TestDatabase;
  let sourceId: number;
  let n = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
    sourceId = (await upsertSource(t.db, { kind: 'pacer-rss', name: 'rss', address: 'http://x.test/rss', intervalSeconds: 60 })).id;
  });
  afterAll(async () => {
    await t.drop();
  });
  beforeEach(async () => {
    // Each test's subscribers are the only active ones (a saved search hears every matter).
    await t.db.updateTable('subscriptions').set({ status: 'disabled' }).where('status', '=', 'active').execute();
  });

  async function matter(slug: string, name: string) {
    const m = await upsertMatter(t.db, { slug, name });
    const docket = (court: string, number: string) => upsertDocket(t.db, { matterId: m.id, court, docketNumber: number, caseName: name });
    return { id: m.id, docket };
  }

  async function file(docket: Docket, entry: Partial<ParsedEntry>): Promise<number> {
    n++;
    await storeDocketEntries(t.db, {
      sourceId,
      docket,
      baseline: false,
      classify: classifyEntry,
      entries: [
        {
          entryNumber: String(n),
          filedAt: '2025-04-07T14:05:00-04:00',
          shortDescription: 'Order',
          description: '',
          documentUrl: `https://ecf.example.test/doc1/${n}`,
          pacerDocId: null,
          attachments: [],
          ...entry,
        },
      ],
    });
    return lastEventId();
  }

  async function publish(matterId: number, title: string): Promise<number> {
    n++;
    const stored = await storeItem(t.db, {
      sourceId,
      item: {
        url: `https://www.justice.gov/opa/pr/item-${n}`,
        title,
        publishedAt: '2025-04-07',
        summary: '',
        text: title,
        publisher: 'U.S. Department of Justice',
        enclosures: [],
      },
    });
    await attachItem(t.db, { matterId, itemId: stored.id, reasons: [{ kind: 'manual', value: 'test', excerpt: '' }] });
    await writeItemEvent(t.db, { matterId, itemId: stored.id });
    return lastEventId();
  }

  async function lastEventId(): Promise<number> {
    return (await t.db.selectFrom('outbox_events').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  }

  const subscribe = (input: Partial<SubscriptionInput> & { target: string }) =>
    upsertSubscription(t.db, { matterId: null, channel: 'email', ...input });

  /** For each subscription, the events it got a delivery for. */
  async function eventsOf(subs: Record<string, Subscription>): Promise<Record<string, number[]>> {
    const out: Record<string, number[]> = {};
    for (const [name, sub] of Object.entries(subs)) {
      const rows = await t.db
        .selectFrom('deliveries')
        .select('event_id')
        .where('subscription_id', '=', sub.id)
        .orderBy('event_id')
        .execute();
      out[name] = rows.map((r) => r.event_id);
    }
    return out;
  }

  it('gives each subscription exactly the events its filters want', async () => {
    const abrego = await matter('abrego-garcia', 'Abrego Garcia v. Noem');
    const mdd = await abrego.docket('mdd', '8:25-cv-00951');
    const ca4 = await abrego.docket('ca4', '25-1404');
    const jgg = await matter('jgg-v-trump', 'J.G.G. v. Trump');
    const dcd = await jgg.docket('dcd', '1:25-cv-00766');
    const a = abrego.id;

    const subs = {
      matter: await subscribe({ matterId: a, target: 'matter@example.com' }),
      docketMdd: await subscribe({ matterId: a, docketId: mdd.id, target: 'mdd@example.com' }),
      rulings: await subscribe({ matterId: a, classes: ['order', 'opinion'], target: 'rulings@example.com' }),
      courts: await subscribe({ matterId: a, sourceFilter: 'courts', target: 'courts@example.com' }),
      press: await subscribe({ matterId: a, sourceFilter: 'press', target: 'press@example.com' }),
      searchEverywhere: await subscribe({ matterId: null, query: 'Facilitate RETURN', target: 'search@example.com' }),
      searchInMatter: await subscribe({ matterId: a, query: 'facilitate return', target: 'search-abrego@example.com' }),
      slack: await subscribe({ matterId: a, channel: 'slack', target: 'https://hooks.slack.test/services/T/B/1' }),
      webhook: await subscribe({ matterId: a, channel: 'webhook', target: 'https://hooks.example.test/dw', webhookSecrets: [] }),
      otherMatter: await subscribe({ matterId: jgg.id, target: 'jgg@example.com' }),
      // None of these hear anything immediately.
      digest: await subscribe({ matterId: a, mode: 'digest', target: 'digest@example.com' }),
      pending: await subscribe({ matterId: a, status: 'pending', target: 'pending@example.com' }),
      unsubscribed: await subscribe({ matterId: a, target: 'left@example.com' }),
      disabled: await subscribe({ matterId: a, channel: 'slack', target: 'https://hooks.slack.test/services/T/B/gone' }),
      feed: await subscribe({ matterId: a, channel: 'feed', target: 'feed-token' }),
    };
    await unsubscribe(t.db, subs.unsubscribed.id);
    await t.db.updateTable('subscriptions').set({ status: 'disabled' }).where('id', '=', subs.disabled.id).execute();

    const order = await file(mdd, { shortDescription: 'ORDER directing the Government to facilitate the return of Abrego Garcia' });
    const routine = await file(mdd, { shortDescription: 'NOTICE of Appearance by Jane Doe on behalf of All Defendants' });
    const opinion = await file(ca4, { shortDescription: 'Published opinion filed' });
    const press = await publish(a, 'Statement on the return of Abrego Garcia, facilitated');
    const elsewhere = await file(dcd, {
      shortDescription: 'MINUTE ORDER: the Government shall facilitate the return of the class members',
    });
    const classes = await t.db.selectFrom('entries').select(['short_description', 'class']).execute();
    expect(Object.fromEntries(classes.map((c) => [c.short_description.slice(0, 12), c.class]))).toMatchObject({
      'ORDER direct': 'order',
      'NOTICE of Ap': 'routine',
      'Published op': 'opinion',
      'MINUTE ORDER': 'order',
    });

    const result = await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 });
    expect(result.events).toBe(5);

    expect(await eventsOf(subs)).toEqual({
      matter: [order, routine, opinion, press],
      docketMdd: [order, routine], // one docket: not the appeal, not the matter's press
      rulings: [order, opinion],
      courts: [order, routine, opinion],
      press: [press],
      searchEverywhere: [order, press, elsewhere], // every word, any case, any matter
      searchInMatter: [order, press],
      slack: [order, routine, opinion, press],
      webhook: [order, routine, opinion, press],
      otherMatter: [elsewhere],
      digest: [],
      pending: [],
      unsubscribed: [],
      disabled: [],
      feed: [],
    });
    const channels = await t.db
      .selectFrom('deliveries')
      .select(['subscription_id', 'channel', 'status', 'attempts'])
      .where('subscription_id', 'in', [subs.slack.id, subs.webhook.id, subs.matter.id])
      .execute();
    expect(new Set(channels.map((d) => `${d.subscription_id}:${d.channel}`))).toEqual(
      new Set([`${subs.slack.id}:slack`, `${subs.webhook.id}:webhook`, `${subs.matter.id}:email`]),
    );
    expect(channels.every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);
    expect(result.deliveryIds).toHaveLength(4 + 2 + 2 + 3 + 1 + 3 + 2 + 4 + 4 + 1);

    // Fanned out once: a second run finds nothing to do.
    expect(await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 })).toEqual({ events: 0, deliveryIds: [] });
  });

  it('costs a quiet subscription no latency: its first entries are due at once, together', async () => {
    const m = await matter('coalesce-quiet', 'Coalesce v. Quiet');
    const docket = await m.docket('mdd', '8:25-cv-01000');
    const sub = await subscribe({ matterId: m.id, target: 'quiet@example.com' });
    for (let i = 0; i < 3; i++) await file(docket, { shortDescription: `ORDER number ${i}` });
    const before = Date.now();
    const { deliveryIds } = await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100, coalesceSeconds: 30 });
    const rows = await t.db.selectFrom('deliveries').selectAll().where('subscription_id', '=', sub.id).execute();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.next_attempt_at.getTime()).toBeLessThanOrEqual(before + 5_000);
    const due = (await findDueDeliveries(t.db, { limit: 1000, leaseSeconds: 60 })).map((d) => d.id);
    expect(deliveryIds.every((id) => due.includes(id))).toBe(true);
  });

  it('holds entries that follow a message within the window until it closes, then they are due together', async () => {
    const m = await matter('coalesce-burst', 'Coalesce v. Burst');
    const docket = await m.docket('mdd', '8:25-cv-01001');
    const sub = await subscribe({ matterId: m.id, target: 'burst@example.com' });
    await file(docket, { shortDescription: 'ORDER number 0' });
    const [first] = (await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100, coalesceSeconds: 30 })).deliveryIds;
    // The first goes out at once (as the sender would: claimed, then marked sent).
    expect(await claimDelivery(t.db, first!, 60)).toMatchObject({ id: first });
    await markDeliveriesSent(t.db, [first!], null);
    const sentAt = (await t.db.selectFrom('deliveries').select('sent_at').where('id', '=', first!).executeTakeFirstOrThrow()).sent_at!;

    await file(docket, { shortDescription: 'ORDER number 1' });
    await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100, coalesceSeconds: 30 });
    await file(docket, { shortDescription: 'ORDER number 2' });
    await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100, coalesceSeconds: 30 });
    const waiting = await t.db
      .selectFrom('deliveries')
      .selectAll()
      .where('subscription_id', '=', sub.id)
      .where('id', '!=', first!)
      .execute();
    expect(waiting).toHaveLength(2);
    // Both wait for the same moment: the window the first message opened closes.
    expect(new Set(waiting.map((d) => d.next_attempt_at.getTime())).size).toBe(1);
    expect(waiting[0]!.next_attempt_at.getTime()).toBeGreaterThanOrEqual(sentAt.getTime() + 29_000);
    const due = async () => (await findDueDeliveries(t.db, { limit: 1000, leaseSeconds: 60 })).map((d) => d.id);
    expect((await due()).filter((id) => waiting.some((d) => d.id === id))).toEqual([]);
    expect(await claimDelivery(t.db, waiting[0]!.id, 60)).toBeUndefined();

    // The window closes.
    await t.db
      .updateTable('deliveries')
      .set({ next_attempt_at: new Date(Date.now() - 1000) })
      .where(
        'id',
        'in',
        waiting.map((d) => d.id),
      )
      .execute();
    expect((await due()).filter((id) => waiting.some((d) => d.id === id))).toHaveLength(2);
  });

  it('lets no retry hold new entries back: a delivery waiting to be tried again gathers nothing', async () => {
    const m = await matter('coalesce-retry', 'Coalesce v. Retry');
    const docket = await m.docket('mdd', '8:25-cv-01002');
    const sub = await subscribe({ matterId: m.id, target: 'retry@example.com' });
    await file(docket, { shortDescription: 'ORDER number 0' });
    const [failing] = (await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100, coalesceSeconds: 30 })).deliveryIds;
    // Tried once and failed: back to pending, an hour away (the retry schedule), never sent.
    await t.db
      .updateTable('deliveries')
      .set({ attempts: 1, next_attempt_at: new Date(Date.now() + 3_600_000) })
      .where('id', '=', failing!)
      .execute();
    await file(docket, { shortDescription: 'ORDER number 1' });
    const before = Date.now();
    const [fresh] = (await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100, coalesceSeconds: 30 })).deliveryIds;
    const row = await t.db.selectFrom('deliveries').selectAll().where('id', '=', fresh!).executeTakeFirstOrThrow();
    expect(row.subscription_id).toBe(sub.id);
    expect(row.next_attempt_at.getTime()).toBeLessThanOrEqual(before + 5_000);
  });

  it('fans one event out to 10,000 subscribers of a matter, exactly once however often it runs', async () => {
    const m = await matter('ten-thousand', 'Ten v. Thousand');
    const docket = await m.docket('mdd', '8:25-cv-10000');
    const SUBSCRIBERS = 10_000;
    for (let i = 0; i < SUBSCRIBERS; i += 1000) {
      await t.db
        .insertInto('subscriptions')
        .values(
          Array.from({ length: Math.min(1000, SUBSCRIBERS - i) }, (_, j) => ({
            matter_id: m.id,
            channel: 'email' as const,
            target: `reader${i + j}@example.com`,
            label: '',
          })),
        )
        .execute();
    }
    const event = await file(docket, { shortDescription: 'ORDER granting preliminary injunction' });
    const count = async () =>
      Number(
        (
          await t.db
            .selectFrom('deliveries')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('event_id', '=', event)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const distinctSubscribers = async () =>
      Number(
        (
          await t.db
            .selectFrom('deliveries')
            .select((eb) => eb.fn.count('subscription_id').distinct().as('n'))
            .where('event_id', '=', event)
            .executeTakeFirstOrThrow()
        ).n,
      );

    const first = await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 });
    expect(first.events).toBe(1);
    expect(first.deliveryIds).toHaveLength(SUBSCRIBERS);
    expect(await count()).toBe(SUBSCRIBERS);
    expect(await distinctSubscribers()).toBe(SUBSCRIBERS);

    expect(await fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 })).toEqual({ events: 0, deliveryIds: [] });
    expect(await count()).toBe(SUBSCRIBERS);

    // Even if the event is fanned out again (a crash before the mark, a replayed outbox), and by two
    // notifiers at once, the unique (event, subscription, channel) key creates nothing twice.
    await t.db.updateTable('outbox_events').set({ fanned_out_at: null }).where('id', '=', event).execute();
    const [x, y] = await Promise.all([
      fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 }),
      fanOutPendingEvents(t.db, { channels: pushChannelIds, limit: 100 }),
    ]);
    expect(x.events + y.events).toBe(1);
    expect([...x.deliveryIds, ...y.deliveryIds]).toEqual([]);
    expect(await count()).toBe(SUBSCRIBERS);
  }, 120_000);
});
