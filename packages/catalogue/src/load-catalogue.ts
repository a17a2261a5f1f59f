import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DocketwatchError } from '@docketwatch/core';
import { catalogueSchema, type Catalogue } from './catalogue-schema';

/** Parses and validates catalogue YAML; errors name the path of every problem. */
export function parseCatalogue(text: string, origin = 'catalogue'): Catalogue {
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (err) {
    throw new DocketwatchError('CATALOGUE_INVALID', `${origin}: not valid YAML: ${(err as Error).message}`);
  }
  const parsed = catalogueSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`).join('\n');
    throw new DocketwatchError('CATALOGUE_INVALID', `${origin} is not a valid catalogue:\n${problems}`);
  }
  return parsed.data;
}

export function readCatalogueFile(file: string): Catalogue {
  return parseCatalogue(fs.readFileSync(file, 'utf8'), path.basename(file));
}

/** The starter catalogue shipped with docketwatch: the matters in the README. */
export const STARTER_CATALOGUE = path.resolve(__dirname, '../catalogues/starter.yaml');
