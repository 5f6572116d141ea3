import { toSummary } from '../report/summary.ts';
import { simulate } from '../scenario/simulate.ts';
import type { MetricValues, RepresentativeSeries } from './compare-result.ts';
import { loadVariant } from './load-variant.ts';
import { parseOverride } from './overrides.ts';
import { metricsOf, seriesOf, sloBoundsOf } from './run-metrics.ts';

/** One simulation of compare or sweep: plain data, so that it can be posted to a worker thread. */
export interface RunJob {
  readonly file: string;
  /** `path=value` overrides, applied in order. */
  readonly sets: readonly string[];
  readonly seed: number;
  /** Overrides the scenario's duration, seconds. */
  readonly duration: number | null;
  /** Keep the run's time series (compare's representative seed). */
  readonly series: boolean;
}

export interface JobResult {
  readonly metrics: MetricValues;
  readonly series: RepresentativeSeries | null;
}

export function runJob(job: RunJob): JobResult {
  const { scenario } = loadVariant(job.file, job.sets.map((text) => parseOverride(text)));
  const run = simulate(scenario, { seed: job.seed, duration: job.duration ?? undefined });
  return { metrics: metricsOf(toSummary(run), sloBoundsOf(scenario)), series: job.series ? seriesOf(run.timeSeries, job.seed) : null };
}
