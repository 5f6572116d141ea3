import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Summary } from '../src/report/summary.ts';
import { expectEveryRequestAccounted } from './helpers/request-accounting.ts';
import { cli, tempDir } from './helpers/run-cli.ts';

/*
 * The whole command line, in-process, on generated scenario files and option lists. Whatever the
 * file and the options hold, a command ends with exit 0, 1 (only when a bound was asserted) or 2,
 * never 3 nor a thrown exception; a refusal is a `fleetsim:` message without a stack trace and
 * comes quickly; the output folder never keeps a temporary or a commit record; and a run that
 * succeeds accounts for every request.
 *
 * Seeded: a failure prints the seed, the path and the counterexample (the scenario text, the trace
 * files and the arguments). FLEETSIM_FUZZ_RUNS sets the number of cases (default below, about
 * half a minute on a 2-core machine); FLEETSIM_FUZZ_SEED another seed, for longer local runs:
 *   FLEETSIM_FUZZ_RUNS=2000 FLEETSIM_FUZZ_SEED=7 npx vitest run test/fuzz-cli.test.ts
 * A command runs in-process and synchronously, so a case that hangs stops the test without a
 * counterexample: FLEETSIM_FUZZ_LAST=/tmp/case.json writes each case there before it runs.
 */

const RUNS = Number(process.env.FLEETSIM_FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FLEETSIM_FUZZ_SEED ?? 20261204);
/** File each case is written to before it runs (FLEETSIM_FUZZ_LAST), to find a case that hangs. */
const LAST_CASE = process.env.FLEETSIM_FUZZ_LAST;
/**
 * Wall time one command may take. Ordinary cases run minutes of simulated time at tens of
 * requests per second (tens of milliseconds); a hostile value must be refused, not simulated.
 */
const CASE_BUDGET_MS = 5_000;

// ---- numbers and durations: ordinary in a clean case, sometimes at the edges in a hostile one ----

const extremeNumbers: unknown[] = [0, -1, -0.5, 1e-9, 5e-324, -5e-324, 1e308, 1.7976931348623157e308, -1e308, 1e15, 2 ** 53, 1e6, 1.000001e6, 1e-6, 9.99e-7];
const oddValues: unknown[] = ['NaN', 'Infinity', '-Infinity', '.nan', '.inf', '1e400', '', 'abc', '5 m', '1x', '0x10', null, true, [], {}];
const oddDurations: unknown[] = ['0s', '100y', '101y', '1e9s', '-5m', '1.5m', '1d', '3650d'];

/**
 * The parts of a scenario, following src/scenario/schema.ts and policy-schema.ts. A clean case
 * (`hostile` false) draws ordinary values and valid choices, so that most of its runs go through;
 * a hostile one mixes in, for about one value in eight, an extreme number, an odd string or an
 * invalid choice, so that its document is usually refused, at one place or several.
 */
function scenarioParts(hostile: boolean) {
  /** One of `good`, or in a hostile case sometimes one of `bad`. */
  const pick = <T>(good: readonly T[], bad: readonly T[] = []): fc.Arbitrary<T> =>
    hostile && bad.length > 0 ? fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 6 }, { arbitrary: fc.constantFrom(...bad), weight: 1 }) : fc.constantFrom(...good);
  const num = (...ordinary: unknown[]) => pick(ordinary, [...extremeNumbers, ...oddValues]);
  const rate = num(0.5, 1, 2, 5, 10, 20, 40);
  const count = num(1, 2, 3);
  const fraction = num(0, 0.1, 0.5, 1);
  const dur = pick<unknown>([1, 5, 30, 60, 120, 300, '1m', '30s', '2m', '250ms'], [...extremeNumbers, ...oddValues, ...oddDurations]);
  const serviceDur = pick<unknown>([0.01, 0.02, 0.05, 0.1, '20ms', '50ms'], [...extremeNumbers, ...oddValues, ...oddDurations]);
  const bool = pick<unknown>([true, false], ['yes', 1, null]);
  /** Optional keys: each present about half the time. */
  const some = <T>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }, required: (keyof T)[] = []) => fc.record(fields, { requiredKeys: required });

  const distribution = fc.oneof(
    fc.record({ dist: fc.constant('constant'), value: serviceDur }),
    fc.record({ dist: fc.constant('exponential'), mean: serviceDur }),
    fc.tuple(serviceDur, serviceDur).map(([a, b]) => ({ dist: 'uniform', min: a, max: hostile ? b : a })),
    fc.record({ dist: fc.constant('normal'), mean: serviceDur, stddev: serviceDur }),
    fc.record({ dist: fc.constant('lognormal'), median: pick([0.02]), p99: pick([0.02, 0.2], [0.01, ...extremeNumbers]) }),
    fc.record({ dist: fc.constant('lognormal'), mu: num(-4, -3), sigma: num(0, 0.5, 1) }),
    fc.record({ dist: fc.constant('empirical'), values: fc.array(serviceDur, { minLength: hostile ? 0 : 1, maxLength: 4 }) }),
  );

  const traceArrivals = some(
    {
      type: fc.constant('trace'),
      file: pick(['rates.csv'], ['missing.csv', '', 'times.txt']),
      scale: num(0.5, 1, 2),
      speedup: num(1, 2, 10),
      loop: bool,
      exact: bool,
      offset: pick<unknown>([0], [30, '1m', ...extremeNumbers, ...oddValues, ...oddDurations]),
    },
    ['type', 'file'],
  );
  const requestArrivals = some(
    {
      type: fc.constant('requests'),
      file: pick(['times.txt'], ['rates.csv', 'missing.txt']),
      format: pick(['times'], ['clf', 'alb', 'csv']),
      speedup: num(1, 2, 10),
      offset: pick<unknown>([0, 1, '1s'], [...extremeNumbers, ...oddValues, ...oddDurations]),
      skip_bad_lines: bool,
      reorder_window: dur,
    },
    ['type', 'file'],
  );
  const singleArrivals = fc.oneof(
    fc.record({ type: fc.constant('poisson'), rate }),
    traceArrivals,
    requestArrivals,
    some({ type: fc.constant('diurnal'), mean: rate, amplitude: fraction, peak_hour: num(0, 14, 24), weekend_factor: fraction }, ['type', 'mean', 'amplitude']),
    some({ type: fc.constant('flash_crowd'), base: rate, peak: rate, at: dur, ramp: dur, plateau: dur, decay: dur }, ['type', 'base', 'peak', 'at']),
    fc.tuple(rate, dur, rate).map(([r0, at, r1]) => ({ type: 'step', steps: [{ at: 0, rate: r0 }, { at, rate: r1 }] })),
    fc.record({ type: fc.constant('mmpp'), states: fc.array(fc.record({ rate, mean_duration: dur }), { minLength: hostile ? 0 : 1, maxLength: 3 }) }),
  );
  const arrivals = fc.oneof(
    { arbitrary: singleArrivals, weight: 6 },
    { arbitrary: fc.record({ type: fc.constant('combined'), parts: fc.array(singleArrivals, { minLength: hostile ? 0 : 1, maxLength: 3 }) }), weight: 1 },
  );
  const workload = fc.oneof(
    { arbitrary: fc.record({ arrivals, service_time: distribution }), weight: 8 },
    // Each request's own service time needs an access log that records one: here none does.
    { arbitrary: !hostile ? fc.record({ arrivals, service_time: distribution }) : fc.record({ arrivals: requestArrivals, service_time: some({ dist: fc.constant('from_trace'), missing: distribution, scale: num(0.5, 1) }, ['dist']) }), weight: 1 },
  );

  const alarm = {
    metric: pick(['ASGAverageCPUUtilization', 'RequestCount', 'QueueDepth'], ['Bogus', 'GroupInServiceInstances']),
    threshold: num(10, 50, 90),
    comparison: pick(['>', '>=', '<', '<='], ['==']),
    evaluation_periods: pick<unknown>([1, 2, 3], [...extremeNumbers, ...oddValues]),
  };
  const adjustmentType = pick(['ChangeInCapacity', 'ExactCapacity', 'PercentChangeInCapacity'], ['Percent']);
  const policy = fc.oneof(
    some(
      {
        name: fc.constant('tt'),
        type: fc.constant('target_tracking'),
        metric: pick(['ASGAverageCPUUtilization', 'ALBRequestCountPerTarget', 'QueueDepth']),
        target: num(40, 50, 70),
        disable_scale_in: bool,
        alarm_high: fc.record({ evaluation_periods: pick<unknown>([3, 5], [0, 1e308, 'x']) }),
        alarm_low: fc.record({ threshold_ratio: num(0.5, 0.9) }),
      },
      ['name', 'type', 'metric', 'target'],
    ),
    fc.record({
      name: fc.constant('step'),
      type: fc.constant('step'),
      ...alarm,
      adjustment_type: adjustmentType,
      steps: pick<unknown>([[{ lower: 0, adjustment: 1 }], [{ lower: 0, upper: 10, adjustment: 1 }, { lower: 10, adjustment: 2 }]], [[], [{ upper: 0, adjustment: 1.5 }]]),
    }),
    some({ name: fc.constant('simple'), type: fc.constant('simple'), ...alarm, adjustment_type: adjustmentType, adjustment: num(-1, 1, 2), cooldown: dur }, ['name', 'type', 'metric', 'threshold', 'comparison', 'adjustment_type', 'adjustment']),
    fc.record({
      name: fc.constant('sched'),
      type: fc.constant('scheduled'),
      when: pick<Record<string, string>>([{ recurrence: '*/2 * * * *' }, { recurrence: '0 9 * * MON-FRI', time_zone: 'Europe/Paris' }, { start_time: '2026-03-08T00:01:00Z' }], [{ start_time: '2026-03-02T00:01:00Z' }, { recurrence: '* * * *' }, { recurrence: '61 * * * *' }, { start_time: '2026-03-01T00:00:00Z' }, { start_time: 'yesterday' }, { recurrence: '* * * * *', time_zone: 'Mars/Olympus' }, {}]),
      desired: count,
    }).map(({ when, ...p }) => ({ ...p, ...when })),
    some(
      {
        name: fc.constant('pred'),
        type: fc.constant('predictive'),
        metric: pick(['ASGCPUUtilization', 'ALBRequestCount']),
        target: num(50, 90),
        mode: pick(['ForecastOnly', 'ForecastAndScale']),
        scheduling_buffer_time: dur,
        max_capacity_breach_behavior: pick(['HonorMaxCapacity'], ['IncreaseMaxCapacity']),
      },
      ['name', 'type', 'metric', 'target'],
    ),
  );

  const lifecycleHook = some(
    {
      name: fc.constant('hook'),
      transition: pick(['launching', 'terminating'], ['booting']),
      duration: distribution,
      duration_leaving_warm_pool: distribution,
      heartbeat_timeout: num(30, 60, 7200),
      default_result: pick(['CONTINUE', 'ABANDON']),
      action_result: pick(['CONTINUE', 'ABANDON']),
      failure_probability: fraction,
    },
    ['name', 'transition'],
  );

  const autoscaling = fc.tuple(
    some(
      {
        launch_time: distribution,
        health_check: some({ type: pick(['EC2', 'ELB']), grace_period: dur, impaired_tolerance: dur }),
        default_instance_warmup: dur,
        default_cooldown: dur,
        metrics_period: pick<unknown>([10, 30, 60, '1m'], [15, 0, 1e308]),
        termination_policies: pick<unknown>([['Default'], ['OldestInstance', 'NewestInstance']], [['Nope'], []]),
        new_instances_protected_from_scale_in: bool,
        lifecycle_hooks: fc.array(lifecycleHook, { maxLength: 2 }),
        warm_pool: some({ min_size: count, max_group_prepared_capacity: count, pool_state: pick(['Stopped', 'Running', 'Hibernated']), reuse_on_scale_in: bool, warm_start_time: distribution, volume_gib: num(8, 100) }),
        // One policy of each type in a clean case: a group takes at most one predictive policy.
        policies: hostile ? fc.array(policy, { maxLength: 3 }) : fc.uniqueArray(policy, { maxLength: 3, selector: (p) => p.type }),
      },
    ),
    pick<unknown>([{ min: 1, max: 4 }, { min: 0, max: 2, desired: 1 }, { min: 2, max: 8, desired: 3 }], [{ min: 3, max: 2 }, { min: 1, max: 1e308 }, { min: -1, max: 2 }, { min: 1, max: 2, desired: 5 }, { max: 2 }]),
  ).map(([rest, sizes]) => ({ ...(sizes as object), ...rest }));

  const instanceType = pick(['c7g.large', 'm7g.xlarge', 't3.micro'], ['c7g.huge', '']);
  const fleet = fc.oneof(
    some(
      {
        instance_type: instanceType,
        instances: count,
        workers: count,
        queue_limit: pick<unknown>([0, 10, 'unbounded'], [-1, 1.5, 'none']),
        request_timeout: dur,
        availability_zones: pick<unknown>([['us-east-1a'], ['us-east-1a', 'us-east-1b']], [[], ['']]),
      },
      ['instance_type', 'instances'],
    ),
    some({ instance_type: instanceType, autoscaling, workers: count, request_timeout: dur }, ['instance_type', 'autoscaling']),
  );

  const loadBalancer = fc.tuple(
    pick<Record<string, unknown>>(
      [{}, { type: 'alb', algorithm: 'least_outstanding_requests' }, { type: 'alb', algorithm: 'weighted_random', anomaly_mitigation: true }, { type: 'alb', stickiness: { duration: '1h' }, slow_start: 30 }, { type: 'nlb' }, { type: 'nlb', algorithm: 'random', cross_zone: true }],
      [{ type: 'nlb', algorithm: 'round_robin' }, { type: 'alb', anomaly_mitigation: true }, { type: 'nlb', stickiness: {} }, { slow_start: 5 }, { type: 'elb' }],
    ),
    some({
      health_check: some({ interval: pick<unknown>([30], [10, ...extremeNumbers, ...oddValues]), timeout: pick<unknown>([5], [...extremeNumbers, ...oddValues]), healthy_threshold: pick<unknown>([2, 5], [...extremeNumbers, ...oddValues]), unhealthy_threshold: pick<unknown>([2], [...extremeNumbers, ...oddValues]) }),
      deregistration_delay: dur,
      idle_timeout: pick<unknown>([60, 350], [...extremeNumbers, ...oddValues]),
      connections: num(1, 100, 1000),
      requests_per_connection: num(1, 100),
      bytes_per_request: num(0, 10_000),
    }),
  ).map(([shape, rest]) => ({ ...shape, ...rest }));

  const fault = fc.oneof(
    fc.record({ type: fc.constant('instance_crash'), at: dur, count }),
    some({ type: fc.constant('slow_instance'), at: dur, count, factor: num(1, 2, 10), duration: dur }, ['type', 'at', 'factor']),
    some({ type: fc.constant('instance_hang'), at: dur, count, duration: dur }, ['type', 'at']),
    some({ type: fc.constant('az_outage'), at: dur, az: pick(['us-east-1a'], ['us-east-1z']), duration: dur }, ['type', 'at', 'az']),
  );

  return some(
    {
      name: pick(['fuzz', 'fuzz.case-1'], ['-bad', 'a/b', '']),
      start: pick(['2026-03-02T00:00:00Z', '2026-03-07T23:59:00Z'], ['Monday']),
      seed: pick<unknown>([1, 2, 3], [...extremeNumbers, ...oddValues]),
      duration: pick<unknown>([30, 60, 120, 300, '2m', '5m'], [...extremeNumbers, ...oddValues, ...oddDurations]),
      warmup: pick<unknown>([0, 10, '5s'], [...extremeNumbers, ...oddValues, ...oddDurations]),
      workload,
      fleet,
      load_balancer: loadBalancer,
      faults: fc.array(fault, { maxLength: 2 }),
      output: fc.record({ period: pick<unknown>([10, 60, '30s'], [...extremeNumbers, ...oddValues, ...oddDurations]) }),
      slo: some({ latency_p99: dur, error_rate: fraction }),
    },
    ['name', 'duration', 'workload', 'fleet'],
  );
}

/** A rate CSV's rows (rates.csv next to the scenario) and a time_s file's (times.txt). */
function traceFiles(hostile: boolean) {
  const value = (...ordinary: unknown[]) => (hostile ? fc.constantFrom(...ordinary, ...extremeNumbers, ...oddValues) : fc.constantFrom(...ordinary));
  return fc.record({
    rates: fc.array(fc.tuple(value(0, 1, 10, 60), value(0, 5, 30, 120)), { minLength: hostile ? 0 : 1, maxLength: 6 }).map((rows) => {
      // Increasing times in a clean file: a rate CSV's rows are its buckets in order.
      const body = hostile ? rows : rows.map(([, n], i) => [i * 10, n]);
      return ['time_s,requests', ...body.map(([t, n]) => `${String(t)},${String(n)}`)].join('\n') + '\n';
    }),
    times: fc.array(value(0, 0.5, 1, 2, 30, 90), { minLength: hostile ? 0 : 1, maxLength: 12 }).map((rows) => {
      const body = hostile ? rows : (rows as number[]).slice().sort((a, b) => a - b);
      return ['time_s', ...body.map(String)].join('\n') + '\n';
    }),
  });
}

/** A mistake in the document's keys: one renamed (a typo) or removed, somewhere in the tree. */
const keyMistake = fc.oneof(
  { arbitrary: fc.constant(null), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constantFrom('typo' as const, 'drop' as const), at: fc.nat() }), weight: 1 },
);

function withKeyMistake(doc: unknown, mistake: { kind: 'typo' | 'drop'; at: number } | null): unknown {
  if (mistake === null) return doc;
  const objects: Record<string, unknown>[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Object.keys(o).length > 0) objects.push(o);
      Object.values(o).forEach(walk);
    }
  };
  const copy = structuredClone(doc);
  walk(copy);
  const target = objects[mistake.at % objects.length];
  const keys = Object.keys(target);
  const key = keys[Math.floor(mistake.at / objects.length) % keys.length];
  const value = target[key];
  delete target[key];
  if (mistake.kind === 'typo') target[key.endsWith('s') ? key.slice(0, -1) : `${key}s`] = value;
  return copy;
}

// ---- command lines ----

/** Options of `run`, `compare`, `sweep` and `trace inspect`; odd ones only in a hostile case. */
function commandLine(hostile: boolean) {
  const pick = <T>(good: readonly T[], bad: readonly T[]): fc.Arbitrary<T> =>
    hostile ? fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 3 }, { arbitrary: fc.constantFrom(...bad), weight: 1 }) : fc.constantFrom(...good);
  const seed = pick(['1', '0', '42', '1e3', '9007199254740991'], ['9007199254740992', '-1', '1.5', '', 'abc', '1e400']);
  const duration = pick(['60', '2m', '30s', '90'], ['0', '-5', '1e308', '100y', '101y', 'NaN', '5e-324', '1ms', '', '1e400']);
  const set = pick(
    ['duration=90', 'seed=3', 'output.period=10', 'slo.error_rate=0.5', 'warmup=1'],
    ['duration=1e308', 'workload.arrivals.rate=1e308', 'workload.arrivals.rate=5e-324', 'workload.arrivals=poisson', 'output.period=1ms', 'nonexistent.key=1', 'fleet=3', 'fleet.autoscaling.max=1e9', 'faults[0].at=5', 'slo.error_rate=2', '=1', 'a..b=1', 'duration', 'fleet.instances=1e15'],
  );
  const path = pick(
    ['latency_ms.p99', 'latency_ms.p50', 'requests.failed', 'requests.arrived', 'requests.completed', 'cost_usd.total', 'requests.failed_by_cause.rejected', 'availability_zones["us-east-1a"].failed'],
    // A type the run may not have (it then names those it has) is refused after the run.
    ['cost_usd.by_instance_type["c7g.large"]', 'latency_ms.p98', 'latency_ms', 'requests.failed_by_cause.bogus', 'cost_usd.by_instance_type[c7g.large]'],
  );
  const bound = fc
    .tuple(path, pick(['', ' / requests.arrived', ' * 2 + 1'], [' / 0', ' - -1']), fc.constantFrom('<', '<=', '>', '>=', '==', '!='), pick(['0', '1', '500'], ['1e308', '-1', '5e-324', '1e400', 'NaN', '']))
    .map(([p, tail, op, n]) => `${p}${tail} ${op} ${n}`);
  const assert = hostile
    ? fc.oneof(
        { arbitrary: bound, weight: 6 },
        { arbitrary: fc.constantFrom('latency_ms.p99 <', '((((1 < 2', `${'('.repeat(40)}1${')'.repeat(40)} < 2`, '', '1 < 2', 'x'.repeat(1001), `${'-'.repeat(40)}1 < 0`), weight: 1 },
      )
    : bound;
  const run = fc
    .record(
      { seed, duration, set: fc.array(set, { maxLength: 2 }), assert: fc.array(assert, { maxLength: 2 }), json: fc.boolean(), quiet: fc.boolean() },
      { requiredKeys: ['set', 'assert', 'json', 'quiet'] },
    )
    .map((o) => ({
      command: 'run' as const,
      asserted: o.assert.length > 0,
      args: [
        ...(o.seed === undefined ? [] : ['--seed', o.seed]),
        ...(o.duration === undefined ? [] : ['--duration', o.duration]),
        ...o.set.flatMap((s) => ['--set', s]),
        ...o.assert.flatMap((a) => ['--assert', a]),
        ...(o.json ? ['--json'] : []),
        ...(o.quiet ? ['--quiet'] : []),
      ],
    }));
  const experiment = fc
    .record({
      command: fc.constantFrom('compare' as const, 'sweep' as const),
      seeds: fc.constantFrom('1', '2'),
      duration: fc.constantFrom('60', '2m'),
      grid: pick(['duration=30,60', 'warmup=0,5'], ['fleet.instances=1,1e9', 'nonexistent=1,2', 'duration=']),
      variant: pick(['short: duration=30', 'seeded: seed=9'], ['odd: nonexistent=1', ': duration=30', 'x: duration=1e308']),
    })
    .map((o) => ({
      command: o.command,
      asserted: false,
      args: ['--seeds', o.seeds, '--duration', o.duration, '--workers', '1', '--quiet', ...(o.command === 'sweep' ? ['--grid', o.grid] : ['--variant', o.variant])],
    }));
  const inspect = fc
    .record({ file: fc.constantFrom('rates.csv', 'times.txt'), json: fc.boolean() })
    .map((o) => ({ command: 'inspect' as const, asserted: false, file: o.file, args: o.json ? ['--json'] : [] }));
  return fc.oneof({ arbitrary: run, weight: 14 }, { arbitrary: experiment, weight: 1 }, { arbitrary: inspect, weight: 2 });
}

/** A case: hostile half the time; only a hostile one has a key mistyped or missing. */
const fuzzCase = fc.boolean().chain((hostile) =>
  fc.record({
    hostile: fc.constant(hostile),
    scenario: fc.tuple(scenarioParts(hostile), hostile ? keyMistake : fc.constant(null), fc.constantFrom('yaml', 'json')).map(([doc, mistake, form]) => {
      const d = withKeyMistake(doc, mistake);
      return form === 'json' ? JSON.stringify(d) : stringify(d);
    }),
    files: traceFiles(hostile),
    command: commandLine(hostile),
  }),
);

// ---- the checks ----

const root = tempDir('fleetsim-fuzz-cli-');
afterAll(() => rmSync(root, { recursive: true, force: true }));
let caseNumber = 0;

/** Files an interrupted or failed commit would leave: temporaries and commit records. */
function leftovers(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return names.filter((n) => /\.tmp$/.test(n) || /(^|\/)\.fleetsim-[^/]*\.commit$/.test(n));
}

describe('the command line on generated scenario files and options', () => {
  it(`ends with exit 0, 1 or 2 within ${CASE_BUDGET_MS} ms, leaves no temporary, and accounts for every request (${RUNS} cases, seed ${SEED})`, async () => {
    const exits: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        const dir = join(root, `case-${caseNumber++}`);
        mkdirSync(dir);
        try {
          const file = join(dir, 'scenario.yaml');
          writeFileSync(file, c.scenario);
          writeFileSync(join(dir, 'rates.csv'), c.files.rates);
          writeFileSync(join(dir, 'times.txt'), c.files.times);
          const out = join(dir, 'out');
          const cmd = c.command;
          const args =
            cmd.command === 'inspect'
              ? ['trace', 'inspect', join(dir, cmd.file), ...cmd.args]
              : [cmd.command, file, '--out', out, ...cmd.args];

          // A command runs in this thread: one that never returns is found by the case written last.
          if (LAST_CASE !== undefined) writeFileSync(LAST_CASE, JSON.stringify({ args, ...c }, null, 1));
          const started = performance.now();
          const r = await cli(args);
          const elapsed = performance.now() - started;
          exits[`${cmd.command} ${r.code}`] = (exits[`${cmd.command} ${r.code}`] ?? 0) + 1;

          const allowed = cmd.asserted ? [0, 1, 2] : [0, 2];
          expect(allowed, `exit ${r.code}; stderr:\n${r.stderr}`).toContain(r.code);
          expect(r.stderr, 'no stack trace').not.toMatch(/^\s+at /m);
          if (r.code === 2) expect(r.stderr).toMatch(/^(fleetsim: |error: )/m);
          expect(elapsed, `took ${Math.round(elapsed)} ms`).toBeLessThan(CASE_BUDGET_MS);
          expect(leftovers(out)).toEqual([]);
          expect(leftovers(dir)).toEqual([]);
          if (cmd.command === 'run' && r.code !== 2) {
            const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
            expectEveryRequestAccounted(summary);
            if (cmd.args.includes('--json')) expect(JSON.parse(r.stdout)).toEqual(summary);
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Some cases must get through to a run, or the harness only exercises the validation.
    expect(exits['run 0'] ?? 0, JSON.stringify(exits)).toBeGreaterThan(RUNS / 20);
    console.log(`fuzz-cli: ${RUNS} cases, seed ${SEED}, exits ${JSON.stringify(exits)}`);
  });
});
