import type { z } from 'zod';
import { createSource, type Db, type Source } from '@docketwatch/db';
import { catalogueEntriesIn, type CatalogueSection, type SourceKindId } from '@docketwatch/sources';
import { sourceInputOf } from './source-row';

/** One way a person may add a source: a catalogue section and a kind it lists, with the entry's fields. */
export interface SourceForm {
  /** `<section>:<kind>`, the form's value for it. */
  id: string;
  section: CatalogueSection;
  kind: SourceKindId;
  /** The entry's fields as the catalogue names them (`kind` is implied by the form). */
  fields: { name: string; boolean: boolean }[];
  /** A source of one docket (added from the docket's matter), rather than a court-wide or press source. */
  forDocket: boolean;
}

const SECTIONS = ['docketSources', 'feeds', 'pressRooms', 'pages', 'mailboxes', 'webhooks'] as const satisfies CatalogueSection[];

/** Every source form, derived from the registry's catalogue entries: a new kind brings its own form. */
export const sourceForms: readonly SourceForm[] = SECTIONS.flatMap((section) =>
  catalogueEntriesIn(section).map(({ kind, entry }) => ({
    id: `${section}:${kind}`,
    section,
    kind,
    fields: Object.entries(entry.schema.shape)
      .filter(([name]) => name !== 'kind')
      .map(([name, schema]) => ({ name, boolean: isBoolean(schema as z.ZodType) })),
    forDocket: section === 'docketSources',
  })),
);

export interface FormIssue {
  /** The field the message is about, or '' for the form as a whole. */
  field: string;
  message: string;
}

export type AddSourceResult = { source: Source; issues?: undefined } | { source?: undefined; issues: FormIssue[] };

/** The docket a docket source belongs to. */
export interface FormDocket {
  id: number;
  court: string;
  docketNumber: string;
}

/**
 * Adds a source from a web form, validated by the same catalogue entry schema a YAML catalogue's
 * entry is: the same rules and the same messages. Empty fields are left out, as an absent YAML key.
 */
export async function addSourceFromForm(
  db: Db,
  formId: string,
  values: Record<string, string | undefined>,
  docket: FormDocket | null,
): Promise<AddSourceResult> {
  const form = sourceForms.find((f) => f.id === formId);
  const entry = form && catalogueEntriesIn(form.section).find((e) => e.kind === form.kind)?.entry;
  if (!form || !entry) return { issues: [{ field: 'form', message: 'choose a kind of source' }] };
  if (form.forDocket && !docket) return { issues: [{ field: 'docket', message: 'choose the docket this source reads' }] };
  const parsed = entry.schema.safeParse(entryOf(form, 'kind' in entry.schema.shape, values));
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message })) };
  const source = await createSource(
    db,
    sourceInputOf({ kind: form.kind, entry }, parsed.data, docket && { id: docket.id, court: docket.court, number: docket.docketNumber }),
  );
  return source ? { source } : { issues: [{ field: 'url', message: 'a source already reads this address' }] };
}

/** The YAML entry the form stands for; `kind` only where its section tells several kinds apart. */
function entryOf(form: SourceForm, namesKind: boolean, values: Record<string, string | undefined>): Record<string, unknown> {
  const entry: Record<string, unknown> = namesKind ? { kind: form.kind } : {};
  for (const field of form.fields) {
    const value = values[field.name]?.trim();
    if (field.boolean) entry[field.name] = value === 'on' || value === 'true';
    else if (value) entry[field.name] = value;
  }
  return entry;
}

function isBoolean(schema: z.ZodType): boolean {
  const def = schema.def as { type: string; innerType?: z.ZodType };
  if (def.type === 'boolean') return true;
  return (def.type === 'default' || def.type === 'optional') && def.innerType ? isBoolean(def.innerType) : false;
}
