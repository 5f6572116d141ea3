import { describe, expect, it } from 'vitest';
import type { RoutingMode } from '../../../src/models/elb/health/fail-open.ts';
import { AnomalyDetection } from '../../../src/models/elb/routing/anomaly-detection.ts';
import { AnomalyMitigation, DEFAULT_ANOMALY_MITIGATION } from '../../../src/models/elb/routing/anomaly-mitigation.ts';
import { WeightedRandom } from '../../../src/models/elb/routing/weighted-random.ts';
import { fakeTargets, ManualClock, uniformFor, type FakeTarget } from './fake-target.ts';

const WINDOW = 10;

/** weighted_random with anomaly mitigation over `n` targets, fed requests that fail as `errorRate` says. */
function fleet(n: number, seed: number, mode: RoutingMode = 'healthy') {
  const clock = new ManualClock();
  const targets = fakeTargets(n);
  const detection = new AnomalyDetection(clock, { windowSeconds: WINDOW });
  const mitigation = new AnomalyMitigation(detection);
  const wr = new WeightedRandom(uniformFor(seed, 'routing'), clock, [mitigation]);
  wr.routableSetChanged(targets, mode);
  detection.routableSetChanged(targets, mode);
  const outcome = uniformFor(seed, 'outcome');
  const received = new Array<number>(n).fill(0);
  /** Routes `rate` requests per second from now to `until`; each ends at once, failing with errorRate(target). */
  function drive(until: number, rate: number, errorRate: (t: FakeTarget) => number, each?: () => void): void {
    while (clock.now < until) {
      clock.now += 1 / rate;
      const t = targets[wr.pick(targets)];
      received[t.index]++;
      detection.requestEnded(t, outcome() < errorRate(t));
      each?.();
    }
  }
  return { clock, targets, detection, mitigation, drive, received };
}

describe('anomaly detection and mitigation (aws-semantics.md 7.4, parameters [UNCONFIRMED])', () => {
  it('cuts an anomalous target step by step to the floor, then ramps it back slowly after it recovers', () => {
    const f = fleet(10, 1);
    const bad = f.targets[0];
    const weights: number[] = [];
    let nextSample = WINDOW;
    const sample = () => {
      if (f.clock.now >= nextSample) {
        weights.push(f.mitigation.weight(bad));
        nextSample = (Math.floor(f.clock.now / WINDOW) + 1) * WINDOW;
      }
    };
    // 400 req/s over 10 targets; the bad one fails half its requests for 200 s, the others 1 %.
    f.drive(200, 400, (t) => (t === bad ? 0.5 : 0.01), sample);
    const cut = weights.slice();
    expect(f.detection.isAnomalous(bad)).toBe(true);
    const before = f.received[0];
    f.drive(400, 400, (t) => (t === bad ? 0.5 : 0.01));
    // At the floor (0.01 against nine targets at 1) it gets 0.11 % of the traffic: about 90 of 80,000.
    expect(f.received[0] - before).toBeLessThan(250);
    f.drive(1000, 400, () => 0.01, sample);
    const recovery = weights.slice(cut.length);

    // The cut: halving per verdict, never up, at the floor well before 200 s.
    expect(cut[0]).toBe(DEFAULT_ANOMALY_MITIGATION.decreaseFactor);
    for (let i = 1; i < cut.length; i++) expect(cut[i]).toBeLessThanOrEqual(cut[i - 1]);
    expect(cut[cut.length - 1]).toBe(DEFAULT_ANOMALY_MITIGATION.floorWeight);
    // The recovery: never down, in steps of recoveryStep, back to 1; slower than the cut.
    for (let i = 1; i < recovery.length; i++) {
      const step = recovery[i] - recovery[i - 1];
      expect(step === 0 || Math.abs(step - DEFAULT_ANOMALY_MITIGATION.recoveryStep) < 1e-9 || recovery[i] === 1).toBe(true);
    }
    expect(recovery[recovery.length - 1]).toBe(1);
    const windowsToFloor = cut.indexOf(DEFAULT_ANOMALY_MITIGATION.floorWeight) + 1;
    const windowsToFull = recovery.indexOf(1) + 1;
    // 0.01 to 1 in steps of 0.05 is 20 verdicts; the cut took 10 windows (halvings, then waits
    // for 20 requests at a low weight).
    expect(windowsToFull).toBeGreaterThan(windowsToFloor);
    expect(f.detection.isAnomalous(bad)).toBe(false);
    // The healthy targets were never touched.
    for (const t of f.targets.slice(1)) expect(f.mitigation.weight(t)).toBe(1);
  });

  it("keeps judging every zone's targets when a zone's node (cross-zone off) tells its weights only its own set", () => {
    const f = fleet(10, 4);
    const bad = f.targets[0];
    const secondZone = f.targets.slice(5);
    let requests = 0;
    // Every 5 s a set change, as a health flap gives: the second zone's node tells its weights its
    // set, then the load balancer tells detection the whole one (load-balancer.ts).
    f.drive(200, 400, (t) => (t === bad ? 0.5 : 0.01), () => {
      if (++requests % 2000 === 0) {
        f.mitigation.routableSetChanged(secondZone);
        f.detection.routableSetChanged(f.targets, 'healthy');
      }
    });
    expect(f.detection.isAnomalous(bad)).toBe(true);
    expect(f.mitigation.weight(bad)).toBe(DEFAULT_ANOMALY_MITIGATION.floorWeight);
  });

  it('flags nobody when every target fails alike (errors compared with peers), or on noise', () => {
    for (const errorRate of [0.5, 0.01]) {
      const f = fleet(10, 2);
      let flagged = 0;
      f.drive(600, 400, () => errorRate, () => {
        if (f.mitigation.weight(f.targets[3]) < 1) flagged++;
      });
      expect(flagged).toBe(0);
      for (const t of f.targets) expect(f.mitigation.weight(t)).toBe(1);
    }
  });

  it('runs only with at least 3 healthy targets: not with 2, not failing open', () => {
    for (const [n, mode] of [
      [2, 'healthy'],
      [5, 'fail_open'],
    ] as const) {
      const f = fleet(n, 3, mode);
      f.drive(100, 200, (t) => (t.index === 0 ? 1 : 0));
      expect(f.detection.isAnomalous(f.targets[0])).toBe(false);
      expect(f.mitigation.weight(f.targets[0])).toBe(1);
    }
    const three = fleet(3, 3);
    three.drive(100, 200, (t) => (t.index === 0 ? 1 : 0));
    expect(three.detection.isAnomalous(three.targets[0])).toBe(true);
  });

  it('detection alone (anomaly_mitigation off) flags without changing anything', () => {
    const clock = new ManualClock();
    const targets = fakeTargets(4);
    const detection = new AnomalyDetection(clock);
    detection.routableSetChanged(targets, 'healthy');
    for (let i = 0; i < 4000; i++) {
      clock.now += 0.01;
      const t = targets[i % 4];
      detection.requestEnded(t, t.index === 2);
    }
    expect(targets.map((t) => detection.isAnomalous(t))).toEqual([false, false, true, false]);
  });
});
