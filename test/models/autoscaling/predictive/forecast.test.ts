import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastHourlyLoad } from '../../../../src/models/autoscaling/predictive/forecast.ts';

/** A weekday's hourly load: quiet at night, a morning ramp and an afternoon peak (whole numbers). */
const DAY = [20, 15, 12, 10, 10, 14, 30, 60, 110, 150, 170, 180, 175, 170, 180, 190, 185, 160, 130, 100, 80, 60, 40, 28];
/** Monday first; the weekend carries 40 % of a weekday's load and Friday 90 %. */
const WEEK = [1, 1, 1, 1, 0.9, 0.4, 0.4].flatMap((f) => DAY.map((load) => Math.round(load * f)));

/** `hours` hours of the repeating `pattern`, starting at its first element. */
const repeat = (pattern: number[], hours: number): Float64Array =>
  Float64Array.from({ length: hours }, (_, h) => pattern[h % pattern.length]);

/** The `hours` hours of `pattern` that follow `historyHours` hours of it. */
const continuation = (pattern: number[], historyHours: number, hours = 48): number[] =>
  Array.from({ length: hours }, (_, h) => pattern[(historyHours + h) % pattern.length]);

describe('forecastHourlyLoad', () => {
  it('makes no forecast with less than 24 hours of history (aws-semantics.md section 4)', () => {
    expect(forecastHourlyLoad(new Float64Array(0))).toBeNull();
    expect(forecastHourlyLoad(repeat(DAY, 23))).toBeNull();
    expect(forecastHourlyLoad(repeat(DAY, 24))).toHaveLength(48);
  });

  it('repeats the only day it has after 24 hours', () => {
    expect([...forecastHourlyLoad(repeat(DAY, 24))!]).toEqual([...DAY, ...DAY]);
  });

  it('forecasts an exactly periodic daily signal exactly after 2 days', () => {
    expect([...forecastHourlyLoad(repeat(DAY, 48))!]).toEqual(continuation(DAY, 48));
    // Not starting at midnight: the history ends at 17:00, so the forecast starts at 17:00.
    expect([...forecastHourlyLoad(repeat(DAY, 65))!]).toEqual(continuation(DAY, 65));
    // A smooth non-integer signal, up to rounding.
    const wave = Array.from({ length: 24 }, (_, h) => 100 + 60 * Math.sin((2 * Math.PI * h) / 24));
    const forecast = forecastHourlyLoad(repeat(wave, 48 + 7))!;
    continuation(wave, 55).forEach((load, h) => expect(forecast[h]).toBeCloseTo(load, 9));
  });

  it('picks up a weekly pattern from 14 days: the weekend after a Friday is forecast low', () => {
    const history = repeat(WEEK, 14 * 24 - 48); // ends at the end of the second Friday
    expect([...forecastHourlyLoad(history)!]).toEqual(continuation(WEEK, 14 * 24 - 48));
    expect([...forecastHourlyLoad(repeat(WEEK, 14 * 24))!]).toEqual(continuation(WEEK, 14 * 24));
  });

  it('uses only the last 14 days', () => {
    const old = Float64Array.from({ length: 500 }, (_, h) => 1000 + h);
    const recent = repeat(WEEK, 14 * 24);
    const both = new Float64Array(old.length + recent.length);
    both.set(old);
    both.set(recent, old.length);
    expect([...forecastHourlyLoad(both)!]).toEqual([...forecastHourlyLoad(recent)!]);
  });

  it('carries a change of level into the forecast while keeping the shape', () => {
    // Second week 50 % busier than the first: the forecast continues at the new level.
    const history = Float64Array.from({ length: 14 * 24 }, (_, h) => WEEK[h % 168] * (h < 168 ? 2 : 3));
    const forecast = forecastHourlyLoad(history)!;
    continuation(WEEK, 14 * 24).forEach((load, h) => expect(forecast[h]).toBeCloseTo(3 * load, 9));
    // Daily season: yesterday twice the day before.
    const days = Float64Array.from({ length: 48 }, (_, h) => DAY[h % 24] * (h < 24 ? 1 : 2));
    const daily = forecastHourlyLoad(days)!;
    continuation(DAY, 48).forEach((load, h) => expect(daily[h]).toBeCloseTo(2 * load, 9));
  });

  it('forecasts other horizons on request', () => {
    expect([...forecastHourlyLoad(repeat(DAY, 48), { horizonHours: 72 })!]).toEqual(continuation(DAY, 48, 72));
    expect(() => forecastHourlyLoad(repeat(DAY, 48), { horizonHours: 0 })).toThrow(RangeError);
  });

  it('rejects loads that are negative or not finite', () => {
    for (const bad of [-1, NaN, Infinity]) {
      const history = repeat(DAY, 48);
      history[30] = bad;
      expect(() => forecastHourlyLoad(history)).toThrow(/at hour 30/);
    }
  });

  it('is deterministic, not negative, constant for a constant load and scales with the load', () => {
    const load = fc.double({ min: 0, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(load, { minLength: 24, maxLength: 400 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (values, scale) => {
        const history = Float64Array.from(values);
        const forecast = forecastHourlyLoad(history)!;
        expect(forecastHourlyLoad(history)).toEqual(forecast);
        forecast.forEach((v) => expect(v).toBeGreaterThanOrEqual(0));
        const scaled = forecastHourlyLoad(history.map((v) => v * scale))!;
        forecast.forEach((v, h) => expect(Math.abs(scaled[h] - v * scale)).toBeLessThanOrEqual(1e-9 * Math.max(1, v * scale)));
      }),
      { numRuns: 200 },
    );
    expect([...forecastHourlyLoad(new Float64Array(100).fill(42))!]).toEqual(new Array(48).fill(42));
  });
});
