import { DocketwatchError } from '@docketwatch/core';
import { z } from 'zod';
import { every, httpUrl, sourceName } from '../catalogue-fields';
import { catalogueEntry, type SourceKind } from '../source-kind';
import { pollPressListing } from './poll-press-listing';
import { presets } from './presets';
import { resolvePreset } from './resolve-preset';

const INTERVAL_SECONDS = 900;

/**
 * A press room read through a listing preset (a new press room is a preset, not code). A listing
 * that suddenly lists nothing fails as a changed layout (see parseListing), never as a quiet day.
 */
export const pressListingKind: SourceKind<'press-listing'> = {
  id: 'press-listing',
  arrives: { by: 'poll', poll: pollPressListing },
  defaultIntervalSeconds: INTERVAL_SECONDS,
  catalogue: [
    catalogueEntry(
      'pressRooms',
      z
        .object({
          /** A built-in preset's id, or a whole preset (selectors for item, title, link, date…) for a new press room. */
          preset: z.union([z.string().min(1), z.record(z.string(), z.unknown())]),
          name: sourceName.optional(),
          /** Overrides the preset's listing URL. */
          url: httpUrl.optional(),
          every: every(INTERVAL_SECONDS),
        })
        .strict(),
      (entry) => {
        // Resolved and checked here, so a misspelt or broken preset fails the catalogue load, not a poll.
        const preset = resolvePreset(entry.preset);
        if (!preset) {
          const known = Object.keys(presets).join(', ');
          throw new DocketwatchError('CATALOGUE_INVALID', `unknown press preset "${String(entry.preset)}" (known: ${known})`);
        }
        return {
          name: entry.name ?? preset.name,
          address: entry.url ?? preset.listingUrl,
          intervalSeconds: entry.every,
          config: { preset: entry.preset },
        };
      },
    ),
  ],
};
