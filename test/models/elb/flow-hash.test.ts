import { describe, expect, it } from 'vitest';
import { FlowHash } from '../../../src/models/elb/routing/flow-hash.ts';
import { binomialTolerance } from './binomial.ts';
import { fakeTargets, uniformFor } from './fake-target.ts';

/** Requests per target (by position) and the number of times the target changed from one request to the next. */
function route(hash: FlowHash, n: number, requests: number) {
  const targets = fakeTargets(n);
  hash.routableSetChanged(targets);
  const counts = new Array<number>(n).fill(0);
  let switches = 0;
  let last = -1;
  for (let i = 0; i < requests; i++) {
    const p = hash.pick(targets);
    counts[p]++;
    if (last >= 0 && p !== last) switches++;
    last = p;
  }
  return { counts, switches };
}

function coefficientOfVariation(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length;
  return Math.sqrt(variance) / mean;
}

describe('NLB flow hash (aws-semantics.md 7.4)', () => {
  it('pins a connection to its target: the target changes only when a new connection starts', () => {
    // One connection at a time, 50 requests each on average, 10 targets. A request starts a new
    // connection with p = 1/50 (geometric, memoryless) that lands elsewhere with 9/10: a switch
    // is binomial(N - 1, 0.018) -- 1,800 of 100,000, against 90,000 without keep-alive.
    const requests = 100_000;
    const pinned = route(new FlowHash(uniformFor(1), { connections: 1, requestsPerConnection: 50 }), 10, requests);
    expect(Math.abs(pinned.switches - (requests - 1) * 0.018)).toBeLessThan(binomialTolerance(requests - 1, 0.018));
    const unpinned = route(new FlowHash(uniformFor(2), { connections: 1, requestsPerConnection: 1 }), 10, requests);
    expect(Math.abs(unpinned.switches - (requests - 1) * 0.9)).toBeLessThan(binomialTolerance(requests - 1, 0.9));
  });

  it('balances connections, not requests: a few long keep-alive connections load targets unevenly', () => {
    // 20 concurrent connections of ~1,000 requests over 10 targets, 200,000 requests: about 200
    // connections in all, 20 per target, each carrying a geometric count (sd about its mean), so a
    // target's load varies by about sqrt(2 / 20) = 0.32 of its mean. One request per connection is
    // multinomial: sqrt(0.9 / 20,000) = 0.0067. Asking for a tenfold gap leaves a wide margin.
    const requests = 200_000;
    const keepAlive = route(new FlowHash(uniformFor(3), { connections: 20, requestsPerConnection: 1000 }), 10, requests);
    const perRequest = route(new FlowHash(uniformFor(4), { connections: 20, requestsPerConnection: 1 }), 10, requests);
    expect(coefficientOfVariation(perRequest.counts)).toBeLessThan(5 * Math.sqrt(0.9 / 20_000));
    expect(coefficientOfVariation(keepAlive.counts)).toBeGreaterThan(10 * coefficientOfVariation(perRequest.counts));
  });

  it('a connection keeps its target across set changes, and is hashed again when its target leaves', () => {
    const hash = new FlowHash(uniformFor(6), { connections: 1, requestsPerConnection: 1e9 });
    const targets = fakeTargets(5);
    hash.routableSetChanged(targets);
    const first = targets[hash.pick(targets)];
    const others = targets.filter((t) => t !== first);
    const withoutOne = [...others.slice(1), first];
    hash.routableSetChanged(withoutOne);
    for (let i = 0; i < 100; i++) expect(withoutOne[hash.pick(withoutOne)]).toBe(first);
    hash.routableSetChanged(others);
    const next = others[hash.pick(others)];
    for (let i = 0; i < 100; i++) expect(others[hash.pick(others)]).toBe(next);
  });
});
