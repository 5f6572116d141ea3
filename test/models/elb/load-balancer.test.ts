import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/index.ts';
import { InstancePool } from '../../../src/models/compute/instance-pool.ts';
import { DEFAULT_UNHEALTHY_STATE_ROUTING } from '../../../src/models/elb/health/fail-open.ts';
import { ALB_DEFAULTS } from '../../../src/models/elb/health/health-check-config.ts';
import { LoadBalancer } from '../../../src/models/elb/load-balancer.ts';
import type { Instance } from '../../../src/models/compute/instance.ts';
import { RoundRobin } from '../../../src/models/elb/routing/round-robin.ts';
import { Cause, Outcomes } from '../../../src/models/requests/outcomes.ts';
import { RequestTable } from '../../../src/models/requests/request-table.ts';
import { ActivityLog } from '../../../src/models/telemetry/activity-log.ts';
import { groupHarness } from '../autoscaling/group-harness.ts';

/** Sends a 10 ms request every `every` seconds from `from` to `to`. */
function steadyLoad(h: ReturnType<typeof groupHarness>, from: number, to: number, every = 1) {
  const kind = h.sim.register(() => {
    h.send(0.01);
    if (h.sim.now + every <= to) h.sim.schedule(h.sim.now + every, kind);
  });
  h.sim.schedule(from, kind);
}

const healthChanges = (h: ReturnType<typeof groupHarness>, subject: string) =>
  h.activity.records.filter((r) => r.source === 'elb:test-lb' && r.subject === subject);

describe('ALB health checks through the load balancer (aws-semantics.md section 7.1)', () => {
  const I = ALB_DEFAULTS.intervalSeconds;
  const T = ALB_DEFAULTS.unhealthyThresholdCount;
  const H = ALB_DEFAULTS.healthyThresholdCount;

  it('a new target needs one passing check to become healthy', () => {
    const h = groupHarness({ minSize: 1, maxSize: 1, desiredCapacity: 1 });
    h.group.start();
    h.sim.run(1);
    expect(healthChanges(h, h.group.members[0].id).map((r) => r.to)).toEqual(['initial', 'healthy']);
  });

  it('a target that crashes at t is unhealthy after exactly the unhealthy threshold of failed checks, and gets no request after that', () => {
    const h = groupHarness({ minSize: 2, maxSize: 2, desiredCapacity: 2, impairedTolerance: 3600 });
    h.group.start();
    steadyLoad(h, 0, 600);
    const t = 100;
    const victim = h.group.members[0];
    h.sim.run(t);
    h.group.crash(victim, 'test');
    h.sim.run(400);
    const unhealthy = healthChanges(h, victim.id).find((r) => r.to === 'unhealthy')!;
    // Checks start every I s; the first after t starts within [t, t + I) and fails at once (connection
    // refused): the T-th failure comes (T - 1) I to T I after t.
    expect(unhealthy.time - t).toBeGreaterThanOrEqual((T - 1) * I);
    expect(unhealthy.time - t).toBeLessThan(T * I);
    const refusedByThen = h.outcomes.failuresByName().http_502;
    h.sim.run(600);
    expect(h.outcomes.failuresByName().http_502).toBe(refusedByThen);
    expect(refusedByThen).toBeGreaterThan(0);
  });

  it('a recovered target needs the healthy threshold of passing checks to take traffic again', () => {
    const h = groupHarness({ minSize: 2, maxSize: 2, desiredCapacity: 2, impairedTolerance: 3600 });
    h.group.start();
    const victim = h.group.members[0];
    h.sim.run(100);
    h.group.crash(victim, 'test');
    h.sim.run(300);
    const back = 300;
    h.group.recover(victim, 'test');
    h.sim.run(1000);
    const healthy = healthChanges(h, victim.id).filter((r) => r.to === 'healthy').at(-1)!;
    // As above, with each passing answer taking the harness's 2 ms; a check that starts at the very
    // instant of recovery may still see the target down.
    expect(healthy.time - back).toBeGreaterThanOrEqual((H - 1) * I);
    expect(healthy.time - back).toBeLessThanOrEqual(H * I + 0.002);
  });

  it('with every target unhealthy the load balancer fails open and keeps routing (section 7.7)', () => {
    const h = groupHarness({ minSize: 2, maxSize: 2, desiredCapacity: 2 });
    h.group.start();
    // Checks answered too late (5 s timeout) while requests are still served: every target goes unhealthy.
    for (const m of h.group.members) m.instance.slowdown = 10_000;
    h.sim.run(200);
    expect(h.group.members.map((m) => h.lb.healthOf(m.instance))).toEqual(['unhealthy', 'unhealthy']);
    h.send(0.00001);
    h.send(0.00001);
    h.sim.run(201);
    expect(h.outcomes.failuresByName().http_503).toBe(0);
    expect(h.outcomes.completed).toBe(2);
  });
});

describe('cross-zone load balancing (section 7.5)', () => {
  function zoneSplit(crossZone: boolean): number[] {
    const sim = new Simulator();
    const requests = new RequestTable();
    const outcomes = new Outcomes(0);
    const pool = new InstancePool(sim, requests, outcomes, Infinity, Cause.timeout);
    const lb = new LoadBalancer<Instance>(
      sim,
      {
        name: 'lb',
        healthCheck: ALB_DEFAULTS,
        unhealthyStateRouting: DEFAULT_UNHEALTHY_STATE_ROUTING,
        crossZone,
        newAlgorithm: () => new RoundRobin(),
        outcomeListeners: [],
      targetEvents: false,
      },
      requests,
      outcomes,
      new ActivityLog(),
      () => ({ seconds: 0.001, passes: true }),
    );
    const zones = ['us-east-1a', 'us-east-1b', 'us-east-1b', 'us-east-1b'];
    const instances = zones.map((az) => pool.create({ instanceType: 'm7g.large', vcpus: 2, availabilityZone: az, workers: 1000, queueLimit: Infinity }));
    for (const i of instances) lb.register(i);
    sim.run(1);
    const counts = [0, 0, 0, 0];
    for (let k = 0; k < 4000; k++) {
      const id = requests.alloc(sim.now, 1000);
      outcomes.arrival(1000);
      lb.route(id);
      counts[requests.instance[id]]++;
    }
    return counts;
  }

  it('with cross-zone off, the lone instance of one AZ gets half of the traffic', () => {
    const [lone, ...others] = zoneSplit(false);
    // Requests alternate between the two AZ nodes; each node round-robins over its own AZ.
    expect(lone).toBe(2000);
    for (const n of others) expect(Math.abs(n - 2000 / 3)).toBeLessThan(1);
  });

  it('with cross-zone on, every instance gets a quarter', () => {
    expect(zoneSplit(true)).toEqual([1000, 1000, 1000, 1000]);
  });
});
