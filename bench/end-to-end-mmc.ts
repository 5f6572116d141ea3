/**
 * End-to-end M/M/c: c = 10 worker slots at utilisation 0.9, through fleetsim's whole path
 * (scenario validation, workload, load balancer, instance, statistics, time series, summary).
 * Each size runs in its own process so that peak RSS belongs to that size alone.
 *
 * The ratio to a bare hand-written M/M/c loop (bench/bare-mmc-loop.ts) is what holds on a noisy
 * machine: on a shared VM the speed of both shifts together by up to 1.5x between stretches of a
 * few seconds, so the best fleetsim run and the best bare run may come from different stretches.
 * Each fleetsim run is therefore bracketed by bare runs of the same number of requests, its ratio
 * taken to their mean, and the median of the rounds' ratios is reported.
 *
 *   npx tsx bench/end-to-end-mmc.ts            # 1 million and 10 million requests
 *   npx tsx bench/end-to-end-mmc.ts 2000000    # one size
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { toSummary } from '../src/report/summary.ts';
import { validateScenario } from '../src/scenario/load.ts';
import { simulate } from '../src/scenario/simulate.ts';
import { bareMmcLoop } from './bare-mmc-loop.ts';

const C = 10;
const MU = 10; // 100 ms mean service time
const RHO = 0.9;
const LAMBDA = RHO * C * MU;

interface Measurement {
  readonly requests: number;
  readonly events: number;
  /** The fastest of the rounds. */
  readonly wallSeconds: number;
  readonly eventsPerSecond: number;
  readonly requestsPerSecond: number;
  readonly peakRssMB: number;
  /** The bare loop's best events/s in this process. */
  readonly bareEventsPerSecond: number;
  /** Median over the rounds of fleetsim's events/s over the mean of the bare runs just before and after. */
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
}

/** Rounds per size: bare, fleetsim, bare, fleetsim, ..., bare. */
const ROUNDS = 3;

/** ROUNDS fleetsim runs, each between two bare-loop runs of as many requests, in this process. */
function measure(requests: number): Measurement {
  const bare = [bareMmcLoop(requests, C, LAMBDA, MU)];
  const runs: FleetsimRun[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    runs.push(runFleetsim(requests));
    bare.push(bareMmcLoop(requests, C, LAMBDA, MU));
  }
  const ratios = runs.map((r, i) => r.eventsPerSecond / ((bare[i] + bare[i + 1]) / 2)).sort((a, b) => a - b);
  const best = runs.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
  return {
    ...best,
    requestsPerSecond: best.requests / best.wallSeconds,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    bareEventsPerSecond: Math.max(...bare),
    ratio: ratios[ratios.length >> 1],
    ratioMin: ratios[0],
    ratioMax: ratios[ratios.length - 1],
  };
}

interface FleetsimRun {
  readonly requests: number;
  readonly events: number;
  readonly wallSeconds: number;
  readonly eventsPerSecond: number;
}

function runFleetsim(requests: number): FleetsimRun {
  const { scenario } = validateScenario(
    {
      name: 'bench-mmc',
      seed: 1,
      duration: requests / LAMBDA,
      workload: { arrivals: { type: 'poisson', rate: LAMBDA }, service_time: { dist: 'exponential', mean: 1 / MU } },
      fleet: { instance_type: 'm7g.large', instances: 1, workers: C },
    },
    { file: 'bench', baseDir: '.' },
  );
  const run = simulate(scenario);
  return {
    requests: toSummary(run).requests.arrived,
    events: run.engine.events,
    wallSeconds: run.engine.wallSeconds,
    eventsPerSecond: run.engine.eventsPerSecond,
  };
}

/** Runs each size in a child process and prints the table. */
export function runEndToEndMmcBench(sizes: readonly number[] = [1_000_000, 10_000_000]): Measurement[] {
  const self = fileURLToPath(import.meta.url);
  console.log(`\n## End-to-end M/M/${C} at rho = ${RHO} (whole fleetsim path, one process per size, ${ROUNDS} rounds)\n`);
  console.log('speeds: the best round; fleetsim / bare: the median round, each round against the bare runs just before and after it (range)\n');
  console.log('requests     events       wall s   M events/s   M requests/s   peak RSS MB   bare loop M events/s   fleetsim / bare');
  const results: Measurement[] = [];
  for (const n of sizes) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', self, String(n)], { encoding: 'utf8' });
    const m = JSON.parse(out.trim().split('\n').pop()!) as Measurement;
    results.push(m);
    console.log(
      `${String(m.requests).padEnd(12)} ${String(m.events).padEnd(12)} ${m.wallSeconds.toFixed(2).padStart(6)}   ${(m.eventsPerSecond / 1e6).toFixed(2).padStart(10)}   ${(m.requestsPerSecond / 1e6).toFixed(2).padStart(12)}   ${m.peakRssMB.toFixed(1).padStart(11)}   ${(m.bareEventsPerSecond / 1e6).toFixed(2).padStart(20)}   ${m.ratio.toFixed(2).padStart(15)} (${m.ratioMin.toFixed(2)} to ${m.ratioMax.toFixed(2)})`,
    );
  }
  if (results.length >= 2) {
    const growth = results[results.length - 1].peakRssMB - results[0].peakRssMB;
    console.log(`\npeak RSS grows by ${growth.toFixed(1)} MB from ${results[0].requests} to ${results[results.length - 1].requests} requests`);
  }
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (arg) console.log(JSON.stringify(measure(Number(arg))));
  else runEndToEndMmcBench();
}
