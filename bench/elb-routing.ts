/**
 * Requests routed per second by each ELB routing algorithm over 200 targets, under a steady
 * accept/complete pattern: 800 requests in flight (4 per target on average); each step routes one
 * request (pick, accept, tell the algorithm the new count) and completes one in-flight request
 * drawn uniformly (what exponential service times give: every request in flight is equally likely
 * to end next), telling the algorithm again. The clock advances 0.1 ms per request (10,000 req/s),
 * so time-driven weights (slow start, anomaly mitigation) refresh as often as they would in a run.
 *
 * "vs RR" is the extra time per request over round_robin (ALB's default, the cheapest pick): the
 * algorithm's own cost beyond a counter (its pick and, for LOR, its two count updates). The O(n) scan is the
 * rejected alternative for least_outstanding_requests, kept here to show what the bucketed
 * structure saves. Each case runs in its own compiled loop (distinct source), interleaved with the
 * others, best of the timed runs shown. Garbage collections during the timed runs are counted
 * (exactly with --expose-gc, which empties the young generation before each run): none in
 * millions of requests means the per-request path allocates nothing.
 *
 * Run: npx tsx bench/elb-routing.ts   (or node --expose-gc --import tsx bench/elb-routing.ts)
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as nextTick } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { RandomStreams, type Uniform } from '../src/engine/index.ts';
import { AnomalyDetection } from '../src/models/elb/routing/anomaly-detection.ts';
import { AnomalyMitigation } from '../src/models/elb/routing/anomaly-mitigation.ts';
import { FlowHash } from '../src/models/elb/routing/flow-hash.ts';
import { LeastOutstandingRequests } from '../src/models/elb/routing/least-outstanding-requests.ts';
import { RandomRouting } from '../src/models/elb/routing/random.ts';
import { RoundRobin } from '../src/models/elb/routing/round-robin.ts';
import type { RoutingAlgorithm } from '../src/models/elb/routing/routing-algorithm.ts';
import { tracksRoutableSet, type OutstandingListener, type RequestOutcomeListener } from '../src/models/elb/routing/routing-hooks.ts';
import { SlowStart } from '../src/models/elb/routing/slow-start.ts';
import { StickySessions } from '../src/models/elb/routing/sticky-sessions.ts';
import { WeightedRandom } from '../src/models/elb/routing/weighted-random.ts';
import { WeightedRoundRobin } from '../src/models/elb/routing/weighted-round-robin.ts';
import type { Target } from '../src/models/elb/target.ts';
import { collectGarbage, fmt, fmtSeconds, heading, now, printTable, since } from './lib/measure.ts';

const TARGETS = 200;
const IN_FLIGHT_PER_TARGET = 4;
const SECONDS_PER_REQUEST = 1e-4;
const RUN_NS = 100e6;
const ROUNDS = 5;

class BenchTarget implements Target {
  outstanding = 0;
  constructor(
    readonly index: number,
    readonly availabilityZone: string,
  ) {}
  accept(): void {
    this.outstanding++;
  }
  complete(): void {
    this.outstanding--;
  }
}

/** least_outstanding_requests by scanning every target from a random start: the O(n) alternative. */
class ScanLeastOutstanding implements RoutingAlgorithm {
  constructor(private readonly uniform: Uniform) {}
  pick(targets: readonly Target[]): number {
    const n = targets.length;
    let best = Math.floor(this.uniform() * n);
    let min = targets[best].outstanding;
    for (let k = 1; k < n; k++) {
      let p = best + k;
      if (p >= n) p -= n;
      if (targets[p].outstanding < min) {
        min = targets[p].outstanding;
        best = p;
      }
    }
    return best;
  }
}

interface Env {
  readonly algorithm: RoutingAlgorithm;
  readonly targets: readonly BenchTarget[];
  readonly outstandingListener: OutstandingListener | null;
  readonly outcomeListener: RequestOutcomeListener | null;
  readonly clock: { now: number };
  readonly inflight: Int32Array;
  inflightCount: number;
  readonly uniform: Uniform;
}

type Loop = (env: Env, n: number, dt: number) => number;

/**
 * The routing loop, compiled once per case from a source labelled with the case's name, so each
 * case's calls see one algorithm and can be inlined whatever ran before.
 */
function makeLoop(label: string): Loop {
  const body = `/* ${label.replace(/\*\//g, '')} */
const alg = env.algorithm, targets = env.targets, ol = env.outstandingListener, rl = env.outcomeListener;
const clock = env.clock, inflight = env.inflight, u = env.uniform;
let size = env.inflightCount, sum = 0;
for (let i = 0; i < n; i++) {
  clock.now += dt;
  const p = alg.pick(targets);
  const t = targets[p];
  t.accept(i);
  if (ol !== null) ol.outstandingChanged(t);
  inflight[size++] = p;
  const j = Math.floor(u() * size);
  const d = targets[inflight[j]];
  inflight[j] = inflight[--size];
  d.complete();
  if (ol !== null) ol.outstandingChanged(d);
  if (rl !== null) rl.requestEnded(d, i % 100 === 0);
  sum = (sum + p) | 0;
}
env.inflightCount = size;
return sum;`;
  return new Function('env', 'n', 'dt', body) as Loop;
}

interface Case {
  readonly name: string;
  /** What the case shows, for the table. */
  readonly note: string;
  readonly build: (streams: RandomStreams, targets: readonly BenchTarget[], clock: { now: number }) => Pick<Env, 'algorithm' | 'outstandingListener' | 'outcomeListener'>;
}

/** An algorithm with no per-request hooks, told the routable set (every target) if it tracks it. */
function plain(algorithm: RoutingAlgorithm, targets: readonly Target[]) {
  if (tracksRoutableSet(algorithm)) algorithm.routableSetChanged(targets, 'healthy');
  return { algorithm, outstandingListener: null, outcomeListener: null };
}

const CASES: readonly Case[] = [
  { name: 'round_robin', note: 'round-robin.ts', build: (_s, t) => plain(new RoundRobin(), t) },
  { name: 'random', note: 'random.ts', build: (s, t) => plain(new RandomRouting(s.stream('pick')), t) },
  {
    name: 'least_outstanding_requests',
    note: 'bucketed, exact, O(1)',
    build: (s, t) => {
      const lor = new LeastOutstandingRequests(s.stream('pick'));
      lor.routableSetChanged(t);
      return { algorithm: lor, outstandingListener: lor, outcomeListener: null };
    },
  },
  { name: 'LOR by O(n) scan', note: 'rejected alternative', build: (s, t) => plain(new ScanLeastOutstanding(s.stream('pick')), t) },
  { name: 'weighted_random', note: 'alias table, all weights 1', build: (s, t, clock) => plain(new WeightedRandom(s.stream('pick'), clock), t) },
  {
    name: 'weighted_random + slow start',
    note: '20 targets ramping, refresh 1/s',
    build: (s, t, clock) => {
      const slowStart = new SlowStart(clock, { durationSeconds: 900 });
      const wr = new WeightedRandom(s.stream('pick'), clock, [slowStart]);
      rampLastTwenty(wr, slowStart, t, clock);
      return { algorithm: wr, outstandingListener: null, outcomeListener: null };
    },
  },
  {
    name: 'weighted_random + anomaly_mitigation',
    note: 'detection fed every request',
    build: (s, t, clock) => {
      const detection = new AnomalyDetection(clock);
      const wr = new WeightedRandom(s.stream('pick'), clock, [new AnomalyMitigation(detection)]);
      wr.routableSetChanged(t, 'healthy');
      return { algorithm: wr, outstandingListener: null, outcomeListener: detection };
    },
  },
  {
    name: 'round_robin + slow start',
    note: 'stride scheduling, O(log n)',
    build: (_s, t, clock) => {
      const slowStart = new SlowStart(clock, { durationSeconds: 900 });
      const wrr = new WeightedRoundRobin(clock, [slowStart]);
      rampLastTwenty(wrr, slowStart, t, clock);
      return { algorithm: wrr, outstandingListener: null, outcomeListener: null };
    },
  },
  {
    name: 'NLB flow hash',
    note: '1,000 connections x 100 req',
    build: (s, t) => plain(new FlowHash(s.stream('pick'), { connections: 1000, requestsPerConnection: 100 }), t),
  },
  {
    name: 'lb_cookie stickiness',
    note: 'over round_robin, 10,000 clients',
    build: (s, t, clock) => plain(new StickySessions(new RoundRobin(), s.stream('pick'), clock, { clients: 10_000, requestsPerClient: 20 }), t),
  },
];

/** The first 180 targets are healthy at full share; the last 20 become healthy now and ramp. */
function rampLastTwenty(
  algorithm: WeightedRandom | WeightedRoundRobin,
  slowStart: SlowStart,
  targets: readonly BenchTarget[],
  clock: { now: number },
): void {
  const old = targets.slice(0, TARGETS - 20);
  for (const t of old) slowStart.targetRegistered(t);
  algorithm.routableSetChanged(old, 'healthy');
  for (const t of targets.slice(TARGETS - 20)) slowStart.targetRegistered(t);
  clock.now += 1;
  algorithm.routableSetChanged(targets, 'healthy');
}

function buildEnv(c: Case, seed: number): Env {
  const streams = new RandomStreams(seed);
  const targets = Array.from({ length: TARGETS }, (_, i) => new BenchTarget(i, `zone-${i % 3}`));
  const clock = { now: 0 };
  const parts = c.build(streams, targets, clock);
  return {
    ...parts,
    targets,
    clock,
    inflight: new Int32Array(TARGETS * IN_FLIGHT_PER_TARGET + 1),
    inflightCount: 0,
    uniform: streams.stream('completions'),
  };
}

export interface ElbRoutingResult {
  readonly name: string;
  readonly note: string;
  /** Best timed run, nanoseconds per routed request (the accept/complete pattern included). */
  readonly nsPerRequest: number;
  /** nsPerRequest minus round_robin's. */
  readonly overRoundRobinNs: number;
  readonly medianNsPerRequest: number;
  /** Garbage collections seen during the timed runs. */
  readonly gcs: number;
  readonly requestsTimed: number;
}

export async function runElbRoutingBench(): Promise<ElbRoutingResult[]> {
  heading('ELB routing: requests routed per second, 200 targets');
  console.log(
    `${TARGETS} targets in 3 zones, ${TARGETS * IN_FLIGHT_PER_TARGET} requests in flight; per request: pick + accept + complete one ` +
      `in-flight request (uniform), counts told to the algorithm. ${ROUNDS} interleaved runs of about ${fmt(RUN_NS / 1e6, 0)} ms per case, best shown.`,
  );
  console.log(`Node ${process.version}, ${process.arch}`);
  const benchStart = now();
  const loops = CASES.map((c) => makeLoop(c.name));
  const envs = CASES.map((c, i) => buildEnv(c, 1000 + i));
  // Fill the pipeline, then warm up and size each case's runs.
  const sizes = CASES.map((_, i) => {
    const env = envs[i];
    const fill = TARGETS * IN_FLIGHT_PER_TARGET;
    for (let k = 0; k < fill; k++) {
      const p = env.algorithm.pick(env.targets);
      env.targets[p].accept();
      env.outstandingListener?.outstandingChanged(env.targets[p]);
      env.inflight[env.inflightCount++] = p;
    }
    loops[i](env, 100_000, SECONDS_PER_REQUEST);
    const calibration = 500_000;
    const start = now();
    loops[i](env, calibration, SECONDS_PER_REQUEST);
    return Math.max(100_000, Math.round((RUN_NS * calibration) / since(start) / 100_000) * 100_000);
  });
  const observer = new PerformanceObserver(() => {});
  observer.observe({ entryTypes: ['gc'] });
  const times: number[][] = CASES.map(() => []);
  const gcs = CASES.map(() => 0);
  let exactGcs = true;
  let checksum = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < CASES.length; i++) {
      // With --expose-gc, an empty young generation before each run: a collection during the run
      // is then the run's own doing, not the harness's.
      exactGcs = collectGarbage() && exactGcs;
      await nextTick();
      observer.takeRecords();
      const start = now();
      checksum += loops[i](envs[i], sizes[i], SECONDS_PER_REQUEST);
      times[i].push(since(start) / sizes[i]);
      await nextTick();
      gcs[i] += observer.takeRecords().length;
    }
  }
  observer.disconnect();
  const roundRobin = Math.min(...times[CASES.findIndex((c) => c.name === 'round_robin')]);
  const results: ElbRoutingResult[] = CASES.map((c, i) => {
    const best = Math.min(...times[i]);
    const sorted = [...times[i]].sort((a, b) => a - b);
    return {
      name: c.name,
      note: c.note,
      nsPerRequest: best,
      overRoundRobinNs: best - roundRobin,
      medianNsPerRequest: sorted[sorted.length >> 1],
      gcs: gcs[i],
      requestsTimed: sizes[i] * ROUNDS,
    };
  });
  printTable(
    ['case', 'M req/s', 'ns/req', 'vs RR ns', 'spread', 'GCs', 'note'],
    results.map((r) => [
      r.name,
      fmt(1e3 / r.nsPerRequest, 2),
      fmt(r.nsPerRequest, 1),
      r.name === 'round_robin' ? '-' : `+${fmt(r.overRoundRobinNs, 1)}`,
      `+${fmt(((r.medianNsPerRequest - r.nsPerRequest) / r.nsPerRequest) * 100, 0)}%`,
      String(r.gcs),
      r.note,
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'left'],
  );

  heading('ELB routing: conclusion', 2);
  const of = (name: string) => results.find((r) => r.name === name)!;
  const lor = of('least_outstanding_requests');
  const scan = of('LOR by O(n) scan');
  const rr = of('round_robin');
  console.log(
    `At ${TARGETS} targets, exact least_outstanding_requests (bucketed) routes ${fmt(1e3 / lor.nsPerRequest, 2)} M req/s, ` +
      `${fmt(scan.nsPerRequest / lor.nsPerRequest, 1)}x the O(n) scan (${fmt(1e3 / scan.nsPerRequest, 2)} M req/s): ` +
      `${fmt(lor.overRoundRobinNs, 1)} ns per request over round_robin (pick + 2 count updates) against the scan's ${fmt(scan.overRoundRobinNs, 1)} ns.`,
  );
  const others = ['random', 'weighted_random'].map((n) => `${n} +${fmt(of(n).overRoundRobinNs, 1)} ns`).join(', ');
  console.log(`round_robin itself: ${fmt(rr.nsPerRequest, 1)} ns per request with the accept/complete pattern; ${others}.`);
  const slowest = results.filter((r) => r !== scan).reduce((a, b) => (b.nsPerRequest > a.nsPerRequest ? b : a));
  console.log(
    `Slowest of fleetsim's algorithms: ${slowest.name}, ${fmt(slowest.nsPerRequest, 1)} ns per request ` +
      `(${fmt(1e3 / slowest.nsPerRequest, 2)} M req/s), ${fmt(scan.nsPerRequest / slowest.nsPerRequest, 1)}x faster than the scan.`,
  );
  const allocating = results.filter((r) => r.gcs > 0);
  const caveat = exactGcs ? '' : ' (run with node --expose-gc for an exact count: without it, the harness\'s own garbage may be collected during any run)';
  console.log(
    allocating.length === 0
      ? `No garbage collection during ${fmt(results.reduce((a, r) => a + r.requestsTimed, 0) / 1e6, 0)} M timed requests: the per-request paths allocate nothing${caveat}.`
      : `Garbage collections during timed runs in: ${allocating.map((r) => `${r.name} (${r.gcs})`).join(', ')}${caveat}.`,
  );
  console.log(`(checksum ${checksum % 1000}; bench took ${fmtSeconds(since(benchStart))})`);
  return results;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runElbRoutingBench().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
