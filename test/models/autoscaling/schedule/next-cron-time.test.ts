import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CronSchedule, parseRecurrence } from '../../../../src/models/autoscaling/schedule/cron.ts';
import { nextCronTime } from '../../../../src/models/autoscaling/schedule/next-cron-time.ts';
import { TimeZoneError } from '../../../../src/models/autoscaling/schedule/time-zone.ts';

const at = (iso: string): number => Date.parse(iso);

/** The next `count` firings after `from`, as ISO strings in UTC. */
function firings(recurrence: string, from: string, count: number, timeZone?: string): string[] {
  const schedule = parseRecurrence(recurrence);
  const out: string[] = [];
  for (let t = at(from); out.length < count; ) {
    t = nextCronTime(schedule, t, timeZone);
    out.push(new Date(t).toISOString());
  }
  return out;
}

describe('nextCronTime', () => {
  it('evaluates in Etc/UTC by default', () => {
    expect(firings('0 9 * * *', '2026-05-01T09:00:00Z', 2)).toEqual(['2026-05-02T09:00:00.000Z', '2026-05-03T09:00:00.000Z']);
    expect(firings('0 9 * * *', '2026-05-01T08:00:00Z', 1, 'Etc/UTC')).toEqual(['2026-05-01T09:00:00.000Z']);
  });

  it('fires every 15 minutes, strictly after the given instant', () => {
    expect(firings('*/15 * * * *', '2026-05-01T10:07:30.500Z', 4)).toEqual([
      '2026-05-01T10:15:00.000Z',
      '2026-05-01T10:30:00.000Z',
      '2026-05-01T10:45:00.000Z',
      '2026-05-01T11:00:00.000Z',
    ]);
    expect(firings('*/15 * * * *', '2026-05-01T10:15:00Z', 1)).toEqual(['2026-05-01T10:30:00.000Z']);
    expect(firings('*/15 * * * *', '2026-05-01T10:14:59.999Z', 1)).toEqual(['2026-05-01T10:15:00.000Z']);
  });

  it('keeps MON-FRI 08:00 Europe/Berlin at 08:00 local across the March switch (CET to CEST)', () => {
    // Clocks go forward on Sunday 29 March 2026: 08:00 is 07:00Z before and 06:00Z after.
    expect(firings('0 8 * * MON-FRI', '2026-03-26T00:00:00Z', 4, 'Europe/Berlin')).toEqual([
      '2026-03-26T07:00:00.000Z',
      '2026-03-27T07:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
      '2026-03-31T06:00:00.000Z',
    ]);
  });

  it('keeps MON-FRI 08:00 Europe/Berlin at 08:00 local across the October switch (CEST to CET)', () => {
    expect(firings('0 8 * * MON-FRI', '2026-10-22T00:00:00Z', 4, 'Europe/Berlin')).toEqual([
      '2026-10-22T06:00:00.000Z',
      '2026-10-23T06:00:00.000Z',
      '2026-10-26T07:00:00.000Z',
      '2026-10-27T07:00:00.000Z',
    ]);
  });

  it("matches the guide's America/New_York example: 8:00 is UTC-5 before DST and UTC-4 after", () => {
    expect(firings('0 8 * * *', '2026-03-07T00:00:00Z', 2, 'America/New_York')).toEqual([
      '2026-03-07T13:00:00.000Z',
      '2026-03-08T12:00:00.000Z',
    ]);
  });

  it('skips a local time that the spring-forward gap removes', () => {
    expect(firings('30 2 * * *', '2026-03-28T00:00:00Z', 2, 'Europe/Berlin')).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z', // no 02:30 on 29 March
    ]);
    expect(firings('30 2 * * *', '2026-03-07T12:00:00Z', 1, 'America/New_York')).toEqual(['2026-03-09T06:30:00.000Z']);
  });

  it('skips a calendar day that the zone removed (Samoa crossed the date line on 30 December 2011)', () => {
    expect(firings('0 12 29-31 12 *', '2011-12-01T00:00:00Z', 3, 'Pacific/Apia')).toEqual([
      '2011-12-29T22:00:00.000Z', // 29 Dec 12:00 UTC-10
      '2011-12-30T22:00:00.000Z', // 31 Dec 12:00 UTC+14
      '2012-12-28T22:00:00.000Z', // 29 Dec 2012
    ]);
  });

  it('fires once, at the first occurrence, for a local time repeated by the fall-back', () => {
    // 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET) on 25 October 2026.
    expect(firings('30 2 * * *', '2026-10-24T12:00:00Z', 2, 'Europe/Berlin')).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
    // Asked from inside the repeated hour, the second 02:30 is not a new firing.
    expect(firings('30 2 * * *', '2026-10-25T01:10:00Z', 1, 'Europe/Berlin')).toEqual(['2026-10-26T01:30:00.000Z']);
  });

  it('is silent during the repeated hour for an every-15-minutes schedule', () => {
    expect(firings('*/15 * * * *', '2026-10-25T00:40:00Z', 3, 'Europe/Berlin')).toEqual([
      '2026-10-25T00:45:00.000Z', // 02:45 CEST
      '2026-10-25T02:00:00.000Z', // 03:00 CET; 02:00-02:45 CET already happened in CEST
      '2026-10-25T02:15:00.000Z',
    ]);
  });

  it('handles half-hour DST (Australia/Lord_Howe falls back from 02:00 to 01:30)', () => {
    expect(firings('*/15 1-2 * * *', '2026-04-04T14:40:00Z', 3, 'Australia/Lord_Howe')).toEqual([
      '2026-04-04T14:45:00.000Z', // 01:45 UTC+11
      '2026-04-04T15:30:00.000Z', // 02:00 UTC+10:30
      '2026-04-04T15:45:00.000Z',
    ]);
  });

  it('finds February 29: 0 0 29 2 * from 2026 fires on 2028-02-29, then 2032, and skips 2100', () => {
    expect(firings('0 0 29 2 *', '2026-01-01T00:00:00Z', 2)).toEqual(['2028-02-29T00:00:00.000Z', '2032-02-29T00:00:00.000Z']);
    expect(firings('0 0 29 2 *', '2096-03-01T00:00:00Z', 1)).toEqual(['2104-02-29T00:00:00.000Z']);
  });

  it('fires when either day field matches if both are restricted (Friday or the 13th)', () => {
    // January 2026 starts on a Thursday; the 13th is a Tuesday, 13 February a Friday (fires once).
    expect(firings('0 0 13 * FRI', '2026-01-01T00:00:00Z', 9).map((s) => s.slice(0, 10))).toEqual([
      '2026-01-02',
      '2026-01-09',
      '2026-01-13',
      '2026-01-16',
      '2026-01-23',
      '2026-01-30',
      '2026-02-06',
      '2026-02-13',
      '2026-02-20',
    ]);
  });

  it('needs both day fields when one starts with * (odd days that are Fridays)', () => {
    expect(firings('0 0 */2 * FRI', '2026-01-01T00:00:00Z', 4).map((s) => s.slice(0, 10))).toEqual([
      '2026-01-09',
      '2026-01-23',
      '2026-02-13',
      '2026-02-27',
    ]);
    expect(firings('0 0 13 * *', '2026-01-01T00:00:00Z', 2).map((s) => s.slice(0, 10))).toEqual(['2026-01-13', '2026-02-13']);
  });

  it('rejects a TimeZone that is not an IANA name, and accepts aliases', () => {
    const s = parseRecurrence('0 0 * * *');
    for (const bad of ['Mars/Olympus', 'CEST', '+01:00', '', 'Europe/Berlin ']) {
      expect(() => nextCronTime(s, 0, bad), bad).toThrow(TimeZoneError);
    }
    expect(() => nextCronTime(s, 0, 'Mars/Olympus')).toThrow(/TimeZone "Mars\/Olympus" is not an IANA time zone name; accepted:/);
    expect(nextCronTime(s, 0, 'US/Eastern')).toBe(nextCronTime(s, 0, 'America/New_York'));
  });

  it('steps through months and days rather than minutes: a yearly schedule costs little', () => {
    const yearly = parseRecurrence('0 0 1 1 *');
    const start = performance.now();
    let t = at('2026-06-01T00:00:00Z');
    for (let i = 0; i < 200; i++) t = nextCronTime(yearly, t, 'America/New_York');
    expect(new Date(t).toISOString()).toBe('2226-01-01T05:00:00.000Z');
    // Minute by minute this would be 200 years of 525,600 steps; by day it takes milliseconds.
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

// --- Properties, checked against the local fields that Intl reports for the result ---------------

const ZONES = ['Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function localFields(epochMs: number, timeZone: string) {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(epochMs).map((p) => [p.type, p.value]));
  return {
    wall: `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`,
    minute: Number(parts.minute),
    hour: Number(parts.hour),
    day: Number(parts.day),
    month: Number(parts.month),
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday),
    second: Number(parts.second),
    offset: Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second) - epochMs,
  };
}

/** Instants (whole minutes) at which each zone's UTC offset changes during 2026, found by bisection. */
const SWITCHES: [zone: string, epochMs: number][] = ZONES.flatMap((zone) => {
  const offset = (t: number) => localFields(t, zone).offset;
  const found: [string, number][] = [];
  for (let day = at('2026-01-01T00:00:00Z'); day < at('2027-01-01T00:00:00Z'); day += 86_400_000) {
    let [lo, hi] = [day, day + 86_400_000];
    if (offset(lo) === offset(hi)) continue;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offset(mid) === offset(lo)) lo = mid;
      else hi = mid;
    }
    found.push([zone, hi]);
  }
  return found;
});

function firesAtLocal(s: CronSchedule, f: ReturnType<typeof localFields>): boolean {
  const dom = s.dayOfMonth.includes(f.day);
  const dow = s.dayOfWeek.includes(f.weekday);
  return (
    f.second === 0 &&
    s.minute.includes(f.minute) &&
    s.hour.includes(f.hour) &&
    s.monthOfYear.includes(f.month) &&
    (s.eitherDayFires ? dom || dow : dom && dow)
  );
}

/** One field of a Recurrence: `*`, a value, a list, a range or a step, within [min, max]. */
function fieldText(min: number, max: number): fc.Arbitrary<string> {
  const value = fc.integer({ min, max });
  return fc.oneof(
    fc.constant('*'),
    value.map(String),
    fc.uniqueArray(value, { minLength: 2, maxLength: 4 }).map((vs) => vs.join(',')),
    fc.tuple(value, value).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    fc.integer({ min: 1, max: max - min + 1 }).map((n) => `*/${n}`),
  );
}

const recurrence = fc
  .tuple(fieldText(0, 59), fieldText(0, 23), fieldText(1, 31), fieldText(1, 12), fieldText(0, 7))
  .map((fields) => fields.join(' '))
  .filter((text) => {
    try {
      parseRecurrence(text);
      return true;
    } catch {
      return false; // e.g. "0 0 31 2 *", which never fires
    }
  });

describe('nextCronTime properties', () => {
  it('returns a later instant whose local fields match the expression, at the first occurrence of that local time', () => {
    fc.assert(
      fc.property(
        recurrence,
        fc.integer({ min: at('1975-01-01T00:00:00Z'), max: at('2090-01-01T00:00:00Z') }),
        fc.constantFrom(...ZONES),
        (text, after, zone) => {
          const s = parseRecurrence(text);
          const t = nextCronTime(s, after, zone);
          expect(t).toBeGreaterThan(after);
          expect(t % 60_000).toBe(0);
          const fields = localFields(t, zone);
          expect(firesAtLocal(s, fields)).toBe(true);
          // No earlier instant (an hour or half an hour before, in a fall-back) shows the same local time.
          expect(localFields(t - 3_600_000, zone).wall).not.toBe(fields.wall);
          expect(localFields(t - 1_800_000, zone).wall).not.toBe(fields.wall);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('misses no firing near DST switches (checked minute by minute)', () => {
    const daily = fc
      .tuple(fieldText(0, 59), fieldText(0, 23))
      .map(([minute, hour]) => `${minute} ${hour} * * *`);
    const nearSwitch = fc.tuple(
      fc.constantFrom(...SWITCHES),
      fc.integer({ min: -30 * 3_600_000, max: 6 * 3_600_000 }),
    );
    fc.assert(
      fc.property(daily, nearSwitch, (text, [[zone, switchAt], offset]) => {
        const s = parseRecurrence(text);
        const after = switchAt + offset;
        const t = nextCronTime(s, after, zone);
        // Reference: walk every whole minute from two hours earlier (to see a first pass of a
        // repeated hour), firing at a matching local time not seen before.
        const seen = new Set<string>();
        let expected = Infinity;
        for (let u = Math.floor(after / 60_000) * 60_000 - 2 * 3_600_000; u <= t; u += 60_000) {
          const fields = localFields(u, zone);
          const first = !seen.has(fields.wall);
          seen.add(fields.wall);
          if (u > after && first && firesAtLocal(s, fields)) {
            expected = u;
            break;
          }
        }
        expect(new Date(t).toISOString()).toBe(new Date(expected).toISOString());
      }),
      { numRuns: 60 },
    );
  });
});
