import { describe, expect, it } from 'vitest';
import { RandomStreams, Simulator, type Uniform } from '../../../src/engine/index.ts';
import type { Server } from '../../../src/models/compute/server.ts';
import { ServerRegistry } from '../../../src/models/compute/server-registry.ts';
import { DEFAULT_UNHEALTHY_STATE_ROUTING } from '../../../src/models/elb/health/fail-open.ts';
import { ALB_DEFAULTS } from '../../../src/models/elb/health/health-check-config.ts';
import { Listener, type ListenerRule } from '../../../src/models/elb/listener.ts';
import { LoadBalancer } from '../../../src/models/elb/load-balancer.ts';
import { NodeDns } from '../../../src/models/elb/node-dns.ts';
import { RoundRobin } from '../../../src/models/elb/routing/round-robin.ts';
import { TargetGroup } from '../../../src/models/elb/target-group.ts';
import { Cause, Outcomes } from '../../../src/models/requests/outcomes.ts';
import { RequestTable } from '../../../src/models/requests/request-table.ts';
import { ActivityLog } from '../../../src/models/telemetry/activity-log.ts';
import { binomialTolerance } from './binomial.ts';

/** An engine, a registry of servers and target groups, with no load balancer yet. */
function world() {
  const sim = new Simulator();
  const requests = new RequestTable();
  const outcomes = new Outcomes(0);
  const pool = new ServerRegistry(sim, requests, outcomes, Infinity, Cause.timeout, 0.01);
  const activity = new ActivityLog();
  const targetGroup = (name: string, crossZone = true) =>
    new TargetGroup<Server>(
      sim,
      {
        name,
        healthCheck: ALB_DEFAULTS,
        unhealthyStateRouting: DEFAULT_UNHEALTHY_STATE_ROUTING,
        deregistrationDelay: 300,
        crossZone,
        newAlgorithm: () => new RoundRobin(),
        outcomeListeners: [],
        targetEvents: false,
      },
      activity,
      (t) => ({ seconds: t.down ? 0 : 0.002, passes: !t.down }),
    );
  let made = 0;
  const instance = (az = 'us-east-1a') => pool.create({ id: `i-${made++}`, instanceType: 'm7g.large', vcpus: 2, availabilityZone: az, workers: 1000, queueLimit: Infinity }, () => {});
  const loadBalancer = (listener: Listener<Server>, crossZone = true, dns?: NodeDns) =>
    new LoadBalancer(sim, { name: 'lb', crossZone, dns }, listener, requests, outcomes);
  /** Sends one request of class `cls` now; returns the instance index that took it, or -1 (503). */
  const send = (lb: LoadBalancer<Server>, cls = 0, service = 0.01): number => {
    const id = requests.alloc(sim.now, service);
    requests.requestClass[id] = cls;
    requests.server[id] = -1;
    outcomes.arrival(service);
    const failed = outcomes.failed;
    lb.route(id);
    return outcomes.failed > failed ? -1 : requests.server[id];
  };
  return { sim, requests, outcomes, pool, activity, targetGroup, instance, loadBalancer, send };
}

/** A stream that counts its draws. */
function counting(seed: number): { uniform: Uniform; draws: () => number } {
  const inner = new RandomStreams(seed).stream('elb.listener');
  let n = 0;
  return {
    uniform: () => {
      n++;
      return inner();
    },
    draws: () => n,
  };
}

describe('listener rules', () => {
  it('route each request class by the first rule whose path pattern matches, the default rule taking the rest', () => {
    const w = world();
    const [api, images, web] = [w.targetGroup('api'), w.targetGroup('images'), w.targetGroup('web')];
    const rules: ListenerRule<Server>[] = [
      { pathPatterns: ['/api/*'], forward: [{ targetGroup: api, weight: 1 }] },
      { pathPatterns: ['*.png', '*.jpg'], forward: [{ targetGroup: images, weight: 1 }] },
      { pathPatterns: null, forward: [{ targetGroup: web, weight: 1 }] },
    ];
    const listener = new Listener(rules, ['/api/orders', '/api/logo.png', '/static/logo.png', '/index.html', '/API/orders'], counting(1).uniform);
    const names = [0, 1, 2, 3, 4].map((c) => listener.targetGroups[listener.targetGroupOf(c)].name);
    expect(names).toEqual(['api', 'api', 'images', 'web', 'web']);
  });

  it('draw nothing from their stream when each rule has one target group of positive weight', () => {
    const w = world();
    const [blue, green] = [w.targetGroup('blue'), w.targetGroup('green')];
    const stream = counting(1);
    const listener = new Listener(
      [{ pathPatterns: null, forward: [{ targetGroup: blue, weight: 1 }, { targetGroup: green, weight: 0 }] }],
      ['/'],
      stream.uniform,
    );
    for (let k = 0; k < 1000; k++) expect(listener.targetGroupOf(0)).toBe(0);
    expect(stream.draws()).toBe(0);
  });

  it('split a 90/10 weighted forward as a binomial count, one draw per request', () => {
    const w = world();
    const [blue, green] = [w.targetGroup('blue'), w.targetGroup('green')];
    const stream = counting(7);
    const listener = new Listener(
      [{ pathPatterns: null, forward: [{ targetGroup: blue, weight: 90 }, { targetGroup: green, weight: 10 }] }],
      ['/'],
      stream.uniform,
    );
    const n = 20_000;
    let toBlue = 0;
    for (let k = 0; k < n; k++) if (listener.targetGroupOf(0) === 0) toBlue++;
    // Each request goes to blue with probability 0.9, independently: a binomial(n, 0.9) count, within
    // Z = 5 standard deviations sqrt(n p (1 - p)) = 5 x 42.4 of n p = 18,000.
    expect(Math.abs(toBlue - 0.9 * n)).toBeLessThanOrEqual(binomialTolerance(n, 0.9));
    expect(toBlue).toBeLessThan(n);
    expect(stream.draws()).toBe(n);
  });

  it('reject a listener without a single default rule last, and weights that are all 0', () => {
    const w = world();
    const tg = w.targetGroup('tg');
    expect(() => new Listener([{ pathPatterns: ['/a'], forward: [{ targetGroup: tg, weight: 1 }] }], ['/'], counting(1).uniform)).toThrow(/default rule/);
    expect(() => new Listener([{ pathPatterns: null, forward: [{ targetGroup: tg, weight: 0 }] }], ['/'], counting(1).uniform)).toThrow(/not all 0/);
  });
});

describe('a load balancer with two target groups', () => {
  it('ModifyRule at a time moves all new traffic from blue to green, and requests sent before it still complete', () => {
    const w = world();
    const [blue, green] = [w.targetGroup('blue'), w.targetGroup('green')];
    const listener = new Listener(
      [{ pathPatterns: null, forward: [{ targetGroup: blue, weight: 90 }, { targetGroup: green, weight: 10 }] }],
      ['/'],
      counting(3).uniform,
    );
    const lb = w.loadBalancer(listener);
    const blues = [w.instance(), w.instance()];
    const greens = [w.instance(), w.instance()];
    for (const i of blues) blue.register(i);
    for (const i of greens) green.register(i);
    const at = 100;
    const switchKind = w.sim.register(() => listener.modifyRule(0, [{ targetGroup: blue, weight: 0 }, { targetGroup: green, weight: 100 }]));
    w.sim.schedule(at, switchKind);
    const tookBefore = new Set<number>();
    const tookAfter = new Set<number>();
    const sendKind = w.sim.register(() => {
      const i = w.send(lb);
      (w.sim.now < at ? tookBefore : tookAfter).add(i);
      if (w.sim.now < 200) w.sim.schedule(w.sim.now + 0.1, sendKind);
    });
    w.sim.schedule(0.05, sendKind);
    w.sim.run(at);
    const blueBefore = blue.routedTotal;
    expect(blueBefore).toBeGreaterThan(0);
    expect(green.routedTotal).toBeGreaterThan(0);
    w.sim.run(300);
    expect(blue.routedTotal).toBe(blueBefore);
    expect([...tookAfter].sort()).toEqual(greens.map((i) => i.index));
    expect(tookBefore.has(blues[0].index)).toBe(true);
    expect(lb.routedTotal).toBe(blue.routedTotal + green.routedTotal);
    expect(w.outcomes.completed).toBe(w.outcomes.arrived);
  });

  it('each target group health checks and drains its own targets, and records them under its own name', () => {
    const w = world();
    const [blue, green] = [w.targetGroup('blue'), w.targetGroup('green')];
    const listener = new Listener(
      [{ pathPatterns: null, forward: [{ targetGroup: blue, weight: 1 }, { targetGroup: green, weight: 1 }] }],
      ['/'],
      counting(5).uniform,
    );
    const lb = w.loadBalancer(listener);
    const [b1, b2, g1, g2] = [w.instance(), w.instance(), w.instance(), w.instance()];
    blue.register(b1);
    blue.register(b2);
    green.register(g1);
    green.register(g2);
    const greenUnhealthy: number[] = [];
    green.addHealthListener((t, _from, to) => {
      if (to === 'unhealthy') greenUnhealthy.push(t.index);
    });
    w.sim.run(10);
    expect([blue.countHealth('healthy'), green.countHealth('healthy')]).toEqual([2, 2]);
    // A blue target crashes: blue alone finds it unhealthy; green's listener hears nothing.
    b1.crash('process');
    w.sim.run(200);
    expect(blue.healthOf(b1)).toBe('unhealthy');
    expect(blue.countHealth('healthy')).toBe(1);
    expect(green.countHealth('healthy')).toBe(2);
    expect(greenUnhealthy).toEqual([]);
    expect(green.healthOf(b1)).toBeUndefined();
    // A green target drains: green stops sending to it; blue's targets are untouched.
    green.deregister(g1);
    expect(green.healthOf(g1)).toBe('draining');
    expect(green.targetCount).toBe(1);
    const g1Before = g1.outstanding;
    const took = new Set<number>();
    for (let k = 0; k < 400; k++) took.add(w.send(lb));
    expect(took).toEqual(new Set([b2.index, g2.index]));
    expect(g1.outstanding).toBe(g1Before);
    green.forget(g1, 'drained');
    expect(green.healthOf(g1)).toBeUndefined();
    expect(blue.targetCount).toBe(2);
    const records = (source: string) => w.activity.records.filter((r) => r.source === source).map((r) => `${r.subject}:${r.to}`);
    expect(records('elb:blue')).toEqual([`${b1.id}:initial`, `${b2.id}:initial`, `${b1.id}:healthy`, `${b2.id}:healthy`, `${b1.id}:unhealthy`]);
    expect(records('elb:green')).toEqual([`${g1.id}:initial`, `${g2.id}:initial`, `${g1.id}:healthy`, `${g2.id}:healthy`, `${g1.id}:draining`, `${g1.id}:unused`]);
  });

  it('answers 503 for a target group with no target while the other keeps routing', () => {
    const w = world();
    const [api, web] = [w.targetGroup('api'), w.targetGroup('web')];
    const listener = new Listener(
      [
        { pathPatterns: ['/api/*'], forward: [{ targetGroup: api, weight: 1 }] },
        { pathPatterns: null, forward: [{ targetGroup: web, weight: 1 }] },
      ],
      ['/api/x', '/'],
      counting(1).uniform,
    );
    const lb = w.loadBalancer(listener);
    web.register(w.instance());
    expect(w.send(lb, 0)).toBe(-1);
    expect(w.send(lb, 1)).toBeGreaterThanOrEqual(0);
    expect(w.outcomes.failuresByName().http_503).toBe(1);
    expect([lb.routedTotal, api.routedTotal, web.routedTotal]).toEqual([1, 0, 1]);
  });

  it('with cross-zone off, each AZ node sends to the chosen target group’s targets in its AZ only', () => {
    const w = world();
    const [api, web] = [w.targetGroup('api', false), w.targetGroup('web', false)];
    const listener = new Listener(
      [
        { pathPatterns: ['/api/*'], forward: [{ targetGroup: api, weight: 1 }] },
        { pathPatterns: null, forward: [{ targetGroup: web, weight: 1 }] },
      ],
      ['/api/x', '/'],
      counting(1).uniform,
    );
    // A TTL of 0: each request resolves afresh, to one of the two nodes at random.
    const lb = w.loadBalancer(listener, false, new NodeDns(1000, 100, 0, new RandomStreams(4).stream('elb.dns')));
    const apiA = w.instance('us-east-1a');
    const apiB = w.instance('us-east-1b');
    const webB = w.instance('us-east-1b');
    api.register(apiA);
    api.register(apiB);
    web.register(webB);
    w.sim.run(1);
    const n = 4000;
    const tookApi = new Map<number, number>();
    let webServed = 0;
    let webRefused = 0;
    for (let k = 0; k < n; k++) {
      const i = w.send(lb, 0);
      tookApi.set(i, (tookApi.get(i) ?? 0) + 1);
      const j = w.send(lb, 1);
      if (j < 0) webRefused++;
      else {
        expect(j).toBe(webB.index);
        webServed++;
      }
    }
    // Both nodes stay in DNS (each AZ has a healthy api target). The 1a node has no web target: it
    // answers 503, for a binomial(n, 1/2) share of the web requests.
    expect(tookApi.has(-1)).toBe(false);
    expect(Math.abs(tookApi.get(apiA.index)! - n / 2)).toBeLessThanOrEqual(binomialTolerance(n, 1 / 2));
    expect(Math.abs(webRefused - n / 2)).toBeLessThanOrEqual(binomialTolerance(n, 1 / 2));
    expect(webServed + webRefused).toBe(n);
    const byNode = lb.requestsByNode()!;
    expect(byNode['us-east-1a'] + byNode['us-east-1b']).toBe(2 * n);
  });

  it('loses no request: each ends completed, failed with a cause, or in flight, exactly once', () => {
    const w = world();
    const [blue, green] = [w.targetGroup('blue'), w.targetGroup('green')];
    const listener = new Listener(
      [{ pathPatterns: null, forward: [{ targetGroup: blue, weight: 50 }, { targetGroup: green, weight: 50 }] }],
      ['/'],
      counting(9).uniform,
    );
    const lb = w.loadBalancer(listener);
    const [b1, g1, g2] = [w.instance(), w.instance(), w.instance()];
    blue.register(b1);
    green.register(g1);
    green.register(g2);
    const sendKind = w.sim.register(() => {
      w.send(lb, 0, 0.5);
      if (w.sim.now < 500) w.sim.schedule(w.sim.now + 0.05, sendKind);
    });
    w.sim.schedule(0, sendKind);
    // Blue's only target crashes (its requests fail with 502, then blue fails open to it); a green
    // target drains and leaves.
    w.sim.schedule(100, w.sim.register(() => b1.crash('process')));
    w.sim.schedule(200, w.sim.register(() => green.deregister(g1)));
    w.sim.schedule(260, w.sim.register(() => green.forget(g1, 'drained')));
    w.sim.run(500.01);
    const o = w.outcomes;
    expect(o.arrived).toBe(10_001);
    expect(o.failuresByName().http_502).toBeGreaterThan(0);
    expect(o.completed + o.failed + w.requests.countInFlight()).toBe(o.arrived);
    expect(lb.routedTotal).toBe(blue.routedTotal + green.routedTotal);
    expect(lb.routedTotal + o.failuresByName().http_503).toBe(o.arrived);
  });
});
