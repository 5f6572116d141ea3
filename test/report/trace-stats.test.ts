import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readRateCsv } from '../../src/models/workload/traces/rate-csv.ts';
import { RequestTimesReader } from '../../src/models/workload/traces/request-times.ts';
import { rateTraceStats, requestTimesStats, type TraceStats } from '../../src/report/trace-stats.ts';
import { cli, tempDir } from '../helpers/run-cli.ts';

/*
 * Rule: trace inspect's figures are right for any trace: fixed memory whatever the span, no peak
 * below the mean, the profile holding every request.
 */

const dir = tempDir();
let count = 0;
function write(text: string): string {
  const file = join(dir, `t${count++}`);
  writeFileSync(file, text);
  return file;
}

const ofTimes = (times: readonly number[]) => requestTimesStats(new RequestTimesReader(write(`time_s\n${times.join('\n')}\n`)));
const ofRates = (text: string) => rateTraceStats(readRateCsv(write(text)));
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Rates are sums divided by spans: equal to within rounding. */
function expectNotBelow(peak: number, mean: number): void {
  expect(peak).toBeGreaterThanOrEqual(mean * (1 - 1e-12));
}

function expectSound(s: TraceStats): void {
  expectNotBelow(s.peakPerSecond, s.meanPerSecond);
  expectNotBelow(s.peakPerMinute, s.meanPerSecond * 60);
  expect(Math.round(sum(s.profile))).toBe(Math.round(s.requests));
  expect(s.profile).toHaveLength(60);
}

describe('trace inspect of a per-request file', () => {
  it('two requests a billion seconds apart: the span in fixed memory, both requests in the profile', () => {
    const s = ofTimes([0, 1e9]);
    expect(s).toMatchObject({ requests: 2, start: 0, span: 1e9 + 1, peakPerSecond: 1 });
    expect(s.meanPerSecond).toBe(2 / (1e9 + 1));
    expect(s.profile[0]).toBe(1);
    expect(s.profile[59]).toBe(1);
    expectSound(s);
  });

  it('a Common Log Format log spanning ten centuries', () => {
    const line = (year: number) => `h - - [01/Jul/${year}:00:00:01 -0400] "GET / HTTP/1.0" 200 1`;
    const s = requestTimesStats(new RequestTimesReader(write(`${line(1995)}\n${line(1995)}\n${line(2995)}\n`)));
    expect(s).toMatchObject({ format: 'clf', requests: 3, peakPerSecond: 2 });
    expect(s.span).toBe((Date.UTC(2995, 6, 1) - Date.UTC(1995, 6, 1)) / 1000 + 1);
    expectSound(s);
  });

  it('a short log: the seconds it covers make the span, and the peaks are not below the mean', () => {
    // Two requests 0.2 s apart in two clock seconds: 1 per second, not a mean of 2/s over a 1 s floor.
    expect(ofTimes([0.9, 1.1])).toMatchObject({ span: 2, meanPerSecond: 1, peakPerSecond: 1, peakPerMinute: 60 });
    // 30 requests in 3 s: the minute's rate over the 3 s it covers.
    expect(ofTimes(Array.from({ length: 30 }, (_, i) => 10 + i / 10))).toMatchObject({ span: 3, meanPerSecond: 10, peakPerSecond: 10, peakPerMinute: 600 });
  });

  it('fuzz: the busiest second matches a count by brute force, and no peak is below the mean', () => {
    const times = fc.array(fc.oneof(fc.double({ min: -500, max: 5000, noNaN: true }), fc.integer({ min: -100, max: 200 })), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(times, (ts) => {
        const sorted = [...ts].sort((a, b) => a - b);
        const s = ofTimes(sorted);
        const perSecond = new Map<number, number>();
        for (const t of sorted) perSecond.set(Math.floor(t), (perSecond.get(Math.floor(t)) ?? 0) + 1);
        expect(s.peakPerSecond).toBe(Math.max(...perSecond.values()));
        expect(s.span).toBe(Math.floor(sorted[sorted.length - 1]) - Math.floor(sorted[0]) + 1);
        expect(s.requests).toBe(sorted.length);
        expectSound(s);
      }),
      { numRuns: 150 },
    );
  });
});

describe('trace inspect of a rate CSV', () => {
  it('sub-second buckets: the busiest second is the sum of its buckets over the part of it they cover', () => {
    // One 0.5 s bucket of 10 covers half a second: 20/s, not a peak of 10 below a mean of 20.
    expect(ofRates('time_s,requests\n0,10\n0.5,0\n1,4\n1.5,4\n')).toMatchObject({ span: 2, meanPerSecond: 9, peakPerSecond: 10 });
    expect(ofRates('time_s,requests\n0.5,10\n1,0\n')).toMatchObject({ span: 1, meanPerSecond: 10, peakPerSecond: 20, peakPerMinute: 600 });
  });

  it('fuzz: no peak is below the mean, whatever the bucket width and start', () => {
    const csv = fc.record({
      start: fc.integer({ min: -200, max: 200 }),
      bucket: fc.constantFrom(0.1, 0.25, 0.5, 1, 7, 30, 60, 90, 3600),
      counts: fc.array(fc.oneof(fc.nat(100), fc.double({ min: 0, max: 1e6, noNaN: true })), { minLength: 1, maxLength: 200 }),
    });
    fc.assert(
      fc.property(csv, ({ start, bucket, counts }) => {
        const s = ofRates(`time_s,requests\n${counts.map((c, i) => `${start + i * bucket},${c}`).join('\n')}\n`);
        expect(s.requests).toBeCloseTo(sum(counts), 6);
        expectSound(s);
      }),
      { numRuns: 150 },
    );
  });
});

describe('fuzz: trace inspect prints finite, consistent figures with exit 0, or a message with exit 2', () => {
  const numbers = fc.constantFrom('0', '1', '-1', '0.5', '1e9', '-1e9', '1e12', '1e13', '1e308', '-1e308', '9e15', 'NaN', 'Infinity', '', 'x');
  const file = fc.oneof(
    fc.array(numbers, { maxLength: 8 }).map((ts) => `time_s\n${ts.join('\n')}\n`),
    fc.array(fc.tuple(numbers, numbers), { maxLength: 8 }).map((rows) => `time_s,requests\n${rows.map(([t, c]) => `${t},${c}`).join('\n')}\n`),
  );
  it('rate CSVs and time_s files of extreme numbers', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const r = await cli(['trace', 'inspect', write(text), '--json']);
        if (r.code === 2) {
          expect(r.stderr).toMatch(/^fleetsim: /);
          expect(r.stderr).not.toMatch(/^\s+at /m);
          return;
        }
        expect(r.code, r.stderr).toBe(0);
        const s = JSON.parse(r.stdout) as TraceStats;
        for (const x of [s.start, s.span, s.requests, s.meanPerSecond, s.peakPerSecond, s.peakPerMinute, ...s.profile]) expect(Number.isFinite(x)).toBe(true);
        if (s.requests > 0) expectSound(s);
      }),
      { numRuns: 150 },
    );
  });
});
