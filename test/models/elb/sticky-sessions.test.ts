import { describe, expect, it } from 'vitest';
import { LeastOutstandingRequests } from '../../../src/models/elb/routing/least-outstanding-requests.ts';
import { RoundRobin } from '../../../src/models/elb/routing/round-robin.ts';
import type { RoutingAlgorithm } from '../../../src/models/elb/routing/routing-algorithm.ts';
import { DEFAULT_LB_COOKIE_DURATION_SECONDS, StickySessions } from '../../../src/models/elb/routing/sticky-sessions.ts';
import type { Target } from '../../../src/models/elb/target.ts';
import { binomialTolerance } from './binomial.ts';
import { fakeTargets, ManualClock, uniformFor } from './fake-target.ts';

/** Round robin that counts the requests it was asked to place: the ones no cookie placed. */
class CountingRoundRobin implements RoutingAlgorithm {
  calls = 0;
  private readonly rr = new RoundRobin();
  pick(targets: readonly Target[]): number {
    this.calls++;
    return this.rr.pick(targets);
  }
}

/** One client with an endless session, one request every `step` seconds. */
function oneClient(durationSeconds: number, renewOnEachRequest = false) {
  const clock = new ManualClock();
  const inner = new CountingRoundRobin();
  const sticky = new StickySessions(inner, uniformFor(1), clock, { clients: 1, requestsPerClient: 1e9, durationSeconds, renewOnEachRequest });
  const targets = fakeTargets(4);
  sticky.routableSetChanged(targets, 'healthy');
  return { clock, inner, sticky, targets };
}

describe('lb_cookie stickiness', () => {
  it('a client sticks to its first target for the cookie duration (default 1 day)', () => {
    expect(DEFAULT_LB_COOKIE_DURATION_SECONDS).toBe(86_400);
    const { clock, inner, sticky, targets } = oneClient(DEFAULT_LB_COOKIE_DURATION_SECONDS);
    const first = sticky.pick(targets);
    for (let i = 0; i < 1000; i++) {
      clock.now += 60;
      expect(sticky.pick(targets)).toBe(first);
    }
    expect(inner.calls).toBe(1);
  });

  it('when the cookie expires the algorithm places the client again', () => {
    // A request each second, a 10 s cookie: requests at 0, 10, 20, ... are placed by round robin.
    const { clock, inner, sticky, targets } = oneClient(10);
    const seen: number[] = [];
    for (let t = 0; t < 100; t++) {
      clock.now = t;
      seen.push(sticky.pick(targets));
    }
    expect(inner.calls).toBe(10);
    expect(seen.slice(0, 10).every((p) => p === seen[0])).toBe(true);
    expect(seen[10]).not.toBe(seen[0]);
  });

  it('[UNCONFIRMED] option: each response renews the cookie, so an active client never moves', () => {
    const { clock, inner, sticky, targets } = oneClient(10, true);
    for (let t = 0; t < 100; t++) {
      clock.now = t;
      sticky.pick(targets);
    }
    expect(inner.calls).toBe(1);
  });

  it('a client whose target leaves the routable set is placed again and sticks to the new one', () => {
    const { inner, sticky, targets } = oneClient(DEFAULT_LB_COOKIE_DURATION_SECONDS);
    const first = targets[sticky.pick(targets)];
    const rest = targets.filter((t) => t !== first);
    sticky.routableSetChanged(rest, 'healthy');
    const second = rest[sticky.pick(rest)];
    expect(second).not.toBe(first);
    for (let i = 0; i < 10; i++) expect(rest[sticky.pick(rest)]).toBe(second);
    expect(inner.calls).toBe(2);
  });

  it('new clients have no cookie: the algorithm places one request per session', () => {
    // Sessions of mean 5 requests: each request starts a new session with p = 1/5 (memoryless),
    // plus the first request of each of the 50 slots. Binomial tolerance, plus those 50.
    const clock = new ManualClock();
    const inner = new CountingRoundRobin();
    const sticky = new StickySessions(inner, uniformFor(2), clock, { clients: 50, requestsPerClient: 5 });
    const targets = fakeTargets(4);
    sticky.routableSetChanged(targets, 'healthy');
    const requests = 50_000;
    for (let i = 0; i < requests; i++) sticky.pick(targets);
    expect(Math.abs(inner.calls - requests / 5)).toBeLessThan(binomialTolerance(requests, 1 / 5) + 50);
  });

  it('stickiness overrides least outstanding requests for bound clients', () => {
    const clock = new ManualClock();
    const lor = new LeastOutstandingRequests(uniformFor(3));
    const sticky = new StickySessions(lor, uniformFor(4), clock, { clients: 1, requestsPerClient: 1e9 });
    const targets = fakeTargets(2);
    sticky.routableSetChanged(targets, 'healthy');
    for (let i = 0; i < 20; i++) {
      const t = targets[sticky.pick(targets)];
      t.accept();
      lor.outstandingChanged(t);
    }
    expect(targets.map((t) => t.outstanding).sort()).toEqual([0, 20]);
  });

  it('refuses a duration outside 1 s .. 7 days', () => {
    expect(() => oneClient(0)).toThrow(RangeError);
    expect(() => oneClient(604_801)).toThrow(RangeError);
  });
});
