import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LeastOutstandingRequests } from '../../../src/models/elb/routing/least-outstanding-requests.ts';
import { binomialTolerance } from './binomial.ts';
import { fakeTargets, uniformFor, type FakeTarget } from './fake-target.ts';

type Op =
  | { kind: 'route' }
  | { kind: 'complete'; target: number }
  | { kind: 'crash'; target: number }
  | { kind: 'burst'; target: number; requests: number }
  | { kind: 'reset'; keep: number };

const ops: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant<Op>({ kind: 'route' }), weight: 6 },
  { arbitrary: fc.nat(40).map<Op>((target) => ({ kind: 'complete', target })), weight: 4 },
  { arbitrary: fc.nat(40).map<Op>((target) => ({ kind: 'crash', target })), weight: 1 },
  { arbitrary: fc.record({ target: fc.nat(40), requests: fc.integer({ min: 1, max: 70 }) }).map<Op>((r) => ({ kind: 'burst', ...r })), weight: 1 },
  { arbitrary: fc.nat().map<Op>((keep) => ({ kind: 'reset', keep })), weight: 1 },
);

describe('least_outstanding_requests (aws-semantics.md 7.4)', () => {
  it('always picks a target with the fewest outstanding requests, through any sequence of changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.array(ops, { maxLength: 400 }), fc.integer(), (n, sequence, seed) => {
        const all = fakeTargets(n);
        const lor = new LeastOutstandingRequests(uniformFor(seed));
        let routable: FakeTarget[] = all;
        lor.routableSetChanged(routable);
        for (const op of sequence) {
          if (op.kind === 'route') {
            const p = lor.pick(routable);
            const min = Math.min(...routable.map((t) => t.outstanding));
            expect(routable[p].outstanding).toBe(min);
            routable[p].accept();
            lor.outstandingChanged(routable[p]);
            continue;
          }
          if (op.kind === 'reset') {
            // Any non-empty subset, in registration order; targets outside it keep changing.
            const subset = all.filter((_, i) => (op.keep >> i % 30) & 1);
            routable = subset.length > 0 ? subset : [all[op.keep % n]];
            lor.routableSetChanged(routable);
            continue;
          }
          const t = all[op.target % n];
          if (op.kind === 'complete') t.outstanding = Math.max(0, t.outstanding - 1);
          else if (op.kind === 'crash') t.outstanding = 0;
          else t.outstanding += op.requests;
          lor.outstandingChanged(t);
        }
      }),
    );
  });

  it('breaks ties uniformly at random: idle targets get equal shares', () => {
    // 5 idle targets, 50,000 picks, none accepted: each count is binomial(50,000, 1/5).
    const targets = fakeTargets(5);
    const lor = new LeastOutstandingRequests(uniformFor(1));
    lor.routableSetChanged(targets);
    const counts = new Array<number>(5).fill(0);
    const picks = 50_000;
    for (let i = 0; i < picks; i++) counts[lor.pick(targets)]++;
    for (const c of counts) expect(Math.abs(c - picks / 5)).toBeLessThan(binomialTolerance(picks, 1 / 5));
  });

  it('among tied targets only: busier ones get nothing', () => {
    const targets = fakeTargets(5);
    [0, 0, 1, 0, 2].forEach((o, i) => (targets[i].outstanding = o));
    const lor = new LeastOutstandingRequests(uniformFor(2));
    lor.routableSetChanged(targets);
    const counts = new Array<number>(5).fill(0);
    const picks = 30_000;
    for (let i = 0; i < picks; i++) counts[lor.pick(targets)]++;
    expect(counts[2] + counts[4]).toBe(0);
    for (const p of [0, 1, 3]) expect(Math.abs(counts[p] - picks / 3)).toBeLessThan(binomialTolerance(picks, 1 / 3));
  });

  it('ignores targets outside the routable set, and refuses a pick over a set it was not told of', () => {
    const targets = fakeTargets(3);
    const lor = new LeastOutstandingRequests(uniformFor(3));
    lor.routableSetChanged(targets.slice(0, 2));
    targets[2].outstanding = 5;
    lor.outstandingChanged(targets[2]);
    targets[0].outstanding = 1;
    lor.outstandingChanged(targets[0]);
    expect(lor.pick(targets.slice(0, 2))).toBe(1);
    expect(() => lor.pick(targets)).toThrow(/routable set last reported has 2/);
  });
});
