import { IANAZone } from 'luxon';

// Wall-clock times are handled as "floating" epoch numbers: the local date and time written
// as if it were UTC (09:00 local → Date.UTC(…, 9, 0)). Recurrence rules run on floating time,
// where every day has 24 hours, and only the final step maps to a real instant — the way
// RFC 5545 defines DTSTART with TZID. luxon's IANAZone supplies the zone's UTC offset at an
// instant (from the platform's ICU data); the gap and overlap rules are ours because
// luxon's DateTime.fromObject resolves an ambiguous time to the later (standard-time) instant.

const HOUR = 3_600_000;
const QUARTER = 900_000;

/** Offset arithmetic for one or many zones; see createZoneMath. */
export interface ZoneMath {
  /** The zone's offset from UTC at `instantMs`, in ms (e.g. +3,600,000 for CET). */
  offsetAt(zone: string, instantMs: number): number;
  /** The floating wall time of an instant in `zone`. */
  toFloating(zone: string, instantMs: number): number;
  /**
   * The instant of a wall time in `zone`, per RFC 5545 §3.3.5: a time that occurs twice (the
   * autumn change) is the first of the two; a time that does not exist (the spring gap) is
   * read with the offset before the gap, so 02:30 on the spring-forward day becomes 03:30.
   */
  toInstant(zone: string, floatingMs: number): number;
}

/**
 * Zone arithmetic with remembered offsets. Asking ICU for an offset costs microseconds, and a
 * dispatch pass asks thousands of times about the same few instants. Offsets are kept per
 * quarter hour: every zone's offset is a multiple of 15 minutes and changes at a local
 * whole or half hour, so a change always falls on a quarter-hour boundary in UTC and the
 * offset at the start of a quarter holds for all of it.
 */
export function createZoneMath(): ZoneMath {
  const cache = new Map<string, number>();
  const offsetAt = (zone: string, instantMs: number): number => {
    const quarter = Math.floor(instantMs / QUARTER);
    const key = `${zone}|${quarter}`;
    let offset = cache.get(key);
    if (offset === undefined) {
      offset = IANAZone.create(zone).offset(quarter * QUARTER) * 60_000;
      if (cache.size > 100_000) cache.clear();
      cache.set(key, offset);
    }
    return offset;
  };
  const toFloating = (zone: string, instantMs: number): number =>
    instantMs + offsetAt(zone, instantMs);
  return {
    offsetAt,
    toFloating,
    toInstant(zone, floatingMs) {
      const before = offsetAt(zone, floatingMs - 26 * HOUR);
      const after = offsetAt(zone, floatingMs + 26 * HOUR);
      const valid = [...new Set([before, after])]
        .map((offset) => floatingMs - offset)
        .filter((instant) => toFloating(zone, instant) === floatingMs);
      if (valid.length > 0) return Math.min(...valid);
      return floatingMs - before;
    },
  };
}

/** The floating wall time of an instant in `zone` (uncached; see createZoneMath). */
export function toFloating(zone: string, instantMs: number): number {
  return createZoneMath().toFloating(zone, instantMs);
}

/** The instant of a wall time in `zone` (uncached; see createZoneMath). */
export function toInstant(zone: string, floatingMs: number): number {
  return createZoneMath().toInstant(zone, floatingMs);
}

/** Local date `YYYY-MM-DD` and time `HH:MM` of an instant in `zone`. */
export function localParts(zone: string, instantMs: number): { date: string; time: string } {
  const iso = new Date(toFloating(zone, instantMs)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** A readable local time with the zone's abbreviation, e.g. `Mon, Mar 9, 2026, 09:00 EDT`. */
export function formatLocal(zone: string, instantMs: number, locale = 'en-US'): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(instantMs);
}

/** Names the weekday of an instant in a zone and locale (e.g. `pondělí` for cs). */
export type WeekdayNamer = (zone: string, instantMs: number, locale: string) => string;

/**
 * A weekday namer that keeps its formatters: making an Intl.DateTimeFormat costs far more
 * than using one, and a dispatch pass names thousands of weekdays in a handful of zones.
 * An unknown locale falls back to English.
 */
export function createWeekdayNamer(): WeekdayNamer {
  const formats = new Map<string, Intl.DateTimeFormat>();
  return (zone, instantMs, locale) => {
    const key = `${zone} ${locale}`;
    let format = formats.get(key);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: 'long' });
      } catch {
        format = new Intl.DateTimeFormat('en', { timeZone: zone, weekday: 'long' });
      }
      formats.set(key, format);
    }
    return format.format(instantMs);
  };
}
