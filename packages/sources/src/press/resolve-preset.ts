import { DocketwatchError } from '@docketwatch/core';
import { z } from 'zod';
import { validatePreset, type Preset } from './preset';
import { presets } from './presets';

/** A built-in preset's id, or a whole preset (selectors for item, title, link, date…) for a new press room. */
export const presetReference = z.union([z.string().min(1), z.record(z.string(), z.unknown())]);

/** A built-in preset by id, or a press room's own preset written in the catalogue; undefined for an unknown id. */
export function resolvePreset(configured: unknown): Preset | undefined {
  return typeof configured === 'string' ? presets[configured] : validatePreset(configured);
}

/**
 * resolvePreset for a catalogue entry, so a misspelt or broken preset fails the catalogue load, not a poll.
 * @throws DocketwatchError CATALOGUE_INVALID naming the known presets (PresetError for a broken one).
 */
export function requirePreset(configured: unknown): Preset {
  const preset = resolvePreset(configured);
  if (!preset) {
    const known = Object.keys(presets).join(', ');
    throw new DocketwatchError('CATALOGUE_INVALID', `unknown press preset "${String(configured)}" (known: ${known})`);
  }
  return preset;
}
