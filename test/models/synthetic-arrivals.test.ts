import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.ts';
import type { ArrivalProcess } from '../../src/models/workload/arrivals/arrival-process.ts';
import { MmppArrivals } from '../../src/models/workload/arrivals/mmpp.ts';
import { diurnalRate, flashCrowdRate, RateFunctionArrivals, stepRate } from '../../src/models/workload/arrivals/rate-function.ts';
import { PoissonArrivals } from '../../src/models/workload/arrivals/poisson.ts';
import { Superposition } from '../../src/models/workload/arrivals/superposition.ts';
import { expectEveryRequestAccounted } from '../helpers/request-accounting.ts';
import { runScenario } from '../helpers/run-cli.ts';

function times(p: ArrivalProcess, until: number): number[] {
  const out: number[] = [];
  for (let t = p.next(0); t <= until; t = p.next(t)) out.push(t);
  return out;
}
const countIn = (ts: number[], from: number, to: number) => ts.filter((t) => t >= from && t < to).length;
/** |observed - expected| within 5 Poisson standard deviations. */
const poissonClose = (observed: number, expected: number) => expect(Math.abs(observed - expected)).toBeLessThan(5 * Math.sqrt(expected) + 1);
const stream = (seed: number) => new RandomStreams(seed).stream('test');

describe('synthetic arrivals', () => {
  it('thinning follows a step rate: each segment gets rate x length arrivals', () => {
    const f = stepRate([0, 1000, 3000], [10, 50, 5]);
    const ts = times(new RateFunctionArrivals(f.rateAt, f.maxRate, stream(1), 4000), 4000);
    poissonClose(countIn(ts, 0, 1000), 10_000);
    poissonClose(countIn(ts, 1000, 3000), 100_000);
    poissonClose(countIn(ts, 3000, 4000), 5_000);
  });

  it('diurnal: a weekday averages the mean, the peak hour runs at mean x (1 + amplitude), weekends at the factor', () => {
    // Start Monday 00:00 UTC; peak at 14:00.
    const f = diurnalRate({ mean: 10, amplitude: 0.5, peakHour: 14, weekendFactor: 0.5, startDay: 1, startHour: 0 });
    const ts = times(new RateFunctionArrivals(f.rateAt, f.maxRate, stream(2), 7 * 86_400), 7 * 86_400);
    poissonClose(countIn(ts, 0, 86_400), 864_000);
    // The hour around the peak: mean of 10 (1 + 0.5 cos) over 13:30-14:30.
    const peakHour = 10 * 3600 * (1 + (0.5 * Math.sin(Math.PI / 24)) / (Math.PI / 24));
    poissonClose(countIn(ts, 13.5 * 3600, 14.5 * 3600), peakHour);
    // Saturday is day 5 from Monday.
    poissonClose(countIn(ts, 5 * 86_400, 6 * 86_400), 432_000);
  });

  it('flash crowd: base, then the plateau at the peak', () => {
    const f = flashCrowdRate({ base: 5, peak: 80, at: 1000, ramp: 100, plateau: 1000, decay: 300 });
    const ts = times(new RateFunctionArrivals(f.rateAt, f.maxRate, stream(3), 3000), 3000);
    poissonClose(countIn(ts, 0, 1000), 5000);
    poissonClose(countIn(ts, 1100, 2100), 80_000);
    expect(f.rateAt(2100 + 300)).toBeCloseTo(5 + 75 / Math.E, 9);
  });

  it('MMPP: the long-run rate weights each state by its time, and counts are burstier than Poisson', () => {
    const p = new MmppArrivals([{ rate: 2, meanDuration: 300 }, { rate: 40, meanDuration: 100 }], stream(4), 400_000);
    const ts = times(p, 400_000);
    // Two states alternate: mean rate (2 x 300 + 40 x 100) / 400 = 11.5 per second. The count over
    // a long run varies with the number of state changes: allow 3 % (about 1000 sojourns of each).
    expect(Math.abs(ts.length / 400_000 - 11.5) / 11.5).toBeLessThan(0.03);
    const perMinute = new Array<number>(6000).fill(0);
    for (const t of ts) if (t < 360_000) perMinute[Math.floor(t / 60)]++;
    const mean = perMinute.reduce((a, b) => a + b, 0) / perMinute.length;
    const variance = perMinute.reduce((a, b) => a + (b - mean) ** 2, 0) / perMinute.length;
    expect(variance / mean).toBeGreaterThan(10); // a Poisson stream gives 1
  });

  it('states without traffic end at the horizon instead of searching forever', () => {
    expect(new MmppArrivals([{ rate: 0, meanDuration: 10 }], stream(7), 1000).next(0)).toBe(Infinity);
    const f = stepRate([0], [0]);
    expect(new RateFunctionArrivals(f.rateAt, 1, stream(8), 1000).next(0)).toBe(Infinity);
  });

  it('a superposition holds every arrival of its parts, in order', () => {
    const a = times(new PoissonArrivals(3, stream(5)), 1000);
    const b = times(new PoissonArrivals(7, stream(6)), 1000);
    const merged = times(new Superposition([new PoissonArrivals(3, stream(5)), new PoissonArrivals(7, stream(6))]), 1000);
    expect(merged).toEqual([...a, ...b].sort((x, y) => x - y));
  });

  it('a real day plus a flash crowd through the command line', async () => {
    const s = await runScenario({
      name: 'day-plus-crowd',
      duration: '6h',
      workload: {
        arrivals: {
          type: 'combined',
          parts: [
            { type: 'trace', file: new URL('../../scenarios/traces/nasa_jul95_60s.csv', import.meta.url).pathname, scale: 10 },
            { type: 'flash_crowd', base: 0, peak: 100, at: '2h', ramp: '5m', plateau: '20m', decay: '10m' },
          ],
        },
        service_time: { dist: 'constant', value: 0.01 },
      },
      fleet: { instance_type: 'c7g.xlarge', instances: 2 },
    });
    expect(s.requests.arrived).toBeGreaterThan(100 * 20 * 60);
    expectEveryRequestAccounted(s);
  });
});
