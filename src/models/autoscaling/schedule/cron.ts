/**
 * A scheduled action's Recurrence (aws-semantics.md section 3.4): five cron fields,
 * `[Minute] [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week]`. AWS's guide defers to
 * crontab.org for the syntax, which is Vixie cron's crontab(5), so that is the dialect parsed
 * here: `*`, numbers, ranges `a-b`, lists `a,b`, steps (`*` or a range, then `/n`), month names
 * JAN-DEC and day names SUN-SAT (any case, also inside ranges), and day of week 0-7 with 0 and 7
 * both Sunday. Not accepted: `a/n` without a range (Vixie rejects it too), the `?`, `L`, `W` and
 * `#` of Quartz and EventBridge, six-field forms, and `@daily`-style shortcuts (AWS documents
 * five fields only).
 */

export type CronField = 'Minute' | 'Hour' | 'Day_of_Month' | 'Month_of_Year' | 'Day_of_Week';

/** A Recurrence that cannot be parsed, or never fires: names the field and what it accepts. */
export class CronError extends Error {
  constructor(
    readonly recurrence: string,
    /** The offending field, or 'Recurrence' when the expression as a whole is wrong. */
    readonly field: CronField | 'Recurrence',
    readonly problem: string,
    readonly accepted: string,
  ) {
    super(`Recurrence "${recurrence}": ${field === 'Recurrence' ? '' : `${field} `}${problem}; accepted: ${accepted}`);
    this.name = 'CronError';
  }
}

/** The parsed Recurrence: the values at which each field fires, ascending. */
export interface CronSchedule {
  readonly recurrence: string;
  readonly minute: readonly number[];
  readonly hour: readonly number[];
  readonly dayOfMonth: readonly number[];
  readonly monthOfYear: readonly number[];
  /** 0 = Sunday; a 7 in the expression is stored as 0. */
  readonly dayOfWeek: readonly number[];
  /**
   * Both day fields are restricted, so a day fires when either matches (crontab(5)). Like Vixie
   * cron, "restricted" means the field does not start with `*`, so `*` with a step is unrestricted.
   */
  readonly eitherDayFires: boolean;
}

interface FieldSpec {
  readonly field: CronField;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly accepted: string;
}

const SYNTAX = '"*", lists (a,b), ranges (a-b) and steps (*/n, a-b/n)';
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly FieldSpec[] = [
  { field: 'Minute', min: 0, max: 59, accepted: `0-59, ${SYNTAX}` },
  { field: 'Hour', min: 0, max: 23, accepted: `0-23, ${SYNTAX}` },
  { field: 'Day_of_Month', min: 1, max: 31, accepted: `1-31, ${SYNTAX}` },
  { field: 'Month_of_Year', min: 1, max: 12, names: MONTHS, accepted: `1-12 or JAN-DEC, ${SYNTAX}` },
  {
    field: 'Day_of_Week',
    min: 0,
    max: 7,
    names: DAYS,
    accepted: `0-7 (0 and 7 are Sunday) or SUN-SAT, ${SYNTAX}`,
  },
];

/** Longest month lengths, February counted as 29 so that `0 0 29 2 *` fires in leap years. */
const MAX_DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses a Recurrence; throws CronError for bad input and for expressions that can never fire. */
export function parseRecurrence(recurrence: string): CronSchedule {
  const trimmed = recurrence.trim();
  const texts = trimmed === '' ? [] : trimmed.split(/\s+/);
  if (texts.length !== FIELDS.length) {
    throw new CronError(
      recurrence,
      'Recurrence',
      `has ${texts.length} fields`,
      'five fields separated by spaces: [Minute] [Hour] [Day_of_Month] [Month_of_Year] [Day_of_Week], e.g. "30 6 * * 2"',
    );
  }
  const [minute, hour, dayOfMonth, monthOfYear, dayOfWeek] = FIELDS.map((spec, i) =>
    parseField(recurrence, spec, texts[i]),
  );
  const schedule: CronSchedule = {
    recurrence,
    minute,
    hour,
    dayOfMonth,
    monthOfYear,
    dayOfWeek: [...new Set(dayOfWeek.map((d) => d % 7))].sort((a, b) => a - b),
    eitherDayFires: !texts[2].startsWith('*') && !texts[4].startsWith('*'),
  };
  // Without the day-of-week alternative, "30 2" or "31 4,6" would never fire; fail now rather
  // than search the calendar forever.
  if (!schedule.eitherDayFires && !monthOfYear.some((m) => dayOfMonth[0] <= MAX_DAYS_IN_MONTH[m - 1])) {
    throw new CronError(
      recurrence,
      'Day_of_Month',
      `"${texts[2]}" never occurs in Month_of_Year "${texts[3]}"`,
      'days that exist in at least one of the months (February has 29 in leap years)',
    );
  }
  return schedule;
}

function parseField(recurrence: string, spec: FieldSpec, text: string): number[] {
  const fail = (problem: string): never => {
    throw new CronError(recurrence, spec.field, problem, spec.accepted);
  };
  const value = (v: string): number => {
    const named = spec.names?.indexOf(v.toUpperCase()) ?? -1;
    if (named >= 0) return named + spec.min;
    if (!/^\d+$/.test(v)) return fail(`"${v}" is not a number${spec.names ? ' or name' : ''}`);
    const n = Number(v);
    return n >= spec.min && n <= spec.max ? n : fail(`${v} is outside ${spec.min}-${spec.max}`);
  };

  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') fail(`"${text}" has an empty list item`);
    const [range, stepText, ...extra] = item.split('/');
    if (extra.length > 0) fail(`"${item}" has more than one "/"`);
    const ends = range.split('-');
    if (ends.length > 2) fail(`"${item}" has more than one "-"`);
    if (ends.includes('')) fail(`"${item}" is missing a value`);
    if (stepText !== undefined && range !== '*' && ends.length === 1) {
      fail(`step "${item}" needs "*" or a range before the "/"`);
    }
    if (stepText !== undefined && !(/^\d+$/.test(stepText) && Number(stepText) >= 1)) {
      fail(`step "${stepText}" is not a whole number of at least 1`);
    }
    const low = range === '*' ? spec.min : value(ends[0]);
    const high = range === '*' ? spec.max : ends.length === 2 ? value(ends[1]) : low;
    if (low > high) fail(`range "${range}" runs backwards`);
    for (let v = low, step = Number(stepText ?? 1); v <= high; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}
