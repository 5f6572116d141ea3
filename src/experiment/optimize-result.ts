import type { CompareMetric, MetricEstimates } from './compare-result.ts';
import type { SweepPlan, SweepRun } from './sweep-result.ts';

/**
 * Where a point stood when the race ended:
 * - `answer`: the cheapest point shown to meet the SLO;
 * - `feasible`: shown to meet the SLO, but dearer than the answer;
 * - `infeasible`: shown to miss the SLO (the upper bound of its share of seeds meeting it lies below the required share);
 * - `costlier`: its cost interval lies wholly above that of a point shown to meet the SLO;
 * - `open`: not decided when the budget ran out.
 */
export type OptimizeStatus = 'answer' | 'feasible' | 'infeasible' | 'costlier' | 'open';

export interface OptimizePoint {
  readonly point: number;
  readonly values: readonly string[];
  readonly status: OptimizeStatus;
  /** Seeds run: the first of the plan's seeds. */
  readonly seeds: number;
  /** Of those, the seeds that met the SLO. */
  readonly slo_met_seeds: number;
  /** Clopper-Pearson interval of the share of seeds that meet the SLO. */
  readonly slo_share_low: number;
  readonly slo_share_high: number;
  readonly estimates: MetricEstimates;
}

/** optimize.json. */
export interface OptimizeResult {
  readonly confidence: 0.95;
  /** As a sweep's, its seeds the most any point may get (`--max-seeds`). */
  readonly plan: SweepPlan;
  readonly initial_seeds: number;
  readonly budget: number;
  /**
   * `found`: the answer is decided; `infeasible`: every point was shown to miss the SLO;
   * `undecided`: the budget ran out first (the answer, if any, is the cheapest point shown feasible so far).
   */
  readonly outcome: 'found' | 'infeasible' | 'undecided';
  readonly answer: number | null;
  /** Simulations run, and those the full grid (every point on every seed of the plan) would have run. */
  readonly runs_used: number;
  readonly full_grid_runs: number;
  readonly rounds: number;
  readonly metrics: readonly CompareMetric[];
  readonly points: readonly OptimizePoint[];
  /** Every run, by point, then seed. */
  readonly runs: readonly SweepRun[];
}
