import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.ts';
import { RequestReplay } from '../../src/models/workload/arrivals/request-replay.ts';
import { TraceReplay, type TraceReplayOptions } from '../../src/models/workload/arrivals/trace-replay.ts';
import { readRateCsv, type RateTrace } from '../../src/models/workload/traces/rate-csv.ts';
import { RequestTimesReader } from '../../src/models/workload/traces/request-times.ts';
import { tempDir } from '../helpers/run-cli.ts';

const defaults: TraceReplayOptions = { scale: 1, speedup: 1, loop: false, exact: false, offset: 0, horizon: Infinity };

function drain(replay: { next(now: number): number }, limit = Infinity): number[] {
  const out: number[] = [];
  let now = 0;
  for (let t = replay.next(now); t !== Infinity && t <= limit; t = replay.next(now)) {
    expect(t).toBeGreaterThanOrEqual(now);
    out.push((now = t));
  }
  return out;
}

function trace(counts: number[], bucket = 10, start = 0): RateTrace {
  return { file: 'mem', start, bucket, counts: Float64Array.from(counts) };
}

describe('TraceReplay', () => {
  it('exact mode places each bucket count inside its bucket', () => {
    const t = trace([3, 0, 5, 1]);
    const times = drain(new TraceReplay(t, { ...defaults, exact: true }, new RandomStreams(1).stream('a')));
    const perBucket = [0, 0, 0, 0];
    times.forEach((x) => perBucket[Math.floor(x / 10)]++);
    expect(perBucket).toEqual([3, 0, 5, 1]);
  });

  it('scale, speedup and offset map trace time to simulated time', () => {
    const t = trace([2, 4, 6, 8]);
    const times = drain(new TraceReplay(t, { ...defaults, exact: true, scale: 2, speedup: 2, offset: 20 }, new RandomStreams(1).stream('a')));
    // From trace time 20: buckets [20,30) and [30,40) with 12 and 16 requests, 5 simulated seconds each.
    expect(times.filter((x) => x < 5)).toHaveLength(12);
    expect(times.filter((x) => x >= 5 && x < 10)).toHaveLength(16);
    expect(times.every((x) => x < 10)).toBe(true);
    expect(TraceReplay.span(t, { speedup: 2, offset: 20 })).toBe(10);
  });

  it('loop starts the trace over', () => {
    const times = drain(new TraceReplay(trace([1, 2]), { ...defaults, exact: true, loop: true }, new RandomStreams(1).stream('a')), 60);
    expect(times).toHaveLength(9); // three passes of 20 s
  });

  // A looping rate CSV of zeros (or of counts too small to give a request in the run) walked its
  // buckets for ever: `fleetsim run` of it never returned.
  it('a looping trace without requests has no arrival, in either mode', () => {
    for (const exact of [false, true]) {
      expect(new TraceReplay(trace([0, 0]), { ...defaults, loop: true, exact }, new RandomStreams(1).stream('a')).next(0)).toBe(Infinity);
    }
  });

  it('a looping trace is walked no further than the horizon', () => {
    for (const exact of [false, true]) {
      const replay = new TraceReplay(trace([1e-300, 0]), { ...defaults, loop: true, exact, horizon: 3600 }, new RandomStreams(1).stream('a'));
      expect(replay.next(0)).toBe(Infinity);
    }
    // Up to the horizon, the arrivals are those of an unbounded replay.
    const bounded = drain(new TraceReplay(trace([1, 2]), { ...defaults, exact: true, loop: true, horizon: 60 }, new RandomStreams(1).stream('a')), 60);
    expect(bounded).toEqual(drain(new TraceReplay(trace([1, 2]), { ...defaults, exact: true, loop: true }, new RandomStreams(1).stream('a')), 60));
  });

  it('Poisson mode has the bucket rate: counts per bucket have mean and variance of the count', () => {
    // A Poisson count has variance equal to its mean; check both over many buckets.
    const counts = new Array(2000).fill(50);
    const times = drain(new TraceReplay(trace(counts, 1), defaults, new RandomStreams(9).stream('a')));
    const per = new Array(2000).fill(0);
    times.forEach((x) => per[Math.floor(x)]++);
    const mean = per.reduce((a, b) => a + b, 0) / per.length;
    const variance = per.reduce((a, b) => a + (b - mean) ** 2, 0) / (per.length - 1);
    // Standard error of the mean: sqrt(50 / 2000) = 0.16; of the variance: about 50 sqrt(2 / 2000) = 1.6.
    expect(Math.abs(mean - 50)).toBeLessThan(5 * 0.16);
    expect(Math.abs(variance - 50)).toBeLessThan(5 * 1.6);
  });
});

describe('trace files', () => {
  it('reads a rate CSV with gaps on the grid as empty buckets', () => {
    const file = join(tempDir(), 'r.csv');
    writeFileSync(file, 'time_s,requests\r\n0,5\r\n60,7\r\n180,1\r\n');
    const t = readRateCsv(file);
    expect(t.bucket).toBe(60);
    expect([...t.counts]).toEqual([5, 7, 0, 1]);
  });

  it('reads blanks around cells and skips blank lines, but refuses a blank cell or a third field', () => {
    const dir = tempDir();
    const read = (name: string, text: string) => {
      const file = join(dir, name);
      writeFileSync(file, `time_s,requests\n${text}`);
      return readRateCsv(file);
    };
    expect([...read('padded.csv', ' 0 ,\t5\n\n  \n10, 7 \n').counts]).toEqual([5, 7]);
    expect(() => read('blank-time.csv', '0,5\n ,7\n')).toThrow(/:3: time_s "" is not a number/);
    expect(() => read('blank-count.csv', '0,5\n10,  \n')).toThrow(/:3: requests "" is not a non-negative number/);
    expect(() => read('three.csv', '0,5\n10,7,1\n')).toThrow(/:3: found 3 fields in "10,7,1"/);
    expect(() => read('one.csv', '0,5\n10\n')).toThrow(/:3: found 1 fields in "10"/);
  });

  it('streams a per-request file through speedup and offset', () => {
    const file = join(tempDir(), 'q.txt');
    writeFileSync(file, 'time_s\n1\n2\n2\n10.5\n');
    const times = drain(new RequestReplay(new RequestTimesReader(file), 2, 2));
    expect(times).toEqual([0, 0, 4.25]);
  });

  it('reads a shipped trace whole', () => {
    const t = readRateCsv(new URL('../../scenarios/traces/nasa_jul95_60s.csv', import.meta.url).pathname);
    expect(t.bucket).toBe(60);
    // The shipped README gives 1,891,713 requests for the July 1995 log.
    expect(t.counts.reduce((a, b) => a + b, 0)).toBe(1_891_713);
  });
});
