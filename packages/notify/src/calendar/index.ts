export * from './extract-events';
export * from './render-calendar';
export {
  assertTimeZone,
  offsetMinutesAt,
  vtimezone,
  wallTimeAt,
  wallTimeToEpochMs,
  zoneTransitions,
  type WallTime,
  type ZoneTransition,
} from './zoned-time';
