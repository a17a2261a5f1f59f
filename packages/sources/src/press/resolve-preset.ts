import { validatePreset, type Preset } from './preset';
import { presets } from './presets';

/** A built-in preset by id, or a press room's own preset written in the catalogue; undefined for an unknown id. */
export function resolvePreset(configured: unknown): Preset | undefined {
  return typeof configured === 'string' ? presets[configured] : validatePreset(configured);
}
