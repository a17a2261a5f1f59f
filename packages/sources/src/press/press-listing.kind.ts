import { z } from 'zod';
import { every, httpUrl, sourceName } from '../catalogue-fields';
import { catalogueEntry, type SourceKind } from '../source-kind';
import { pollPressListing } from './poll-press-listing';
import { presetReference, requirePreset } from './resolve-preset';

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
          preset: presetReference,
          name: sourceName.optional(),
          /** Overrides the preset's listing URL. */
          url: httpUrl.optional(),
          every: every(INTERVAL_SECONDS),
        })
        .strict(),
      (entry) => {
        const preset = requirePreset(entry.preset);
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
