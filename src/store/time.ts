import type { Clock } from '../shared/clock.js';

/** The one timestamp format in the database: ISO-8601 UTC with milliseconds (sorts like time). */
export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** The clock's current time in the database format. */
export function nowIso(clock: Pick<Clock, 'now'>): string {
  return toIso(clock.now());
}
