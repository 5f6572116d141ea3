import type { CronSchedule } from './cron.ts';
import { zoneClock } from './time-zone.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The Gregorian calendar repeats every 400 years: a schedule that has not fired by then never will. */
const CALENDAR_CYCLE_YEARS = 400;

/**
 * The first instant (epoch ms) strictly after `afterEpochMs` at which a Recurrence fires in the
 * IANA `timeZone` (aws-semantics.md section 3.4: UTC by default; location-based zones follow
 * DST), or Infinity if it never fires again.
 *
 * Daylight saving time: the EC2 Auto Scaling guide only says a scheduled action "automatically
 * adjusts for DST". We follow what AWS documents for its EventBridge Scheduler cron schedules
 * (docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html, "Daylight savings time"):
 * a local time that does not exist because clocks spring forward is skipped, not shifted, and a
 * local time that occurs twice because clocks fall back fires once, at its first occurrence. So
 * `30 2 * * *` in Europe/Berlin does not fire on the last Sunday of March, and every-15-minutes
 * `0-59/15 * * * *` there is silent for the repeated hour in October.
 *
 * Cost: months outside the expression are skipped whole, days are tested by calendar arithmetic,
 * and only the hours and minutes of a firing day are converted to instants, so a yearly
 * expression takes a few dozen steps, not a year of minutes.
 */
export function nextCronTime(schedule: CronSchedule, afterEpochMs: number, timeZone = 'Etc/UTC'): number {
  const clock = zoneClock(timeZone);
  const after = clock.wallTime(afterEpochMs);
  // Wall times before this minute map to instants at or before afterEpochMs: mapping a wall time
  // to its first instant preserves order, even across a fall-back overlap.
  const from = Math.floor(after / MINUTE_MS) * MINUTE_MS;
  const fromDate = new Date(from);
  const firstYear = fromDate.getUTCFullYear();

  for (let year = firstYear; year <= firstYear + CALENDAR_CYCLE_YEARS; year++) {
    for (const month of schedule.monthOfYear) {
      const monthEnd = Date.UTC(year, month, 1);
      if (monthEnd <= from) continue;
      for (let day = Date.UTC(year, month - 1, 1); day < monthEnd; day += DAY_MS) {
        if (day + DAY_MS <= from || !firesOnDay(schedule, new Date(day))) continue;
        for (const hour of schedule.hour) {
          for (const minute of schedule.minute) {
            const wall = day + hour * HOUR_MS + minute * MINUTE_MS;
            if (wall < from) continue;
            const instant = clock.firstInstantAt(wall);
            if (instant !== undefined && instant > afterEpochMs) return instant;
          }
        }
      }
    }
  }
  return Infinity;
}

/** crontab(5): the two day fields must both match, unless both are restricted, when either will do. */
function firesOnDay(schedule: CronSchedule, date: Date): boolean {
  const dayOfMonth = schedule.dayOfMonth.includes(date.getUTCDate());
  const dayOfWeek = schedule.dayOfWeek.includes(date.getUTCDay());
  return schedule.eitherDayFires ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
}
