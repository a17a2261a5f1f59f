import { upsertDocket, upsertMatter, upsertSource, upsertSubscription, type Db } from '@docketwatch/db';
import { courtName, normaliseDocketNumber } from '@docketwatch/core';
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
      const matter = await upsertMatter(trx, { slug: m.slug, name: m.name, description: m.description, aliases: m.aliases });
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
        report.dockets++;
        for (const s of d.sources) {
          await upsertSource(trx, {
            kind: s.kind,
            name: s.name ?? `${courtName(d.court)} ${d.number}`,
            url: s.url,
            court: d.court,
            docketId: docket.id,
            intervalSeconds: s.every,
          });
          report.sources++;
        }
      }
      for (const s of m.subscriptions) {
        const docketId = s.docket ? (docketIds.get(normaliseDocketNumber(s.docket)) ?? null) : null;
        const [channel, target] = 'email' in s ? (['email', s.email.toLowerCase()] as const) : (['slack', s.slack] as const);
        await upsertSubscription(trx, { matterId: matter.id, docketId, channel, target, label: s.label ?? '' });
        report.subscriptions++;
      }
    }
    for (const f of catalogue.feeds) {
      await upsertSource(trx, {
        kind: f.kind,
        name: f.name ?? `${courtName(f.court)} CM/ECF feed`,
        url: f.url,
        court: f.court,
        intervalSeconds: f.every,
      });
      report.sources++;
    }
    return report;
  });
}
