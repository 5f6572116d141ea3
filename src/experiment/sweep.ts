import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { normalize } from 'node:path';
import { ScenarioError } from '../scenario/scenario-error.ts';
import { byMetric } from './compare.ts';
import { COMPARE_METRICS } from './compare-result.ts';
import { checkDurationPastWarmup } from './duration-check.ts';
import { CONFIDENCE, metricEstimate } from './estimate.ts';
import { gridPoints, pointSets, type GridAxis } from './grid.ts';
import { runJobs } from './job-pool.ts';
import { loadVariant } from './load-variant.ts';
import { parseOverride } from './overrides.ts';
import { paretoFront } from './pareto.ts';
import type { RunJob } from './run-job.ts';
import type { SweepPlan, SweepResult, SweepRun } from './sweep-result.ts';

export interface SweepPlanInput {
  readonly scenario: string;
  readonly sets?: readonly string[];
  readonly grid: readonly GridAxis[];
  readonly seeds: readonly number[];
  readonly duration?: number;
}

/** The plan of a sweep; reads the scenario file to fingerprint it. */
export function planSweep(input: SweepPlanInput): SweepPlan {
  const sets = [...(input.sets ?? [])];
  // Loaded first, so that a missing or unreadable file gets the loader's message.
  const scenarioName = loadVariant(input.scenario, sets.map((s) => parseOverride(s))).scenario.name;
  let text: Buffer;
  try {
    text = readFileSync(input.scenario);
  } catch (err) {
    // The file went away since it was loaded.
    throw new ScenarioError([{ file: input.scenario, path: '', message: `cannot read (${(err as NodeJS.ErrnoException).code})` }]);
  }
  return {
    scenario: normalize(input.scenario),
    scenario_name: scenarioName,
    scenario_sha256: createHash('sha256').update(text).digest('hex'),
    sets,
    grid: input.grid.map((a) => ({ path: a.path, values: [...a.values] })),
    seeds: [...input.seeds],
    duration_seconds: input.duration ?? null,
  };
}

/** Number of (point, seed) jobs of a plan. */
export function jobCount(plan: SweepPlan): number {
  return gridPoints(plan.grid).length * plan.seeds.length;
}

export interface SweepRunOptions {
  readonly workers?: number;
  readonly onProgress?: (fraction: number) => void;
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
  return jobIndices.map((j, k) => ({ point: Math.floor(j / n), seed: plan.seeds[j % n], metrics: results[k].metrics }));
}

/** sweep.json from every run of the plan, in job order: per-point estimates and the Pareto front. */
export function assembleSweep(plan: SweepPlan, runs: readonly SweepRun[]): SweepResult {
  const points = gridPoints(plan.grid);
  const n = plan.seeds.length;
  if (runs.length !== points.length * n) throw new RangeError(`a sweep of ${points.length * n} jobs got ${runs.length} runs`);
  const estimates = points.map((_, p) => {
    const own = runs.slice(p * n, (p + 1) * n);
    return byMetric((m) => metricEstimate(m, own.map((r) => r.metrics[m])));
  });
  const front = paretoFront(estimates.map((e) => ({ x: e.cost_usd.mean, y: e.latency_p99_ms.mean })));
  return {
    confidence: CONFIDENCE,
    plan,
    metrics: [...COMPARE_METRICS],
    points: points.map((values, p) => ({ point: p, values, estimates: estimates[p], pareto: front[p] })),
    runs: [...runs],
  };
}
