/**
 * Wall-clock time in an IANA time zone, from the Intl API that Node ships with full ICU data, so
 * fleetsim needs no time-zone library. A "wall time" is the local date and time written as if it
 * were UTC (Date.UTC of the local fields): it orders and does arithmetic like a calendar.
 */

/** A scheduled action's TimeZone that is not an IANA time zone name (aws-semantics.md section 3.4). */
export class TimeZoneError extends Error {
  constructor(readonly timeZone: string) {
    super(
      `TimeZone "${timeZone}" is not an IANA time zone name; accepted: names such as ` +
        '"Etc/UTC" (the default), "Europe/Berlin" or "America/New_York"',
    );
    this.name = 'TimeZoneError';
  }
}

export interface ZoneClock {
  /** The name as ICU resolved it (aliases become canonical: "US/Eastern" is "America/New_York"). */
  readonly timeZone: string;
  /** Local wall time of an instant, to the millisecond. */
  wallTime(epochMs: number): number;
  /**
   * The earliest instant that shows this wall time, or undefined if the clocks skip it (a
   * spring-forward gap). In a fall-back overlap the wall time occurs twice; the first is returned.
   */
  firstInstantAt(wallTime: number): number | undefined;
}

const DAY_MS = 86_400_000;
const clocks = new Map<string, ZoneClock>();

/** The clock of an IANA time zone; throws TimeZoneError for anything else. */
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = createClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

function createClock(timeZone: string): ZoneClock {
  // Newer ICU accepts UTC offsets such as "+01:00" as zones; AWS takes IANA names only.
  if (/^[+-]/.test(timeZone)) throw new TimeZoneError(timeZone);
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new TimeZoneError(timeZone);
  }

  /** Wall time minus instant, whole seconds (ICU formats no milliseconds). */
  const offsetAt = (epochMs: number): number => {
    const wholeSecond = Math.floor(epochMs / 1000) * 1000;
    const f: Record<string, number> = {};
    for (const part of format.formatToParts(wholeSecond)) {
      if (part.type !== 'literal') f[part.type] = Number(part.value);
    }
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - wholeSecond;
  };

  return {
    timeZone: format.resolvedOptions().timeZone,
    wallTime: (epochMs) => epochMs + offsetAt(epochMs),
    firstInstantAt(wallTime) {
      // The offsets a day either side bracket any transition near this wall time (tz rules
      // never change the offset twice within two days), so the instant is wallTime minus one
      // of them, and it is real only if the offset at that instant is the one assumed.
      const before = offsetAt(wallTime - DAY_MS);
      const after = offsetAt(wallTime + DAY_MS);
      if (before === after) return wallTime - before;
      const candidates = [wallTime - before, wallTime - after].filter((t) => offsetAt(t) === wallTime - t);
      return candidates.length === 0 ? undefined : Math.min(...candidates);
    },
  };
}
