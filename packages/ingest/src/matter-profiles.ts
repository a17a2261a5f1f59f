import type { MatterProfile } from '@docketwatch/core';
import type { Db } from '@docketwatch/db';

/** Every matter with what identifies it in text: aliases, keywords and its dockets' numbers. */
export async function loadMatterProfiles(db: Db): Promise<MatterProfile[]> {
  const [matters, dockets] = await Promise.all([
    db.selectFrom('matters').select(['id', 'aliases', 'keywords']).execute(),
    db.selectFrom('dockets').select(['matter_id', 'court', 'docket_number']).execute(),
  ]);
  return matters.map((m) => ({
    id: m.id,
    aliases: m.aliases,
    keywords: m.keywords,
    dockets: dockets.filter((d) => d.matter_id === m.id).map((d) => ({ court: d.court, docketNumber: d.docket_number })),
  }));
}
