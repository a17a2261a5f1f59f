import { upsertDocket, upsertMatter, upsertSource, upsertSubscription, type Db, type SubscriptionInput } from '@docketwatch/db';
import { courtName, DocketwatchError, normaliseDocketNumber, sha256 } from '@docketwatch/core';
import { presets, validatePreset } from '@docketwatch/sources';
import type { Catalogue } from './catalogue-schema';

export interface ApplyReport {
  matters: number;
  dockets: number;
  sources: number;
  subscriptions: number;
}

/**
 * Writes a catalogue into Postgres in one transaction. Applying the same catalogue again changes
 * nothing; entries, sightings and schedule state are never touched.
 */
export async function applyCatalogue(db: Db, catalogue: Catalogue): Promise<ApplyReport> {
  return db.transaction().execute(async (trx) => {
    const report: ApplyReport = { matters: 0, dockets: 0, sources: 0, subscriptions: 0 };
    for (const m of catalogue.matters) {
      const matter = await upsertMatter(trx, {
        slug: m.slug,
        name: m.name,
        description: m.description,
        aliases: m.aliases,
        keywords: m.keywords,
      });
      report.matters++;
      const docketIds = new Map<string, number>();
      for (const d of m.dockets) {
        const docket = await upsertDocket(trx, {
          matterId: matter.id,
          court: d.court,
          docketNumber: d.number,
          pacerCaseId: d.pacerCaseId ?? null,
          caseName: d.caseName ?? '',
        });
        docketIds.set(d.number, docket.id);
        if (d.courtlistenerId)
          await trx.updateTable('dockets').set({ courtlistener_id: d.courtlistenerId }).where('id', '=', docket.id).execute();
        report.dockets++;
        for (const s of d.sources) {
          const label = `${courtName(d.court)} ${d.number}`;
          await upsertSource(trx, {
            kind: s.kind,
            name: s.name ?? (s.kind === 'courtlistener' ? `CourtListener: ${label}` : label),
            // CourtListener sources have no URL of their own; the docket names them uniquely.
            url: s.kind === 'courtlistener' ? `courtlistener:${d.court}/${d.number}` : s.url,
            court: d.court,
            docketId: docket.id,
            intervalSeconds: s.every,
            config: s.kind === 'courtlistener' && s.docketId ? { docketId: s.docketId } : {},
          });
          report.sources++;
        }
      }
      for (const s of m.subscriptions) {
        const docketId = s.docket ? (docketIds.get(normaliseDocketNumber(s.docket)) ?? null) : null;
        await upsertSubscription(trx, subscriptionInput(s, matter.id, docketId, null));
        report.subscriptions++;
      }
    }
    for (const f of catalogue.feeds) {
      await upsertSource(trx, {
        kind: f.kind,
        name: f.name ?? (f.kind === 'pacer-rss' ? `${courtName(f.court)} CM/ECF feed` : f.url),
        url: f.url,
        court: f.kind === 'pacer-rss' ? f.court : null,
        intervalSeconds: f.every,
      });
      report.sources++;
    }
    for (const p of catalogue.pressRooms) {
      // Presets are resolved and checked here, so a misspelt or broken preset fails the load, not a poll.
      const preset = typeof p.preset === 'string' ? presets[p.preset] : validatePreset(p.preset);
      if (!preset)
        throw new DocketwatchError(
          'CATALOGUE_INVALID',
          `unknown press preset "${String(p.preset)}" (known: ${Object.keys(presets).join(', ')})`,
        );
      await upsertSource(trx, {
        kind: 'press-listing',
        name: p.name ?? preset.name,
        url: p.url ?? preset.listingUrl,
        intervalSeconds: p.every,
        config: { preset: p.preset },
      });
      report.sources++;
    }
    for (const page of catalogue.pages) {
      await upsertSource(trx, {
        kind: 'page-watch',
        name: page.name,
        url: page.url,
        intervalSeconds: page.every,
        config: page.selector ? { selector: page.selector } : {},
      });
      report.sources++;
    }
    for (const box of catalogue.mailboxes) {
      const address = box.address.toLowerCase();
      await upsertSource(trx, {
        kind: box.kind,
        name: box.name ?? `${box.kind === 'nef-email' ? 'CM/ECF notices' : 'Supreme Court e-mail'} to ${address}`,
        url: `mailto:${address}`,
        intervalSeconds: 86400,
      });
      report.sources++;
    }
    for (const hook of catalogue.webhooks) {
      // Only the secret's hash is stored; the receiving URL carries the secret itself.
      await upsertSource(trx, {
        kind: hook.kind,
        name: hook.name,
        url: `courtlistener-webhook:${sha256(hook.secret)}`,
        intervalSeconds: 86400,
        config: { checkSender: hook.checkSender },
      });
      report.sources++;
    }
    for (const search of catalogue.searches) {
      await upsertSubscription(trx, subscriptionInput(search, null, null, search.query));
      report.subscriptions++;
    }
    return report;
  });
}

type CatalogueSubscription = Catalogue['matters'][number]['subscriptions'][number];

/** Catalogue subscriptions are the operator's own: active at once, no opt-in. */
function subscriptionInput(
  s: CatalogueSubscription,
  matterId: number | null,
  docketId: number | null,
  query: string | null,
): SubscriptionInput {
  const [channel, target] =
    'email' in s
      ? (['email', s.email.toLowerCase()] as const)
      : 'slack' in s
        ? (['slack', s.slack] as const)
        : (['webhook', s.webhook] as const);
  return {
    matterId,
    docketId,
    channel,
    target,
    query,
    label: s.label ?? '',
    classes: s.classes ?? null,
    sourceFilter: s.sources,
    mode: s.mode,
    timeZone: s.timeZone,
    digestHour: s.digestHour,
    digestSendEmpty: s.digestSendEmpty,
    ownerEmail: s.owner ?? null,
    webhookSecrets: 'secrets' in s ? s.secrets : [],
    replaceSecrets: true,
  };
}
