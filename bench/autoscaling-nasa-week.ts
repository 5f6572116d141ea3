/**
 * Auto Scaling speed: a week of the NASA Kennedy Space Center web server (10-16 July 1995, per
 * second) at 50 times its traffic (about 46 requests/s on average, 1,000 in the busiest second,
 * 28 million requests), through fleetsim's whole path (scenario validation, trace replay, load
 * balancer, instances, Auto Scaling group, group metrics each minute, a target-tracking policy,
 * statistics, time series), measured three ways in one child process so that ratios hold on a
 * noisy machine:
 *
 * 1. speed: events/s and requests/s of the autoscaled week, against the fixed-fleet M/M/c run of
 *    bench/end-to-end-mmc.ts (the same scenario, rebuilt here) measured in the same process;
 * 2. end to end, the same week and load once with the policy and once as a fixed fleet of the
 *    autoscaled run's mean size: the wall-time ratio (it includes the control plane, but also the
 *    different queueing of a fleet that does not follow the load: compare events per request);
 * 3. the control plane alone: a group with the same policy but no load for 60 simulated days
 *    (86,400 one-minute rows, within the 100,000 a run keeps), so that nearly all the work is
 *    what happens each minute (group metrics, alarms, the policy, the time-series row), against
 *    the same group without the policy. Its cost per simulated minute, against the per-request
 *    work of run 2 times the week's requests per minute, is the control plane's share of the work
 *    at that rate (target: below 10 %).
 *
 *   npx tsx bench/autoscaling-nasa-week.ts            # the table and the conclusions
 *   npx tsx bench/autoscaling-nasa-week.ts --child    # one measurement set as JSON (used by the above)
 */
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { simulate, validateScenario, type RunResult, type ScenarioInput } from '../src/index.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const NASA_WEEK = resolve(HERE, '../scenarios/traces/nasa_jul95_week_1s.csv');
const SCALE = 50;
/** Metric period of the group (aws-semantics.md section 2.1), for per-minute figures. */
const MINUTE = 60;
const IDLE_DAYS = 60;
const IDLE_REPEATS = 3;
/** The target: the control plane costs less than this share of the per-request work. */
const TARGET_SHARE = 0.1;

// bench/end-to-end-mmc.ts's scenario: M/M/10 at rho 0.9 (100 ms mean service, 90 requests/s).
const MMC_C = 10;
const MMC_MU = 10;
const MMC_LAMBDA = 0.9 * MMC_C * MMC_MU;
const MMC_REQUESTS = 2_000_000;

const INSTANCE_TYPE = 'c7g.large';
const SERVICE_TIME = { dist: 'lognormal', median: '40ms', p99: '400ms' } as const;
const TARGET_TRACKING = { name: 'cpu50', type: 'target_tracking', metric: 'ASGAverageCPUUtilization', target: 50 } as const;

interface RunFigures {
  readonly label: string;
  readonly requests: number;
  readonly failed: number;
  readonly events: number;
  readonly wallSeconds: number;
  readonly eventsPerSecond: number;
  readonly requestsPerSecond: number;
  readonly meanInstances: number;
  readonly simulatedMinutes: number;
  readonly scalingActivities: number;
}

interface Measurements {
  readonly mmc: RunFigures;
  readonly autoscaled: RunFigures;
  readonly fixed: RunFigures;
  /** Median over IDLE_REPEATS of each. */
  readonly idleWithPolicy: RunFigures;
  readonly idleWithoutPolicy: RunFigures;
  readonly idleInstances: number;
}

function run(label: string, input: ScenarioInput): RunFigures {
  const { scenario } = validateScenario(input, { file: 'bench', baseDir: HERE });
  const r: RunResult = simulate(scenario);
  const p = r.scaling.policyActivities;
  return {
    label,
    requests: r.requests.arrived,
    failed: r.requests.failed,
    events: r.engine.events,
    wallSeconds: r.engine.wallSeconds,
    eventsPerSecond: r.engine.eventsPerSecond,
    requestsPerSecond: r.requests.arrived / Math.max(r.engine.wallSeconds, 1e-9),
    meanInstances: r.capacity.meanInstances,
    simulatedMinutes: r.simulatedSeconds / MINUTE,
    scalingActivities: p.target_tracking + p.step + p.simple,
  };
}

function mmcScenario(): ScenarioInput {
  return {
    name: 'bench-mmc',
    seed: 1,
    duration: MMC_REQUESTS / MMC_LAMBDA,
    workload: { arrivals: { type: 'poisson', rate: MMC_LAMBDA }, service_time: { dist: 'exponential', mean: 1 / MMC_MU } },
    fleet: { instance_type: 'm7g.large', instances: 1, workers: MMC_C },
  };
}

function weekScenario(fleet: Omit<ScenarioInput['fleet'], 'instance_type'>): ScenarioInput {
  return {
    name: 'bench-nasa-week',
    seed: 1,
    warmup: '10m',
    workload: { arrivals: { type: 'trace', file: NASA_WEEK, scale: SCALE }, service_time: SERVICE_TIME },
    fleet: { instance_type: INSTANCE_TYPE, request_timeout: '30s', ...fleet },
  };
}

const AUTOSCALING = {
  min: 2,
  max: 40,
  desired: 2,
  default_instance_warmup: '120s',
  policies: [TARGET_TRACKING],
};

/** No load to speak of (a request every ~10 days): what is left is the work done each minute. */
function idleScenario(instances: number, withPolicy: boolean): ScenarioInput {
  return {
    name: 'bench-idle',
    seed: 1,
    duration: `${IDLE_DAYS}d`,
    workload: { arrivals: { type: 'poisson', rate: 1e-6 }, service_time: SERVICE_TIME },
    fleet: withPolicy
      ? { instance_type: INSTANCE_TYPE, autoscaling: { min: instances, max: instances, desired: instances, policies: [TARGET_TRACKING] } }
      : { instance_type: INSTANCE_TYPE, instances },
  };
}

function medianRun(runs: RunFigures[]): RunFigures {
  return [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor(runs.length / 2)];
}

/** Every measurement, in this process. */
function measure(): Measurements {
  // Unmeasured warm-up, so that the JIT has compiled the engine before the reference is timed.
  run('warm-up', { ...mmcScenario(), duration: MMC_REQUESTS / 10 / MMC_LAMBDA });
  const mmc = run(`M/M/${MMC_C} rho 0.9, fixed fleet`, mmcScenario());
  const autoscaled = run(`NASA week x${SCALE}, target tracking`, weekScenario({ autoscaling: AUTOSCALING }));
  const size = Math.max(1, Math.round(autoscaled.meanInstances));
  const fixed = run(`NASA week x${SCALE}, fixed ${size}`, weekScenario({ instances: size }));
  const withPolicy: RunFigures[] = [];
  const withoutPolicy: RunFigures[] = [];
  for (let k = 0; k < IDLE_REPEATS; k++) {
    withPolicy.push(run(`idle ${IDLE_DAYS} d, ${size} inst., policy`, idleScenario(size, true)));
    withoutPolicy.push(run(`idle ${IDLE_DAYS} d, ${size} inst., no policy`, idleScenario(size, false)));
  }
  return { mmc, autoscaled, fixed, idleWithPolicy: medianRun(withPolicy), idleWithoutPolicy: medianRun(withoutPolicy), idleInstances: size };
}

const us = (seconds: number) => seconds * 1e6;

function row(r: RunFigures): string {
  return [
    r.label.padEnd(36),
    String(r.requests).padStart(10),
    String(r.events).padStart(11),
    (r.events / Math.max(r.requests, 1)).toFixed(2).padStart(8),
    r.wallSeconds.toFixed(2).padStart(8),
    (r.eventsPerSecond / 1e6).toFixed(2).padStart(10),
    (r.requestsPerSecond / 1e6).toFixed(3).padStart(12),
    r.meanInstances.toFixed(2).padStart(9),
    String(r.scalingActivities).padStart(10),
    String(r.failed).padStart(8),
  ].join('  ');
}

/** Runs the measurements in a child process, prints the table and the conclusions. */
export function runAutoscalingBench(): Measurements {
  const self = fileURLToPath(import.meta.url);
  console.log(`\n## Auto Scaling: NASA week x${SCALE} with target tracking (whole fleetsim path, one process)\n`);
  const out = execFileSync(process.execPath, ['--import', 'tsx', self, '--child'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const m = JSON.parse(out.trim().split('\n').pop()!) as Measurements;
  console.log(
    ['run'.padEnd(36), 'requests'.padStart(10), 'events'.padStart(11), 'ev/req'.padStart(8), 'wall s'.padStart(8), 'M ev/s'.padStart(10), 'M req/s'.padStart(12), 'mean inst'.padStart(9), 'scalings'.padStart(10), 'failed'.padStart(8)].join('  '),
  );
  for (const r of [m.mmc, m.autoscaled, m.fixed, m.idleWithPolicy, m.idleWithoutPolicy]) console.log(row(r));

  const a = m.autoscaled;
  const f = m.fixed;
  const speedRatio = a.eventsPerSecond / m.mmc.eventsPerSecond;
  const requestRatio = a.requestsPerSecond / m.mmc.requestsPerSecond;
  const wallRatio = a.wallSeconds / f.wallSeconds;
  const perRequestRatio = a.wallSeconds / a.requests / (f.wallSeconds / f.requests);
  // The control plane per simulated minute: everything an idle minute costs with the policy (an
  // upper bound: it includes the time-series row and the engine's own per-event work), and the
  // policy's own share of it.
  const perMinute = m.idleWithPolicy.wallSeconds / m.idleWithPolicy.simulatedMinutes;
  const policyPerMinute = Math.max(0, m.idleWithPolicy.wallSeconds - m.idleWithoutPolicy.wallSeconds) / m.idleWithPolicy.simulatedMinutes;
  // Per-request work: the fixed-fleet week's wall time less its own per-minute work, per request.
  const fixedPerMinute = m.idleWithoutPolicy.wallSeconds / m.idleWithoutPolicy.simulatedMinutes;
  const perRequest = Math.max(0, f.wallSeconds - fixedPerMinute * f.simulatedMinutes) / f.requests;
  const requestsPerMinute = a.requests / a.simulatedMinutes;
  const share = perMinute / (perRequest * requestsPerMinute);
  const breakEven = perMinute / (perRequest * TARGET_SHARE) / MINUTE;

  console.log('');
  console.log(
    `speed: the autoscaled week runs at ${(a.eventsPerSecond / 1e6).toFixed(2)} M events/s and ${(a.requestsPerSecond / 1e6).toFixed(3)} M requests/s, ` +
      `${speedRatio.toFixed(2)}x and ${requestRatio.toFixed(2)}x the fixed-fleet M/M/${MMC_C} run of this process ` +
      `(${(m.mmc.eventsPerSecond / 1e6).toFixed(2)} M events/s, ${(m.mmc.requestsPerSecond / 1e6).toFixed(3)} M requests/s); ` +
      `it simulates ${(a.simulatedMinutes / MINUTE / 24).toFixed(1)} days in ${a.wallSeconds.toFixed(1)} s (${Math.round((a.simulatedMinutes * MINUTE) / a.wallSeconds)}x real time)`,
  );
  console.log(
    `end to end: with the policy the week takes ${wallRatio.toFixed(3)}x the wall time of a fixed fleet of ${m.idleInstances} ` +
      `(${perRequestRatio.toFixed(3)}x per request; ${(a.events / a.requests).toFixed(2)} against ${(f.events / f.requests).toFixed(2)} events per request, ` +
      `${f.failed} failed requests in the fixed fleet against ${a.failed}: the two fleets do not queue alike, so this ratio is not the control plane alone)`,
  );
  console.log(
    `control plane: ${us(perMinute).toFixed(1)} us per simulated minute with ${m.idleInstances} instances ` +
      `(the policy's alarms and decision ${us(policyPerMinute).toFixed(1)} us of it), against ${us(perRequest).toFixed(2)} us of work per request ` +
      `x ${requestsPerMinute.toFixed(0)} requests a minute (the week's mean rate) = ${us(perRequest * requestsPerMinute).toFixed(0)} us: ` +
      `${(share * 100).toFixed(2)} % of the per-request work`,
  );
  console.log(
    `target (control plane < ${TARGET_SHARE * 100} % of the per-request work at this rate): ${share < TARGET_SHARE ? 'met' : 'NOT met'}; ` +
      `it would reach ${TARGET_SHARE * 100} % only below ${breakEven.toFixed(2)} requests/s`,
  );
  return m;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--child') console.log(JSON.stringify(measure()));
  else runAutoscalingBench();
}
