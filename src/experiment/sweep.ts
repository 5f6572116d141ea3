import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { normalize } from 'node:path';
import { ScenarioError } from '../scenario/scenario-error.ts';
import type { RunWarning } from '../scenario/warnings.ts';
import { byMetric } from './compare.ts';
import { COMPARE_METRICS, type MetricEstimates } from './compare-result.ts';
import { checkDurationPastWarmup } from './duration-check.ts';
import { CONFIDENCE, metricEstimate } from './estimate.ts';
import { gridPoints, pointSets, type GridAxis } from './grid.ts';
import { runJobs } from './job-pool.ts';
import { loadVariant } from './load-variant.ts';
import { parseOverride } from './overrides.ts';
import { paretoFront } from './pareto.ts';
import type { RunJob } from './run-job.ts';
import { sloBoundsOf } from './run-metrics.ts';
import { meetsShare } from './slo.ts';
import type { SweepPlan, SweepResult, SweepRun } from './sweep-result.ts';

export interface SweepPlanInput {
  readonly scenario: string;
  readonly sets?: readonly string[];
  readonly grid: readonly GridAxis[];
  readonly seeds: readonly number[];
  readonly duration?: number;
  /** Share of a point's seeds that must meet the SLO (default 1: every seed). */
  readonly sloShare?: number;
}

/** The plan of a sweep; reads the scenario file to fingerprint it. */
export function planSweep(input: SweepPlanInput): SweepPlan {
  const points = input.grid.reduce((n, a) => n * a.values.length, 1);
  if (points * input.seeds.length > MAX_SWEEP_RUNS) {
    throw new ScenarioError([
      {
        file: '--grid',
        path: '',
        message: `${points} grid points x ${input.seeds.length} seeds would be ${points * input.seeds.length} runs, more than the ${MAX_SWEEP_RUNS} a sweep plans: give fewer values or seeds, or split the grid`,
      },
    ]);
  }
  const sets = [...(input.sets ?? [])];
  // Loaded first, so that a missing or unreadable file gets the loader's message.
  const { scenario } = loadVariant(input.scenario, sets.map((s) => parseOverride(s)));
  let text: Buffer;
  try {
    text = readFileSync(input.scenario);
  } catch (err) {
    // The file went away since it was loaded.
    throw new ScenarioError([{ file: input.scenario, path: '', message: `cannot read (${(err as NodeJS.ErrnoException).code})` }]);
  }
  return {
    scenario: normalize(input.scenario),
    scenario_name: scenario.name,
    scenario_sha256: createHash('sha256').update(text).digest('hex'),
    sets,
    grid: input.grid.map((a) => ({ path: a.path, values: [...a.values] })),
    seeds: [...input.seeds],
    duration_seconds: input.duration ?? null,
    slo: sloBoundsOf(scenario),
    slo_share: input.sloShare ?? 1,
  };
}

/**
 * Most runs a sweep (or optimize) plans: each run's figures are kept until the end, and a million
 * runs of even 0.1 s of work each take more than a day of one core.
 */
export const MAX_SWEEP_RUNS = 1_000_000;

/** Number of (point, seed) jobs of a plan. */
export function jobCount(plan: SweepPlan): number {
  return gridPoints(plan.grid).length * plan.seeds.length;
}

export interface SweepRunOptions {
  readonly workers?: number;
  readonly onProgress?: (fraction: number) => void;
  /** Told each run's warnings, with its point's grid values. */
  readonly onWarnings?: (warnings: readonly RunWarning[], point: string) => void;
}

/**
 * Runs the given jobs of a plan (all of them, or a shard's) and returns their runs in job order.
 * Each point's scenario is validated before anything runs.
 */
export async function runSweepJobs(plan: SweepPlan, jobIndices: readonly number[], options: SweepRunOptions = {}): Promise<SweepRun[]> {
  const points = gridPoints(plan.grid);
  const n = plan.seeds.length;
  const setsOf = (p: number) => [...plan.sets, ...pointSets(plan.grid, points[p])];
  for (const p of new Set(jobIndices.map((j) => Math.floor(j / n)))) {
    const overrides = [...plan.sets.map((s) => parseOverride(s)), ...pointSets(plan.grid, points[p]).map((s) => parseOverride(s, '--grid'))];
    const { scenario } = loadVariant(plan.scenario, overrides);
    checkDurationPastWarmup(plan.duration_seconds, scenario.warmup, plan.scenario);
  }
  const jobs: RunJob[] = jobIndices.map((j) => ({
    file: plan.scenario,
    sets: setsOf(Math.floor(j / n)),
    seed: plan.seeds[j % n],
    duration: plan.duration_seconds,
    series: false,
  }));
  const results = await runJobs(jobs, { workers: options.workers, onJobDone: options.onProgress && ((d, t) => options.onProgress!(d / t)) });
  if (options.onWarnings) jobIndices.forEach((j, k) => options.onWarnings!(results[k].warnings, setsOf(Math.floor(j / n)).slice(plan.sets.length).join(', ')));
  return jobIndices.map((j, k) => ({ point: Math.floor(j / n), seed: plan.seeds[j % n], metrics: results[k].metrics }));
}

/** Each figure's estimate over a point's runs, as sweep.json reports it. */
export function pointEstimates(runs: readonly SweepRun[]): MetricEstimates {
  return byMetric((m) => metricEstimate(m, runs.map((r) => r.metrics[m])));
}

/** Whether enough of a point's runs met the SLO. */
export function meetsSlo(runs: readonly SweepRun[], share: number): boolean {
  return meetsShare(runs.filter((r) => r.metrics.slo_met === 1).length, runs.length, share);
}

/**
 * sweep.json from every run of the plan, in job order: per-point estimates, which points meet the
 * SLO, the cheapest of them, and the Pareto front among them.
 */
export function assembleSweep(plan: SweepPlan, runs: readonly SweepRun[]): SweepResult {
  const points = gridPoints(plan.grid);
  const n = plan.seeds.length;
  if (runs.length !== points.length * n) throw new RangeError(`a sweep of ${points.length * n} jobs got ${runs.length} runs`);
  const own = points.map((_, p) => runs.slice(p * n, (p + 1) * n));
  const estimates = own.map(pointEstimates);
  const meets = own.map((r) => meetsSlo(r, plan.slo_share));
  const front = paretoFront(estimates.map((e, p) => ({ x: e.cost_usd, y: e.latency_p99_ms, eligible: meets[p] })));
  return {
    confidence: CONFIDENCE,
    plan,
    metrics: [...COMPARE_METRICS],
    cheapest_meeting_slo: cheapest(estimates, meets),
    points: points.map((values, p) => ({ point: p, values, estimates: estimates[p], meets_slo: meets[p], pareto: front[p] })),
    runs: [...runs],
  };
}

/** The eligible point of the lowest mean cost, then the lowest mean p99, then the first; null when none is eligible. */
export function cheapest(estimates: readonly MetricEstimates[], eligible: readonly boolean[]): number | null {
  const cost = (p: number) => estimates[p].cost_usd.mean ?? Infinity;
  const p99 = (p: number) => estimates[p].latency_p99_ms.mean ?? Infinity;
  const order = estimates.map((_, p) => p).filter((p) => eligible[p]);
  return order.sort((a, b) => cost(a) - cost(b) || p99(a) - p99(b) || a - b)[0] ?? null;
}
