import { DEFAULT_RELATIVE_ERROR } from '../engine/index.ts';
import type { Estimate } from '../report/format-estimate.ts';
import type { FigureScale } from './estimate.ts';

export type { Estimate };

/**
 * compare.json: several variants (scenario files, or one scenario with `--set` overrides) run on
 * the same seeds. Every variant sees the same arrivals for a seed (common random numbers), so the
 * per-seed difference to the baseline varies far less than either variant does on its own.
 * compare.html is rendered from this shape.
 */

/** The figures reported for each run, in table order. */
export const COMPARE_METRICS = [
  'cost_usd',
  'cost_instances_usd',
  'cost_load_balancer_usd',
  'cost_per_million_requests',
  'latency_mean_ms',
  'latency_p50_ms',
  'latency_p99_ms',
  'latency_p999_ms',
  'error_rate',
  'slo_met',
  'instance_hours',
  'under_provisioned_seconds',
  'scaling_activities',
] as const;

export type CompareMetric = (typeof COMPARE_METRICS)[number];

export interface MetricInfo {
  /** Column heading in the printed table. */
  readonly label: string;
  /** Where the figure comes from in summary.json. */
  readonly definition: string;
  /** The values it can take, which shape its interval. */
  readonly scale: FigureScale;
}

/** Costs, times and counts: never below 0. */
const NON_NEGATIVE: FigureScale = { min: 0, max: Infinity, resolution: 0, binary: false };
/** A latency quantile, read from the latency histogram: known to within its bin. */
const QUANTILE: FigureScale = { ...NON_NEGATIVE, resolution: DEFAULT_RELATIVE_ERROR };
/** A share of requests. */
const SHARE: FigureScale = { ...NON_NEGATIVE, max: 1 };
/** 1 or 0 per seed; the mean is a share of seeds. */
const EVENT: FigureScale = { ...SHARE, binary: true };

export const METRIC_INFO: Readonly<Record<CompareMetric, MetricInfo>> = {
  cost_usd: { label: 'cost $', definition: 'cost_usd.total', scale: NON_NEGATIVE },
  cost_instances_usd: { label: '  instances $', definition: 'cost_usd.total - cost_usd.load_balancer.usd', scale: NON_NEGATIVE },
  cost_load_balancer_usd: { label: '  load balancer $', definition: 'cost_usd.load_balancer.usd', scale: NON_NEGATIVE },
  cost_per_million_requests: { label: '$ per M req', definition: 'cost_usd.total / requests.arrived x 1e6', scale: NON_NEGATIVE },
  latency_mean_ms: { label: 'mean ms', definition: 'latency_ms.mean', scale: NON_NEGATIVE },
  latency_p50_ms: { label: 'p50 ms', definition: 'latency_ms.p50', scale: QUANTILE },
  latency_p99_ms: { label: 'p99 ms', definition: 'latency_ms.p99', scale: QUANTILE },
  latency_p999_ms: { label: 'p99.9 ms', definition: 'latency_ms.p999', scale: QUANTILE },
  error_rate: { label: 'error rate', definition: 'requests.failed / requests.arrived', scale: SHARE },
  slo_met: { label: 'SLO met', definition: "1 when the run met the scenario's slo section, else 0; the mean is the share of seeds", scale: EVENT },
  instance_hours: { label: 'inst-hours', definition: 'capacity.instance_hours', scale: NON_NEGATIVE },
  under_provisioned_seconds: { label: 'under-prov. s', definition: 'capacity.under_provisioned_seconds', scale: NON_NEGATIVE },
  scaling_activities: { label: 'scaling acts', definition: 'sum of scaling.policy_activities', scale: NON_NEGATIVE },
};

/** One run's figures; null where the run has none (no completed request, no SLO defined). */
export type MetricValues = Readonly<Record<CompareMetric, number | null>>;

export type MetricEstimates = Readonly<Record<CompareMetric, Estimate>>;

/** The service level a run is held to (the scenario's `slo` section). */
export interface SloBounds {
  /** Upper bound on latency_ms.p99; null when not bounded. */
  readonly latency_p99_ms: number | null;
  /** Upper bound on requests.failed / requests.arrived. */
  readonly error_rate: number;
}

/** timeseries.csv of one run as columns (an empty cell is null), for overlays. */
export interface RepresentativeSeries {
  readonly seed: number;
  /** Column name -> one value per period, in timeseries.csv order; always has `time_s`. */
  readonly columns: Readonly<Record<string, readonly (number | null)[]>>;
}

export interface VariantResult {
  /** Unique within a comparison; the first variant is the baseline. */
  readonly name: string;
  /** Scenario file it was loaded from. */
  readonly source: string;
  /** `path=value` overrides applied to the file, in order (shared ones first). */
  readonly sets: readonly string[];
  /** The scenario's `slo` section, or its defaults when the scenario has none. */
  readonly slo: SloBounds;
  /** In seed order. */
  readonly runs: ReadonlyArray<{ readonly seed: number; readonly metrics: MetricValues }>;
  readonly estimates: MetricEstimates;
  /**
   * Paired difference to the baseline (this variant minus the baseline, seed by seed, over seeds
   * where both have a value); null for the baseline itself.
   */
  readonly difference_to_baseline: MetricEstimates | null;
  /** The run with the first seed, for charts overlaying the variants. */
  readonly timeseries: RepresentativeSeries;
}

export interface CompareResult {
  readonly confidence: 0.95;
  readonly seeds: readonly number[];
  /** Simulated seconds when --duration overrode the scenarios; null when each used its own. */
  readonly duration_seconds: number | null;
  readonly metrics: readonly CompareMetric[];
  /** Name of the first variant, the one differences are taken against. */
  readonly baseline: string;
  readonly variants: readonly VariantResult[];
}
