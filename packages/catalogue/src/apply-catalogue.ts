import {
  pinCourtListenerDocket,
  setMatterDiscovery,
  upsertDocket,
  upsertMatter,
  upsertSource,
  upsertSubscription,
  type Db,
  type SourceInput,
  type SubscriptionInput,
} from '@docketwatch/db';
import { DocketwatchError, normaliseDocketNumber } from '@docketwatch/core';
import { catalogueEntryFor, type CatalogueSection } from '@docketwatch/sources';
import { sourceInputOf, type SourceDocket } from './source-row';
import { catalogueChannelOf, type Catalogue, type CatalogueMatter, type CatalogueSubscription } from './catalogue-schema';

export interface ApplyReport {
  matters: number;
  dockets: number;
  sources: number;
  subscriptions: number;
}

/** The catalogue's own sections of sources (docket sources are applied with their docket). */
const TOP_LEVEL_SECTIONS = ['feeds', 'pressRooms', 'pages', 'mailboxes', 'webhooks'] as const satisfies CatalogueSection[];

/**
 * Writes a catalogue into Postgres in one transaction. Applying the same catalogue again changes
 * nothing; entries, sightings and schedule state are never touched.
 */
export async function applyCatalogue(db: Db, catalogue: Catalogue): Promise<ApplyReport> {
  return db.transaction().execute(async (trx) => {
    const report: ApplyReport = { matters: 0, dockets: 0, sources: 0, subscriptions: 0 };
    for (const matter of catalogue.matters) await applyMatter(trx, matter, report);
    for (const section of TOP_LEVEL_SECTIONS) {
      for (const entry of catalogue[section]) {
        await upsertSource(trx, sourceInput(section, entry, null));
        report.sources++;
      }
    }
    for (const search of catalogue.searches) {
      await upsertSubscription(trx, subscriptionInput(search, null, null, search.query));
      report.subscriptions++;
    }
    return report;
  });
}

async function applyMatter(db: Db, m: CatalogueMatter, report: ApplyReport): Promise<void> {
  const matter = await upsertMatter(db, {
    slug: m.slug,
    name: m.name,
    description: m.description,
    aliases: m.aliases,
    keywords: m.keywords,
  });
  await setMatterDiscovery(db, matter.id, m.discovery ?? null);
  report.matters++;
  const docketIds = new Map<string, number>();
  for (const d of m.dockets) docketIds.set(d.number, await applyDocket(db, matter.id, d, report));
  for (const s of m.subscriptions) {
    const docketId = s.docket ? (docketIds.get(normaliseDocketNumber(s.docket)) ?? null) : null;
    await upsertSubscription(db, subscriptionInput(s, matter.id, docketId, null));
    report.subscriptions++;
  }
}

/** A docket and the sources of its own; returns the docket's id. */
async function applyDocket(db: Db, matterId: number, d: CatalogueDocket, report: ApplyReport): Promise<number> {
  const docket = await upsertDocket(db, {
    matterId,
    court: d.court,
    docketNumber: d.number,
    pacerCaseId: d.pacerCaseId ?? null,
    caseName: d.caseName ?? '',
  });
  for (const id of d.courtListenerIds) await pinCourtListenerDocket(db, docket.id, id);
  report.dockets++;
  for (const s of d.sources) {
    await upsertSource(db, sourceInput('docketSources', s, { id: docket.id, court: d.court, number: d.number }));
    report.sources++;
  }
  return docket.id;
}

/** A catalogue entry as its source kind turns it into a source row. */
function sourceInput(section: CatalogueSection, entry: { kind?: unknown }, docket: SourceDocket | null): SourceInput {
  const match = catalogueEntryFor(section, entry.kind);
  if (!match) throw new DocketwatchError('CATALOGUE_INVALID', `${section}: no source kind "${String(entry.kind)}"`);
  return sourceInputOf(match, entry, docket);
}

type CatalogueDocket = CatalogueMatter['dockets'][number];

/** Catalogue subscriptions are the operator's own: active at once, no opt-in. */
function subscriptionInput(
  s: CatalogueSubscription,
  matterId: number | null,
  docketId: number | null,
  query: string | null,
): SubscriptionInput {
  const { channel, target } = catalogueChannelOf(s);
  return {
    matterId,
    docketId,
    channel: channel.id,
    target: channel.destination.normalise?.(target) ?? target,
    query,
    label: s.label ?? '',
    classes: s.classes ?? null,
    sourceFilter: s.sources,
    newCases: s.newCases,
    mode: s.mode,
    timeZone: s.timeZone,
    digestHour: s.digestHour,
    digestSendEmpty: s.digestSendEmpty,
    ownerEmail: s.owner ?? null,
    webhookSecrets: s.secrets ?? [],
    replaceSecrets: true,
  };
}
