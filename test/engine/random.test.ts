import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.ts';
import { distributionMean, lognormalFromMedianP99, makeSampler } from '../../src/engine/distributions.ts';

describe('RandomStreams', () => {
  it('a stream depends only on the seed and its own name', () => {
    const a = new RandomStreams(7);
    const b = new RandomStreams(7);
    b.stream('something.else'); // another component added first
    const x = a.stream('workload.arrivals');
    const y = b.stream('workload.arrivals');
    for (let i = 0; i < 100; i++) expect(x()).toBe(y());
  });

  it('different seeds and names give different streams', () => {
    const s = new RandomStreams(1);
    expect(s.stream('a')()).not.toBe(s.stream('b')());
    expect(new RandomStreams(1).stream('a')()).not.toBe(new RandomStreams(2).stream('a')());
  });

  it('a name is taken once', () => {
    const s = new RandomStreams(1);
    s.stream('a');
    expect(() => s.stream('a')).toThrow(/already in use/);
  });
});

describe('distributions', () => {
  const N = 200_000;
  /** Sample mean over N draws; its standard error is sd / sqrt(N). */
  function sampleMean(draw: () => number): { mean: number; se: number } {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const v = draw();
      s += v;
      s2 += v * v;
    }
    const mean = s / N;
    return { mean, se: Math.sqrt((s2 / N - mean * mean) / N) };
  }

  it.each([
    { dist: 'exponential', mean: 0.1 } as const,
    { dist: 'uniform', min: 0.05, max: 0.15 } as const,
    { dist: 'normal', mean: 1, stddev: 0.1 } as const,
    { dist: 'lognormal', mu: Math.log(0.04), sigma: 0.5 } as const,
    { dist: 'empirical', values: [0.1, 0.2, 0.6] } as const,
  ])('$dist draws have the distribution mean (within 5 standard errors)', (spec) => {
    const { mean, se } = sampleMean(makeSampler(spec, new RandomStreams(3).stream('x')));
    expect(Math.abs(mean - distributionMean(spec))).toBeLessThan(5 * se);
  });

  it('lognormal from median and p99 puts 1 % of draws above p99', () => {
    const draw = makeSampler({ dist: 'lognormal', ...lognormalFromMedianP99(0.04, 0.4) }, new RandomStreams(4).stream('x'));
    let above = 0;
    let below = 0;
    for (let i = 0; i < N; i++) {
      const v = draw();
      if (v > 0.4) above++;
      if (v < 0.04) below++;
    }
    // Binomial standard errors: sqrt(N p (1 - p)).
    expect(Math.abs(above - 0.01 * N)).toBeLessThan(5 * Math.sqrt(N * 0.01 * 0.99));
    expect(Math.abs(below - 0.5 * N)).toBeLessThan(5 * Math.sqrt(N * 0.25));
  });
});
