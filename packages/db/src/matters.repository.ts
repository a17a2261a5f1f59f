import type { MatterDocket, MatterProfile } from '@docketwatch/core';
import type { Db } from './connect';
import type { Docket, Matter } from './schema';

export interface MatterInput {
  slug: string;
  name: string;
  description?: string;
  aliases?: string[];
  keywords?: string[];
}

export async function upsertMatter(db: Db, input: MatterInput): Promise<Matter> {
  return db
    .insertInto('matters')
    .values({
      slug: input.slug,
      name: input.name,
      description: input.description ?? '',
      aliases: JSON.stringify(input.aliases ?? []),
      keywords: JSON.stringify(input.keywords ?? []),
    })
    .onConflict((oc) =>
      oc.column('slug').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        description: eb.ref('excluded.description'),
        aliases: eb.ref('excluded.aliases'),
        keywords: eb.ref('excluded.keywords'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findMatterBySlug(db: Db, slug: string): Promise<Matter | undefined> {
  return db.selectFrom('matters').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function getMatter(db: Db, id: number): Promise<Matter | undefined> {
  return db.selectFrom('matters').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The matters docketwatch follows; archived ones are left out (an admin lists them with listAllMatters). */
export async function listMatters(db: Db): Promise<Matter[]> {
  return db.selectFrom('matters').selectAll().where('archived_at', 'is', null).orderBy('name').execute();
}

export interface DocketInput {
  matterId: number;
  court: string;
  docketNumber: string;
  pacerCaseId?: string | null;
  caseName?: string;
}

/** A new docket's row: its caption so far is its case name. */
export function newDocketRow(input: DocketInput) {
  const caseName = input.caseName ?? '';
  return {
    matter_id: input.matterId,
    court: input.court,
    docket_number: input.docketNumber,
    pacer_case_id: input.pacerCaseId ?? null,
    case_name: caseName,
    captions: JSON.stringify(caseName ? [caseName] : []),
  };
}

export async function upsertDocket(db: Db, input: DocketInput): Promise<Docket> {
  return db
    .insertInto('dockets')
    .values(newDocketRow(input))
    .onConflict((oc) =>
      oc.columns(['court', 'docket_number']).doUpdateSet((eb) => ({
        matter_id: eb.ref('excluded.matter_id'),
        pacer_case_id: eb.fn.coalesce('excluded.pacer_case_id', 'dockets.pacer_case_id'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listDocketsOfMatter(db: Db, matterId: number): Promise<Docket[]> {
  return db.selectFrom('dockets').selectAll().where('matter_id', '=', matterId).orderBy('court').execute();
}

export async function getDocket(db: Db, id: number): Promise<Docket | undefined> {
  return db.selectFrom('dockets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One docket of a matter, by court and (normalised) docket number. */
export async function findDocketOfMatter(db: Db, matterId: number, court: string, docketNumber: string): Promise<Docket | undefined> {
  return db
    .selectFrom('dockets')
    .selectAll()
    .where('matter_id', '=', matterId)
    .where('court', '=', court)
    .where('docket_number', '=', docketNumber)
    .executeTakeFirst();
}

/** Every tracked docket's number and matter: what lower-court case numbers are linked against. */
export async function listMatterDockets(db: Db): Promise<MatterDocket[]> {
  return db.selectFrom('dockets').select(['matter_id as matterId', 'court', 'docket_number as docketNumber']).execute();
}

/** Every matter with what identifies it in text: aliases, keywords and its dockets' numbers. */
export async function loadMatterProfiles(db: Db): Promise<MatterProfile[]> {
  const [matters, dockets] = await Promise.all([
    db.selectFrom('matters').select(['id', 'aliases', 'keywords']).execute(),
    listMatterDockets(db),
  ]);
  return matters.map((m) => ({
    id: m.id,
    aliases: m.aliases,
    keywords: m.keywords,
    dockets: dockets.filter((d) => d.matterId === m.id).map((d) => ({ court: d.court, docketNumber: d.docketNumber })),
  }));
}

/** The lower-court cases a (Supreme Court) docket names, as its source last listed them. */
export async function setLowerCourtCases(db: Db, docketId: number, lowerCourtCases: string[]): Promise<void> {
  await db
    .updateTable('dockets')
    .set({ lower_court_cases: JSON.stringify(lowerCourtCases) })
    .where('id', '=', docketId)
    .execute();
}

/** The tracked docket a parsed docket belongs to: by court and number, else by PACER case id. */
export async function findTrackedDocket(
  db: Db,
  court: string,
  docketNumber: string,
  pacerCaseId: string | null,
): Promise<Docket | undefined> {
  return db
    .selectFrom('dockets')
    .selectAll()
    .where('court', '=', court)
    .where((eb) =>
      pacerCaseId
        ? eb.or([eb('docket_number', '=', docketNumber), eb('pacer_case_id', '=', pacerCaseId)])
        : eb('docket_number', '=', docketNumber),
    )
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * A docket's current caption; every caption it has had is kept in order. A source still showing an
 * older caption (A.A.R.P. after the case became W.M.M.) does not make it current again.
 */
export async function recordCaption(db: Db, docket: Docket, caseName: string): Promise<void> {
  if (!caseName || caseName === docket.case_name || caseName === 'Unknown Case Title') return;
  if (docket.captions.includes(caseName)) return;
  const captions = [...docket.captions, caseName];
  await db
    .updateTable('dockets')
    .set({ case_name: caseName, captions: JSON.stringify(captions) })
    .where('id', '=', docket.id)
    .execute();
}
