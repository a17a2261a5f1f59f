import { z } from 'zod';

/** RFC 9457 problem details, as every error is answered (see problem.ts). */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('stable: match on this, not on detail'),
    detail: z.string().optional(),
    errors: z.array(z.string()).optional().describe('each invalid field, as "path: message"'),
  })
  .meta({ id: 'Problem' });

/** The answers every route may give besides its own. */
export const problemResponses = { 400: problemSchema, 404: problemSchema } as const;

export const sightingSchema = z.object({
  sourceId: z.number().int(),
  sourceName: z.string(),
  firstSeenAt: z.string().describe('ISO 8601'),
});

/** A docket entry on the timeline (and, without its place in it, on its own). */
export const entryRow = z.object({
  type: z.literal('entry'),
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }).describe('the filing time (or its day at noon UTC): what the timeline is ordered by'),
  docketId: z.number().int(),
  court: z.string(),
  docketNumber: z.string(),
  caseName: z.string(),
  entryNumber: z.string().nullable(),
  filedAt: z.string().describe('as the court gave it: a date, or a date-time with offset'),
  class: z.string(),
  shortDescription: z.string(),
  description: z.string().describe('the full docket text, never cut'),
  documentUrl: z.string().nullable(),
  firstSeenAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  sightings: z.array(sightingSchema),
});

const itemRow = z.object({
  type: z.literal('item'),
  id: z.number().int(),
  at: z.iso.datetime({ offset: true }).describe('publication time, or when first seen'),
  title: z.string(),
  url: z.string(),
  publishedAt: z.string().nullable(),
  publisher: z.string().nullable(),
  summary: z.string(),
  class: z.literal('press'),
  reasons: z.array(z.unknown()).describe('why the item was attached to the matter'),
  firstSeenAt: z.iso.datetime({ offset: true }),
  sightings: z.array(sightingSchema),
});

export const timelineRowSchema = z.discriminatedUnion('type', [entryRow, itemRow]).meta({ id: 'TimelineRow' });

/**
 * A server-rendered page or form post: documented by its media type and path parameters. Form
 * fields are read by the handler, which answers a bad one with a page, not a problem document.
 */
export function pageSchema(summary: string, ...params: string[]) {
  return {
    summary,
    produces: ['text/html'],
    ...(params.length > 0 ? { params: z.object(Object.fromEntries(params.map((name) => [name, z.string()]))) } : {}),
  };
}
