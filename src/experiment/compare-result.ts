/**
 * compare.json: several variants (scenario files, or one scenario with `--set` overrides) run on
 * the same seeds. Every variant sees the same arrivals for a seed (common random numbers), so the
 * per-seed difference to the baseline varies far less than either variant does on its own.
 * compare.html is rendered from this shape.
 */

/** The figures reported for each run, in table order. */
export const COMPARE_METRICS = [
  'cost_usd',
  'cost_per_million_requests',
  'latency_mean_ms',
  'latency_p50_ms',
  'latency_p99_ms',
  'latency_p999_ms',
  'error_rate',
  'slo_met',
  'instance_hours',
  'scaling_activities',
] as const;

export type CompareMetric = (typeof COMPARE_METRICS)[number];

export interface MetricInfo {
  /** Column heading in the printed table. */
  readonly label: string;
  /** Where the figure comes from in summary.json. */
  readonly definition: string;
}

export const METRIC_INFO: Readonly<Record<CompareMetric, MetricInfo>> = {
  cost_usd: { label: 'cost $', definition: 'cost_usd.total' },
  cost_per_million_requests: { label: '$ per M req', definition: 'cost_usd.total / requests.arrived x 1e6' },
  latency_mean_ms: { label: 'mean ms', definition: 'latency_ms.mean' },
  latency_p50_ms: { label: 'p50 ms', definition: 'latency_ms.p50' },
  latency_p99_ms: { label: 'p99 ms', definition: 'latency_ms.p99' },
  latency_p999_ms: { label: 'p99.9 ms', definition: 'latency_ms.p999' },
  error_rate: { label: 'error rate', definition: 'requests.failed / requests.arrived' },
  slo_met: { label: 'SLO met', definition: "1 when the run met the scenario's slo section, else 0; the mean is the share of seeds" },
  instance_hours: { label: 'inst-hours', definition: 'capacity.instance_hours' },
  scaling_activities: { label: 'scaling acts', definition: 'sum of scaling.policy_activities' },
};

/** One run's figures; null where the run has none (no completed request, no SLO defined). */
export type MetricValues = Readonly<Record<CompareMetric, number | null>>;

/**
 * A mean across seeds with its 95 % confidence interval (Student t with n - 1 degrees of freedom).
 * `n` counts the seeds that had a value; the interval is null below two of them.
 */
export interface Estimate {
  readonly n: number;
  readonly mean: number | null;
  readonly half_width: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

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
