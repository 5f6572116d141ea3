import { tidy } from './compare.ts';
import { COMPARE_METRICS, type Estimate } from './compare-result.ts';
import { shareInterval } from './share-interval.ts';
import { CONFIDENCE, estimateOf } from './estimate.ts';
import { gridPoints } from './grid.ts';
import type { OptimizePoint, OptimizeResult, OptimizeStatus } from './optimize-result.ts';
import { meetsShare } from './slo.ts';
import { cheapest, pointEstimates, runSweepJobs, type SweepRunOptions } from './sweep.ts';
import type { SweepPlan, SweepRun } from './sweep-result.ts';

export interface OptimizeOptions {
  /** Seeds every point starts with (at least 2, so that each has an interval). */
  readonly initialSeeds: number;
  /** Most simulations in all; default the full grid, every point on every seed of the plan. */
  readonly budget?: number;
  readonly workers?: number;
  readonly onProgress?: (fraction: number) => void;
  readonly onWarnings?: SweepRunOptions['onWarnings'];
}

/** What the race knows of a point from its seeds so far. */
export interface Standing {
  readonly seeds: number;
  readonly met: number;
  readonly share: { readonly low: number; readonly high: number };
  readonly cost: Estimate;
  /** Shown to miss the SLO: the share's upper bound lies below the required one, or all seeds ran and too few met it. */
  readonly infeasible: boolean;
  /** Shown to meet the SLO: all seeds ran and enough met it, or the share's lower bound reaches the required one. */
  readonly feasible: boolean;
  /** Enough of the seeds so far met the SLO. */
  readonly hopeful: boolean;
}

export function standingOf(runs: readonly SweepRun[], maxSeeds: number, share: number): Standing {
  const seeds = runs.length;
  const met = runs.filter((r) => r.metrics.slo_met === 1).length;
  const bounds = shareInterval(met, seeds, CONFIDENCE);
  const hopeful = meetsShare(met, seeds, share);
  const complete = seeds >= maxSeeds;
  return {
    seeds,
    met,
    share: bounds,
    cost: estimateOf(runs.map((r) => r.metrics.cost_usd)),
    infeasible: bounds.high < share || (complete && !hopeful),
    feasible: hopeful && (complete || bounds.low >= share),
    hopeful,
  };
}

const lower = (e: Estimate) => e.low ?? e.mean ?? Infinity;
const upper = (e: Estimate) => e.high ?? e.mean ?? Infinity;

/**
 * Where each point stands: decided (`feasible`, `infeasible`, or `costlier` when its cost
 * interval lies wholly above that of a point shown feasible), `waiting` (still open, but wholly
 * dearer than a point that may yet be shown feasible: it needs seeds only if that one fails) or
 * `open`.
 */
export function classify(standings: readonly Standing[]): Array<'feasible' | 'infeasible' | 'costlier' | 'waiting' | 'open'> {
  const bestHigh = Math.min(...standings.filter((s) => s.feasible).map((s) => upper(s.cost)));
  const costlier = (s: Standing) => !s.feasible && !s.infeasible && lower(s.cost) > bestHigh;
  return standings.map((s, p) => {
    if (s.feasible) return 'feasible';
    if (s.infeasible) return 'infeasible';
    if (costlier(s)) return 'costlier';
    const cheaperHope = standings.some((r, q) => q !== p && r.hopeful && !r.infeasible && !costlier(r) && upper(r.cost) < lower(s.cost));
    return cheaperHope ? 'waiting' : 'open';
  });
}

/**
 * Finds the cheapest grid point that meets the SLO (in `plan.slo_share` of its seeds, as sweep
 * judges it on all the plan's seeds) with few runs, by racing: every point starts with
 * `initialSeeds` seeds; then, round by round, each point still open doubles its seeds (up to the
 * plan's), the cheapest first while the budget lasts. A point leaves the race when it is shown to
 * miss the SLO (Clopper-Pearson upper bound of its share below the required share), shown to meet
 * it, or shown dearer than a point that meets it; a point wholly dearer than one that may still
 * meet it waits. The runs are sweep's (seeds from the first, common random numbers), so a point's
 * figures are those sweep reports on the same seeds.
 */
export async function optimize(plan: SweepPlan, options: OptimizeOptions): Promise<OptimizeResult> {
  const points = gridPoints(plan.grid);
  const maxSeeds = plan.seeds.length;
  const initial = Math.min(options.initialSeeds, maxSeeds);
  const fullGrid = points.length * maxSeeds;
  const budget = options.budget ?? fullGrid;
  if (initial < 2 && maxSeeds >= 2) throw new RangeError('optimize needs at least 2 initial seeds per point');
  if (budget < points.length * initial) throw new RangeError(`a budget of ${budget} runs cannot give ${points.length} points ${initial} seeds each`);
  const runs: SweepRun[][] = points.map(() => []);
  let used = 0;
  let rounds = 0;
  let standings: Standing[] = [];
  let states: ReturnType<typeof classify> = [];
  for (;;) {
    const targets = rounds === 0 ? points.map(() => initial) : nextTargets(standings, states, maxSeeds, initial);
    const jobs = allot(targets, runs, standings, budget - used, maxSeeds);
    if (jobs.length === 0) break;
    const done = await runSweepJobs(plan, jobs, {
      workers: options.workers,
      onProgress: options.onProgress && ((f) => options.onProgress!(Math.min(1, (used + f * jobs.length) / budget))),
      onWarnings: options.onWarnings,
    });
    for (const r of done) runs[r.point].push(r);
    used += jobs.length;
    rounds++;
    standings = runs.map((r) => standingOf(r, maxSeeds, plan.slo_share));
    states = classify(standings);
  }
  const answer = cheapest(
    runs.map((r) => pointEstimates(r)),
    states.map((s) => s === 'feasible'),
  );
  const open = states.some((s) => s === 'open' || s === 'waiting');
  const outcome = open ? 'undecided' : answer === null ? 'infeasible' : 'found';
  const result: OptimizePoint[] = points.map((values, p) => {
    const s = standings[p];
    const status: OptimizeStatus = p === answer ? 'answer' : states[p] === 'waiting' ? 'open' : states[p];
    return { point: p, values, status, seeds: s.seeds, slo_met_seeds: s.met, slo_share_low: tidy(s.share.low), slo_share_high: tidy(s.share.high), estimates: pointEstimates(runs[p]) };
  });
  return {
    confidence: CONFIDENCE,
    plan,
    initial_seeds: initial,
    budget,
    outcome,
    answer,
    runs_used: used,
    full_grid_runs: fullGrid,
    rounds,
    metrics: [...COMPARE_METRICS],
    points: result,
    runs: runs.flat(),
  };
}

/** Seeds each point should have after the next round: open points double theirs, up to the plan's. */
function nextTargets(standings: readonly Standing[], states: ReturnType<typeof classify>, maxSeeds: number, initial: number): number[] {
  return standings.map((s, p) => (states[p] === 'open' ? Math.min(maxSeeds, Math.max(2 * s.seeds, initial)) : s.seeds));
}

/** The next round's job indices (point x seeds of the plan + seed index) within the budget left, cheapest points first. */
function allot(targets: readonly number[], runs: readonly SweepRun[][], standings: readonly Standing[], left: number, maxSeeds: number): number[] {
  const mean = (p: number) => standings[p]?.cost.mean ?? 0;
  const order = targets.map((_, p) => p).sort((a, b) => mean(a) - mean(b) || a - b);
  const jobs: number[] = [];
  for (const p of order) {
    for (let s = runs[p].length; s < targets[p] && jobs.length < left; s++) jobs.push(p * maxSeeds + s);
  }
  return jobs.sort((a, b) => a - b);
}
