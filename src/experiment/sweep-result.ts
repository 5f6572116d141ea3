import type { CompareMetric, MetricEstimates, MetricValues, SloBounds } from './compare-result.ts';
import type { GridAxis } from './grid.ts';
import type { Shard } from './shard.ts';

/** What a sweep runs: every shard of one sweep carries the same plan. */
export interface SweepPlan {
  /** Scenario file as given on the command line (normalized: `./x.yaml` is `x.yaml`), for display; merge compares its file name and hash. */
  readonly scenario: string;
  /** The scenario's `name:` (after the `--set` overrides), for titles. */
  readonly scenario_name: string;
  /** SHA-256 of the scenario file, so that shards of different versions of it do not merge. */
  readonly scenario_sha256: string;
  /** `--set` overrides applied to every point before its grid values. */
  readonly sets: readonly string[];
  readonly grid: readonly GridAxis[];
  readonly seeds: readonly number[];
  /** Simulated seconds when --duration overrode the scenario. */
  readonly duration_seconds: number | null;
  /** The scenario's `slo` (after the `--set` overrides; its defaults when it has none). */
  readonly slo: SloBounds;
  /** Share of a point's seeds that must meet the SLO for the point to meet it (`--slo-share`; 1: every seed). */
  readonly slo_share: number;
}

/** One run: job `point * seeds + seed index`. */
export interface SweepRun {
  readonly point: number;
  readonly seed: number;
  readonly metrics: MetricValues;
}

export interface SweepPoint {
  readonly point: number;
  /** Grid value per axis, as written. */
  readonly values: readonly string[];
  readonly estimates: MetricEstimates;
  /** At least `slo_share` of its seeds met the SLO. */
  readonly meets_slo: boolean;
  /**
   * On the Pareto front of cost_usd and latency_p99_ms (both minimised) among the points that meet
   * the SLO, a point dominated only by one whose interval lies wholly below its own (see paretoFront).
   */
  readonly pareto: boolean;
}

/** sweep.json. */
export interface SweepResult {
  readonly confidence: 0.95;
  readonly plan: SweepPlan;
  readonly metrics: readonly CompareMetric[];
  /** The point that meets the SLO at the lowest mean cost (then the lowest mean p99); null when none does. */
  readonly cheapest_meeting_slo: number | null;
  readonly points: readonly SweepPoint[];
  readonly runs: readonly SweepRun[];
}

/** What one shard writes: its runs, in job order, with the plan they belong to. */
export interface SweepShardPart {
  readonly format: typeof SHARD_FORMAT;
  readonly plan: SweepPlan;
  readonly shard: Shard;
  readonly runs: readonly SweepRun[];
}

export const SHARD_FORMAT = 'fleetsim-sweep-shard/1';
