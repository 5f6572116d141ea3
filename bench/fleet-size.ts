/**
 * Fleet size: does a bigger fleet slow fleetsim down? A fixed fleet of 10 to 100,000 m7g.large
 * instances (2 workers each), each at the same load (M/M/2 per instance, utilisation 0.7,
 * 100 ms mean service time), the simulated duration chosen so that every size serves the same
 * number of requests. An arrival and a completion count as one event each, as in
 * end-to-end-mmc.ts; the run's wall time includes building the fleet.
 *
 * Each size runs in its own child process with a time limit, so that a size that takes too long
 * prints "did not finish within N s" instead of holding up the benchmark. In that process each
 * fleetsim run is bracketed by two runs of the bare M/M/c loop (bench/bare-mmc-loop.ts) of as
 * many requests, as end-to-end-mmc.ts does on this noisy machine; the ratio to the 10-instance
 * run is the ratio of the two sizes' ratios to their bare loops. The bracketing loop is the same
 * for every size, the 10-instance system (c = 20), so that it measures the machine's speed of the
 * moment and nothing else: a bare loop with c = 2 x instances slows down itself as its heap of
 * completions grows (printed beside, measured once).
 *
 *   npx tsx bench/fleet-size.ts                   # every size
 *   npx tsx bench/fleet-size.ts 10000             # one size
 *   FLEET_SIZE_LIMIT_S=600 npx tsx bench/fleet-size.ts 100000
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeRunOutputs } from '../src/report/write-run.ts';
import { validateScenario } from '../src/scenario/load.ts';
import { simulate } from '../src/scenario/simulate.ts';
import { bareMmcLoop } from './bare-mmc-loop.ts';
import { printTable } from './lib/measure.ts';

const WORKERS = 2; // m7g.large's vCPUs
const MU = 10; // 100 ms mean service time
const RHO = 0.7;
const LAMBDA_PER_INSTANCE = RHO * WORKERS * MU;
/** Requests of every run, whatever the fleet size. */
const REQUESTS = 3_000_000;
/** Rounds per size: bare, fleetsim, bare, fleetsim, bare. */
const ROUNDS = 2;
const SIZES = (process.env.FLEET_SIZES ?? '10,100,1000,10000,100000').split(',').map(Number);
/** Wall seconds a size may take (all its rounds) before its process is stopped. */
const LIMIT_SECONDS = Number(process.env.FLEET_SIZE_LIMIT_S ?? 180);

interface Measurement {
  readonly instances: number;
  readonly requests: number;
  readonly events: number;
  /** The fastest round's. */
  readonly wallSeconds: number;
  readonly eventsPerSecond: number;
  readonly bareEventsPerSecond: number;
  /** The bare loop with as many workers as the fleet, once. */
  readonly bareSameSizeEventsPerSecond: number;
  /** Median over the rounds of events/s over the mean of the bare runs just before and after. */
  readonly ratio: number;
  /** Writing summary.json, the CSVs and report.html of the last round, seconds. */
  readonly outputSeconds: number;
}

async function runFleetsim(instances: number): Promise<{ requests: number; events: number; wallSeconds: number; eventsPerSecond: number; outputSeconds: number }> {
  const lambda = LAMBDA_PER_INSTANCE * instances;
  const { scenario } = validateScenario(
    {
      name: 'bench-fleet-size',
      seed: 1,
      duration: REQUESTS / lambda,
      workload: { arrivals: { type: 'poisson', rate: lambda }, service_time: { dist: 'exponential', mean: 1 / MU } },
      fleet: { instance_type: 'm7g.large', instances },
    },
    { file: 'bench', baseDir: '.' },
  );
  const run = simulate(scenario);
  const dir = mkdtempSync(join(tmpdir(), 'fleetsim-bench-'));
  const start = performance.now();
  try {
    await writeRunOutputs(run, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    requests: run.requests.arrived,
    events: run.engine.events,
    wallSeconds: run.engine.wallSeconds,
    eventsPerSecond: run.engine.eventsPerSecond,
    outputSeconds: (performance.now() - start) / 1000,
  };
}

async function measure(instances: number): Promise<Measurement> {
  const bare = () => bareMmcLoop(REQUESTS, WORKERS * 10, LAMBDA_PER_INSTANCE * 10, MU);
  const bares = [bare()];
  const runs: Awaited<ReturnType<typeof runFleetsim>>[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    runs.push(await runFleetsim(instances));
    bares.push(bare());
  }
  const ratios = runs.map((r, i) => r.eventsPerSecond / ((bares[i] + bares[i + 1]) / 2)).sort((a, b) => a - b);
  const best = runs.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
  return {
    instances,
    requests: best.requests,
    events: best.events,
    wallSeconds: best.wallSeconds,
    eventsPerSecond: best.eventsPerSecond,
    bareEventsPerSecond: Math.max(...bares),
    bareSameSizeEventsPerSecond: bareMmcLoop(REQUESTS, WORKERS * instances, LAMBDA_PER_INSTANCE * instances, MU),
    ratio: ratios.length % 2 === 1 ? ratios[ratios.length >> 1] : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2,
    outputSeconds: runs[runs.length - 1].outputSeconds,
  };
}

/** One child process per size, each stopped after LIMIT_SECONDS; prints the table. */
export function runFleetSizeBench(sizes: readonly number[] = SIZES): void {
  const self = fileURLToPath(import.meta.url);
  console.log(
    `\n## Fleet size: fixed fleets of m7g.large (${WORKERS} workers), M/M/${WORKERS} per instance at rho = ${RHO}, ${REQUESTS.toLocaleString('en-US')} requests per run, one process per size, ${ROUNDS} rounds\n`,
  );
  console.log(
    `events/s: the best round; / bare: the median round against the bare M/M/${WORKERS * 10} loop (the 10-instance system) of as many requests run just before and after it; / 10: that ratio over the 10-instance one; bare M/M/2n: the bare loop with the fleet's workers\n`,
  );
  const rows: string[][] = [];
  const unfinished: string[] = [];
  let base: number | undefined;
  for (const n of sizes) {
    let m: Measurement;
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, String(n)], { encoding: 'utf8', timeout: LIMIT_SECONDS * 1000, killSignal: 'SIGKILL' });
      m = JSON.parse(out.trim().split('\n').pop()!) as Measurement;
    } catch (err) {
      if ((err as { signal?: string }).signal !== 'SIGKILL') throw err;
      rows.push([n.toLocaleString('en-US'), ...Array<string>(8).fill('-')]);
      unfinished.push(`${n.toLocaleString('en-US')} instances: did not finish within ${LIMIT_SECONDS} s (FLEET_SIZE_LIMIT_S)`);
      continue;
    }
    if (n === 10) base = m.ratio;
    rows.push([
      n.toLocaleString('en-US'),
      m.events.toLocaleString('en-US'),
      m.wallSeconds.toFixed(2),
      (m.eventsPerSecond / 1e6).toFixed(2),
      (m.bareEventsPerSecond / 1e6).toFixed(2),
      (m.bareSameSizeEventsPerSecond / 1e6).toFixed(2),
      m.ratio.toFixed(2),
      base === undefined ? 'n/a' : (m.ratio / base).toFixed(2),
      m.outputSeconds.toFixed(2),
    ]);
  }
  printTable(['instances', 'events', 'wall s', 'M events/s', 'bare M events/s', 'bare M/M/2n', '/ bare', '/ 10', 'outputs s'], rows);
  if (unfinished.length > 0) console.log(`\n${unfinished.join('\n')}`);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = process.argv[2];
  if (arg) console.log(JSON.stringify(await measure(Number(arg))));
  else runFleetSizeBench();
}
