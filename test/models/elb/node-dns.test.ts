import { describe, expect, it } from 'vitest';
import { NodeDns } from '../../../src/models/elb/node-dns.ts';
import { binomialTolerance, Z } from './binomial.ts';
import { uniformFor } from './fake-target.ts';

/**
 * Which AZ node a request reaches without cross-zone load balancing: each client resolves the load
 * balancer's name, picks one of the nodes' addresses at random and keeps it for the TTL (60 s:
 * clients should "re-resolve the DNS at least once per minute", ELB best practices).
 */
describe('node DNS (cross-zone off)', () => {
  /** Sample variance of `windows` counts of requests (of `size` each) that reach node 0 of two. */
  function windowVariance(dns: NodeDns, windows: number, size: number, gap: number): { mean: number; variance: number } {
    const counts: number[] = [];
    let now = 0;
    for (let w = 0; w < windows; w++, now += gap) {
      let n = 0;
      for (let i = 0; i < size; i++) if (dns.node(now) === 0) n++;
      counts.push(n);
    }
    const mean = counts.reduce((a, b) => a + b, 0) / windows;
    const variance = counts.reduce((a, c) => a + (c - mean) ** 2, 0) / (windows - 1);
    return { mean, variance };
  }

  it('with a TTL of 0 every request resolves afresh: a node\'s count is binomial, not the exact half of taking turns', () => {
    const dns = new NodeDns(1000, 100, 0, uniformFor(5));
    dns.setNodes([0, 1]);
    const windows = 2000;
    const { mean, variance } = windowVariance(dns, windows, 100, 1);
    // Binomial(100, 1/2): mean 50, variance 25; the sample variance of near-normal counts has a
    // standard deviation of variance * sqrt(2 / (windows - 1)).
    expect(Math.abs(mean - 50)).toBeLessThanOrEqual(binomialTolerance(100 * windows, 0.5) / windows);
    expect(Math.abs(variance - 25)).toBeLessThanOrEqual(Z * 25 * Math.sqrt(2 / (windows - 1)));
  });

  it('clients keep their answer for the TTL: the split is clustered by client', () => {
    // 10 clients that never leave, each re-resolving once per window (windows 61 s apart, TTL 60 s).
    // Within a window, q = S / 10 of the clients are on node 0, S ~ binomial(10, 1/2), and each
    // request comes from a client drawn uniformly: the count is binomial(100, q) given q, so its
    // variance is E[100 q (1 - q)] + 100^2 Var(q) = 100 (1/4 - 1/40) + 10^4 / 40 = 272.5.
    const dns = new NodeDns(10, 1e9, 60, uniformFor(6));
    dns.setNodes([0, 1]);
    const windows = 2000;
    const { mean, variance } = windowVariance(dns, windows, 100, 61);
    expect(Math.abs(mean - 50)).toBeLessThanOrEqual(Z * Math.sqrt(272.5 / windows));
    // S is binomial, so the counts are close to normal (excess kurtosis under 0.1): as above.
    expect(Math.abs(variance - 272.5)).toBeLessThanOrEqual(Z * 272.5 * Math.sqrt(2.2 / (windows - 1)));
  });

  it('a node that leaves DNS keeps the clients that resolved to it until their answers expire', () => {
    const dns = new NodeDns(50, 1e9, 60, uniformFor(7));
    dns.setNodes([0, 1]);
    for (let i = 0; i < 5000; i++) dns.node(i / 100); // every client has resolved by 50 s
    dns.setNodes([1]);
    let lastOnNode0 = -1;
    for (let t = 50; t < 200; t += 0.01) if (dns.node(t) === 0) lastOnNode0 = t;
    expect(lastOnNode0).toBeGreaterThan(50);
    expect(lastOnNode0).toBeLessThan(50 + 60);
  });
});
