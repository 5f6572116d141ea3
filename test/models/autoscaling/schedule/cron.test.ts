import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CronError, type CronField, parseRecurrence } from '../../../../src/models/autoscaling/schedule/cron.ts';

const range = (from: number, to: number, step = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

describe('parseRecurrence', () => {
  it('reads the example from the EC2 Auto Scaling guide: every Tuesday at 6:30', () => {
    const s = parseRecurrence('30 6 * * 2');
    expect(s).toMatchObject({ minute: [30], hour: [6], dayOfWeek: [2], eitherDayFires: false });
    expect(s.dayOfMonth).toEqual(range(1, 31));
    expect(s.monthOfYear).toEqual(range(1, 12));
  });

  it('expands lists, ranges and steps, and sorts and merges them', () => {
    const s = parseRecurrence('*/15 9-17/4,8,9 1,15,1 1-12/3 *');
    expect(s.minute).toEqual([0, 15, 30, 45]);
    expect(s.hour).toEqual([8, 9, 13, 17]);
    expect(s.dayOfMonth).toEqual([1, 15]);
    expect(s.monthOfYear).toEqual([1, 4, 7, 10]);
  });

  it('takes month and day names in any case, inside ranges and lists', () => {
    const s = parseRecurrence('0 8 * jan-Mar,DEC MON-FRI');
    expect(s.monthOfYear).toEqual([1, 2, 3, 12]);
    expect(s.dayOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(parseRecurrence('0 0 * * SAT,SUN').dayOfWeek).toEqual([0, 6]);
  });

  it('counts day of week 7 as Sunday, like 0', () => {
    expect(parseRecurrence('0 0 * * 7').dayOfWeek).toEqual([0]);
    expect(parseRecurrence('0 0 * * 5-7').dayOfWeek).toEqual([0, 5, 6]);
    expect(parseRecurrence('0 0 * * 0,7').dayOfWeek).toEqual([0]);
  });

  it('ignores surrounding and repeated white space', () => {
    expect(parseRecurrence('  0\t12   * *  1 ').hour).toEqual([12]);
  });

  it('lets either day field fire only when both are restricted, judged by the first character as Vixie cron does', () => {
    expect(parseRecurrence('0 0 13 * FRI').eitherDayFires).toBe(true);
    expect(parseRecurrence('0 0 1-31 * 1-5').eitherDayFires).toBe(true);
    expect(parseRecurrence('0 0 * * FRI').eitherDayFires).toBe(false);
    expect(parseRecurrence('0 0 13 * *').eitherDayFires).toBe(false);
    expect(parseRecurrence('0 0 */2 * FRI').eitherDayFires).toBe(false);
  });

  it('accepts February 29 (leap years) and the 31st when one of the months has it', () => {
    expect(parseRecurrence('0 0 29 2 *').dayOfMonth).toEqual([29]);
    expect(parseRecurrence('0 0 31 4,5 *').monthOfYear).toEqual([4, 5]);
    // Day of week can still fire in February, so a day of month it lacks is no error.
    expect(parseRecurrence('0 0 30 2 MON').eitherDayFires).toBe(true);
  });

  const invalid: [input: string, field: CronField | 'Recurrence', message: RegExp][] = [
    ['', 'Recurrence', /has 0 fields; accepted: five fields/],
    ['0 8 * *', 'Recurrence', /has 4 fields/],
    ['0 0 8 * * *', 'Recurrence', /has 6 fields/],
    ['60 * * * *', 'Minute', /60 is outside 0-59; accepted: 0-59, "\*"/],
    ['-1 * * * *', 'Minute', /"-1" is missing a value/],
    ['* 24 * * *', 'Hour', /24 is outside 0-23/],
    ['* * 0 * *', 'Day_of_Month', /0 is outside 1-31/],
    ['* * 32 * *', 'Day_of_Month', /32 is outside 1-31/],
    ['* * * 13 *', 'Month_of_Year', /13 is outside 1-12; accepted: 1-12 or JAN-DEC/],
    ['* * * JANUARY *', 'Month_of_Year', /"JANUARY" is not a number or name/],
    ['* * * * 8', 'Day_of_Week', /8 is outside 0-7; accepted: 0-7 \(0 and 7 are Sunday\) or SUN-SAT/],
    ['* * * * MON-SUN', 'Day_of_Week', /range "MON-SUN" runs backwards/],
    ['* * * * FRI-MON', 'Day_of_Week', /runs backwards/],
    ['1.5 * * * *', 'Minute', /"1.5" is not a number;/],
    ['MON * * * *', 'Minute', /"MON" is not a number;/],
    ['1,,2 * * * *', 'Minute', /has an empty list item/],
    ['1, * * * *', 'Minute', /has an empty list item/],
    ['1-2-3 * * * *', 'Minute', /more than one "-"/],
    ['*/5/2 * * * *', 'Minute', /more than one "\/"/],
    ['*/0 * * * *', 'Minute', /step "0" is not a whole number of at least 1/],
    ['*/x * * * *', 'Minute', /step "x"/],
    ['*/ * * * *', 'Minute', /step ""/],
    ['5/15 * * * *', 'Minute', /step "5\/15" needs "\*" or a range/],
    ['*-5 * * * *', 'Minute', /"\*" is not a number/],
    ['? * * * *', 'Minute', /"\?" is not a number/],
    ['0 0 L * *', 'Day_of_Month', /"L" is not a number;/],
    ['0 0 * * 5#3', 'Day_of_Week', /"5#3" is not a number or name/],
    ['@daily * * * *', 'Minute', /"@daily" is not a number/],
    ['0 0 30 2 *', 'Day_of_Month', /"30" never occurs in Month_of_Year "2"/],
    ['0 0 31 APR,JUN,SEP,NOV *', 'Day_of_Month', /never occurs/],
    ['0 0 31 2 *', 'Day_of_Month', /never occurs/],
  ];

  it.each(invalid)(
    'rejects %j in field %s with what is accepted',
    (input, field, message) => {
      let error: unknown;
      try {
        parseRecurrence(input);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CronError);
      const cronError = error as CronError;
      expect(cronError.field).toBe(field);
      expect(cronError.message).toMatch(message);
      expect(cronError.message).toContain(`Recurrence "${input}"`);
      expect(cronError.message).toContain('accepted: ');
    },
  );

  it('either parses or throws CronError, whatever the text', () => {
    const token = fc.constantFrom('*', '/', '-', ',', ' ', '0', '1', '7', '12', '31', '59', '60', 'MON', 'jan', 'x', '?', '#');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => {
        try {
          const s = parseRecurrence(tokens.join(''));
          for (const values of [s.minute, s.hour, s.dayOfMonth, s.monthOfYear, s.dayOfWeek]) {
            expect(values.length).toBeGreaterThan(0);
            expect([...values].sort((a, b) => a - b)).toEqual(values);
          }
        } catch (e) {
          expect(e).toBeInstanceOf(CronError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
