import type { CaseReason, EventFacts } from '@docketwatch/core';
import type { Db } from './connect';
import type { OutboxKind } from './schema';
import { ENTRY_VIEW_COLUMNS, ITEM_VIEW_COLUMNS, type EntryView, type ItemView } from './timeline.repository';

/** A press item as alerts show it: with its full text, which stands in for a missing summary. */
export interface EventItem extends ItemView {
  text: string;
}

/** One outbox event with everything needed to tell a subscriber about it. */
export interface EventContext {
  event: { id: number; kind: OutboxKind; createdAt: Date };
  matter: { id: number; slug: string; name: string };
  subject: EntryView | EventItem;
}

/**
 * The events with these ids, in id order, each with its matter and its entry (and docket), item or
 * new case. A new case reads as an entry of its docket (class `new-case`), so every channel, feed
 * and digest says it without a case of its own. Five queries whatever the number of events, so a
 * burst or a digest costs no more round trips than one alert. Events whose subject is gone are left out.
 */
export async function loadEventContexts(db: Db, ids: readonly number[]): Promise<EventContext[]> {
  if (ids.length === 0) return [];
  const events = await db
    .selectFrom('outbox_events')
    .select(['id', 'kind', 'created_at', 'matter_id', 'entry_id', 'item_id', 'case_proposal_id'])
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
  const entryIds = events.flatMap((e) => (e.entry_id === null ? [] : [e.entry_id]));
  const itemIds = events.flatMap((e) => (e.item_id === null ? [] : [e.item_id]));
  const caseIds = events.flatMap((e) => (e.case_proposal_id === null ? [] : [e.case_proposal_id]));
  const [matters, entries, items, cases] = await Promise.all([
    db
      .selectFrom('matters')
      .select(['id', 'slug', 'name'])
      .where('id', 'in', [...new Set(events.map((e) => e.matter_id))])
      .execute(),
    entryIds.length === 0 ? [] : selectEventEntries(db, entryIds),
    itemIds.length === 0 ? [] : selectEventItems(db, itemIds),
    caseIds.length === 0 ? [] : selectEventCases(db, caseIds),
  ]);
  const matterById = new Map(matters.map((m) => [m.id, m]));
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  return events.flatMap((e) => {
    const matter = matterById.get(e.matter_id);
    const subject =
      e.entry_id !== null
        ? entryById.get(e.entry_id)
        : e.item_id !== null
          ? itemById.get(e.item_id)
          : e.case_proposal_id !== null
            ? caseById.get(e.case_proposal_id)
            : undefined;
    if (!matter || !subject) return [];
    return [{ event: { id: e.id, kind: e.kind, createdAt: e.created_at }, matter, subject }];
  });
}

async function selectEventEntries(db: Db, ids: number[]): Promise<EntryView[]> {
  const rows = await db
    .selectFrom('entries')
    .innerJoin('dockets', 'dockets.id', 'entries.docket_id')
    .select(ENTRY_VIEW_COLUMNS)
    .where('entries.id', 'in', ids)
    .execute();
  return rows.map((r) => ({ type: 'entry', ...r }));
}

/** The entry class a new case's alert carries. */
export const NEW_CASE_CLASS = 'new-case';

/** A new case as the entry its alert shows: the caption, why it matched, and its page. */
async function selectEventCases(db: Db, ids: number[]): Promise<EntryView[]> {
  const rows = await db
    .selectFrom('case_proposals')
    .select(['id', 'court', 'docket_number', 'case_name', 'filed_on', 'created_at', 'nature_of_suit', 'cause', 'reasons', 'url'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    type: 'entry',
    id: r.id,
    court: r.court,
    docketNumber: r.docket_number,
    caseName: r.case_name,
    entryNumber: null,
    filedAt: r.filed_on ?? r.created_at.toISOString().slice(0, 10),
    class: NEW_CASE_CLASS,
    shortDescription: `New case: ${r.case_name}`,
    description: newCaseDescription(r),
    documentUrl: r.url,
  }));
}

function newCaseDescription(r: { nature_of_suit: string; cause: string; reasons: CaseReason[] }): string {
  const why = r.reasons.map((reason) => `${reason.kind} "${reason.value}"`).join(', ');
  return [r.nature_of_suit, r.cause, why ? `Matched on ${why}.` : ''].filter(Boolean).join('\n');
}

async function selectEventItems(db: Db, ids: number[]): Promise<EventItem[]> {
  const rows = await db
    .selectFrom('items')
    .select([...ITEM_VIEW_COLUMNS, 'items.text'])
    .where('items.id', 'in', ids)
    .execute();
  return rows.map((r) => ({ type: 'item', ...r }));
}

/** What subscriptions filter on, for each event: its matter, docket, source, class and text. */
export async function eventFacts(
  db: Db,
  events: {
    id: number;
    matter_id: number;
    docket_id: number | null;
    entry_id: number | null;
    item_id: number | null;
    case_proposal_id: number | null;
  }[],
): Promise<Map<number, EventFacts>> {
  const entryIds = events.flatMap((e) => (e.entry_id === null ? [] : [e.entry_id]));
  const itemIds = events.flatMap((e) => (e.item_id === null ? [] : [e.item_id]));
  const entries = entryIds.length
    ? await db.selectFrom('entries').select(['id', 'class', 'short_description', 'description']).where('id', 'in', entryIds).execute()
    : [];
  const items = itemIds.length
    ? await db.selectFrom('items').select(['id', 'title', 'summary', 'text']).where('id', 'in', itemIds).execute()
    : [];
  const caseIds = events.flatMap((e) => (e.case_proposal_id === null ? [] : [e.case_proposal_id]));
  const cases = caseIds.length
    ? await db.selectFrom('case_proposals').select(['id', 'case_name', 'nature_of_suit', 'cause']).where('id', 'in', caseIds).execute()
    : [];
  const entryById = new Map(entries.map((e) => [e.id, e]));
  const itemById = new Map(items.map((i) => [i.id, i]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const facts = new Map<number, EventFacts>();
  for (const e of events) {
    const entry = e.entry_id === null ? undefined : entryById.get(e.entry_id);
    const item = e.item_id === null ? undefined : itemById.get(e.item_id);
    const found = e.case_proposal_id === null ? undefined : caseById.get(e.case_proposal_id);
    if (found) {
      const text = `New case: ${found.case_name} ${found.nature_of_suit} ${found.cause}`;
      facts.set(e.id, { matterId: e.matter_id, docketId: e.docket_id, source: 'court', entryClass: NEW_CASE_CLASS, text, newCase: true });
    } else if (entry) {
      const text = `${entry.short_description} ${entry.description}`;
      facts.set(e.id, { matterId: e.matter_id, docketId: e.docket_id, source: 'court', entryClass: entry.class, text });
    } else if (item) {
      const text = `${item.title} ${item.summary} ${item.text}`;
      facts.set(e.id, { matterId: e.matter_id, docketId: null, source: 'press', entryClass: 'press', text });
    }
  }
  return facts;
}

/**
 * The events a digest covers: everything that happened (new and updated entries, press items
 * attached) in [start, end), with what subscriptions filter on.
 */
export async function eventsBetween(db: Db, start: Date, end: Date): Promise<{ ids: number[]; facts: Map<number, EventFacts> }> {
  const events = await db
    .selectFrom('outbox_events')
    .select(['id', 'matter_id', 'docket_id', 'entry_id', 'item_id', 'case_proposal_id'])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .orderBy('id')
    .limit(5000)
    .execute();
  return { ids: events.map((e) => e.id), facts: await eventFacts(db, events) };
}
