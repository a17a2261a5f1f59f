/**
 * Reading CourtListener's JSON: the checks every response and webhook body gets before its fields
 * are read, each failure a ParseError that says what the text was instead.
 */
import { clip, ParseError } from '@docketwatch/core';

/**
 * Larger than any page we ask for (20 entries; the documents' extracted text makes pages big, but
 * not this big) and than any webhook event; past it the text is not what we expect.
 */
export const MAX_JSON_CHARS = 20 * 1024 * 1024;

/** Strings longer than this are clipped in error context. */
export const MAX_CONTEXT_CHARS = 120;

export type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function firstSignificantChar(text: string): string {
  const m = /[^\s\uFEFF]/.exec(text);
  return m ? m[0] : '';
}

/**
 * Parses text that should be one JSON object. HTML (a maintenance or error page served in its
 * place) is PARSE_ERROR_PAGE; a body cut off mid-way is PARSE_TRUNCATED; other broken JSON is
 * PARSE_MALFORMED; valid JSON that is not an object is PARSE_UNRECOGNISED.
 */
export function readJsonObject(text: unknown, what: string): JsonObject {
  if (typeof text !== 'string') throw new ParseError('PARSE_UNRECOGNISED', `${what}: expected text, got ${typeof text}`);
  const first = firstSignificantChar(text);
  if (first === '') throw new ParseError('PARSE_EMPTY', `${what}: the body is empty`);
  if (text.length > MAX_JSON_CHARS) {
    throw new ParseError('PARSE_MALFORMED', `${what}: too large`, { length: text.length, limit: MAX_JSON_CHARS });
  }
  if (first === '<') throw new ParseError('PARSE_ERROR_PAGE', `${what}: got an HTML page instead of JSON`);
  if (first !== '{') throw new ParseError('PARSE_UNRECOGNISED', `${what}: not a JSON object`);
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    // A body that stops before its closing brace was cut off in transit (or by a size cap).
    const truncated = !text.trimEnd().endsWith('}');
    throw new ParseError(truncated ? 'PARSE_TRUNCATED' : 'PARSE_MALFORMED', `${what}: ${truncated ? 'cut off' : 'invalid JSON'}`, {
      reason: clip((err as Error).message, MAX_CONTEXT_CHARS),
    });
  }
  if (!isObject(value)) throw new ParseError('PARSE_UNRECOGNISED', `${what}: not a JSON object`);
  return value;
}

/** Where a value sits, for error context: "results[3].recap_documents[0].pacer_doc_id". */
export type Path = string;

const malformed = (what: string, path: Path, expected: string, value: unknown): ParseError =>
  new ParseError('PARSE_MALFORMED', `${what}: ${path} should be ${expected}`, {
    field: path,
    got: value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value,
  });

/** Text fields: CourtListener sends "" for blank text, and null for some nullable ones; both read as "". */
export function optionalText(object: JsonObject, key: string, what: string, path: Path): string {
  const value = object[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw malformed(what, `${path}.${key}`, 'text', value);
  return value;
}

/** Whole numbers; digit strings are accepted too (a BigIntegerField may be sent either way). */
export function optionalInteger(object: JsonObject, key: string, what: string, path: Path): number | null {
  const value = object[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  throw malformed(what, `${path}.${key}`, 'a whole number', value);
}

export function optionalBoolean(object: JsonObject, key: string, what: string, path: Path): boolean | null {
  const value = object[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw malformed(what, `${path}.${key}`, 'true or false', value);
  return value;
}

export function optionalArray(object: JsonObject, key: string, what: string, path: Path): unknown[] {
  const value = object[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw malformed(what, `${path}.${key}`, 'a list', value);
  return value;
}

export function requireObject(value: unknown, what: string, path: Path): JsonObject {
  if (!isObject(value)) throw malformed(what, path, 'an object', value);
  return value;
}

/** An optional text field that must match a pattern when present ("2025-04-10", "14:02:11"). */
export function optionalMatching(
  object: JsonObject,
  key: string,
  pattern: RegExp,
  expected: string,
  what: string,
  path: Path,
): string | null {
  const value = object[key];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ParseError('PARSE_MALFORMED', `${what}: ${path}.${key} should be ${expected}`, {
      field: `${path}.${key}`,
      value: typeof value === 'string' ? clip(value, 40) : typeof value,
    });
  }
  return value;
}
