import { describe, expect, it } from 'vitest';
import { ClientPopulation } from '../../../src/models/elb/routing/client-population.ts';
import { binomialTolerance } from './binomial.ts';
import { uniformFor } from './fake-target.ts';

describe('client population (keep-alive connections, browser sessions)', () => {
  it('runs are geometric with the given mean: each request ends its run with probability 1 / mean', () => {
    // The geometric law is memoryless, so with one slot every request after the first starts a new
    // run independently with p = 1 / mean: the count of new runs is 1 + binomial(N - 1, p).
    for (const mean of [1, 2, 8, 50]) {
      const clients = new ClientPopulation(1, mean, uniformFor(mean));
      const requests = 200_000;
      let runs = 0;
      for (let i = 0; i < requests; i++) {
        clients.next();
        if (clients.fresh) runs++;
      }
      const p = 1 / mean;
      expect(Math.abs(runs - 1 - (requests - 1) * p)).toBeLessThanOrEqual(binomialTolerance(requests - 1, p));
    }
  });

  it('requests come from the active clients uniformly', () => {
    const clients = new ClientPopulation(4, 10, uniformFor(3));
    const counts = [0, 0, 0, 0];
    const requests = 100_000;
    for (let i = 0; i < requests; i++) counts[clients.next()]++;
    for (const c of counts) expect(Math.abs(c - requests / 4)).toBeLessThan(binomialTolerance(requests, 1 / 4));
  });

  it('refuses an empty population or runs shorter than one request', () => {
    expect(() => new ClientPopulation(0, 5, uniformFor(1))).toThrow(RangeError);
    expect(() => new ClientPopulation(3, 0.5, uniformFor(1))).toThrow(RangeError);
  });
});
