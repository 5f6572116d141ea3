import { normalize } from 'node:path';
import { COMPARE_METRICS, type CompareMetric, type CompareResult, type Estimate, type MetricEstimates } from './compare-result.ts';
import { checkDurationPastWarmup } from './duration-check.ts';
import { CONFIDENCE, metricDifference, metricEstimate } from './estimate.ts';
import { runJobs } from './job-pool.ts';
import { loadVariant } from './load-variant.ts';
import { parseOverride } from './overrides.ts';
import type { RunWarning } from '../scenario/warnings.ts';
import type { RunJob } from './run-job.ts';
import { sloBoundsOf } from './run-metrics.ts';

/** A scenario file with `path=value` overrides. */
export interface CompareVariant {
  readonly name: string;
  readonly file: string;
  readonly sets: readonly string[];
}

export interface CompareOptions {
  /** The same seeds for every variant: common random numbers. */
  readonly seeds: readonly number[];
  /** Overrides every scenario's duration, seconds. */
  readonly duration?: number;
  /** Worker threads (default: one per core). */
  readonly workers?: number;
  readonly onProgress?: (fraction: number) => void;
  /** Told each run's warnings, with its variant's name. */
  readonly onWarnings?: (warnings: readonly RunWarning[], variant: string) => void;
}

/**
 * Runs every variant on every seed and estimates each figure with its 95 % interval, and each
 * variant's paired difference to the first. Every variant draws its arrivals from the same named
 * stream of the same seed, so the differences are not blurred by different traffic.
 */
export async function compare(variants: readonly CompareVariant[], options: CompareOptions): Promise<CompareResult> {
  if (variants.length === 0) throw new RangeError('compare needs at least one variant');
  if (options.seeds.length === 0) throw new RangeError('compare needs at least one seed');
  const names = new Set<string>();
  for (const v of variants) {
    if (names.has(v.name)) throw new RangeError(`two variants are named "${v.name}"`);
    names.add(v.name);
  }
  const loaded = variants.map((v) => loadVariant(v.file, v.sets.map((s) => parseOverride(s))).scenario);
  loaded.forEach((scenario, i) => checkDurationPastWarmup(options.duration, scenario.warmup, variants[i].file));
  const jobs: RunJob[] = variants.flatMap((v) =>
    options.seeds.map((seed, s) => ({ file: v.file, sets: v.sets, seed, duration: options.duration ?? null, series: s === 0 })),
  );
  const results = await runJobs(jobs, { workers: options.workers, onJobDone: options.onProgress && ((done, total) => options.onProgress!(done / total)) });
  const perVariant = variants.map((_, v) => results.slice(v * options.seeds.length, (v + 1) * options.seeds.length));
  if (options.onWarnings) perVariant.forEach((runs, v) => runs.forEach((r) => options.onWarnings!(r.warnings, variants[v].name)));
  const column = (v: number, m: CompareMetric) => perVariant[v].map((r) => r.metrics[m]);
  return {
    confidence: CONFIDENCE,
    seeds: [...options.seeds],
    duration_seconds: options.duration ?? null,
    metrics: [...COMPARE_METRICS],
    baseline: variants[0].name,
    variants: variants.map((variant, v) => ({
      name: variant.name,
      source: normalize(variant.file),
      sets: [...variant.sets],
      slo: sloBoundsOf(loaded[v]),
      runs: perVariant[v].map((r, s) => ({ seed: options.seeds[s], metrics: r.metrics })),
      estimates: byMetric((m) => metricEstimate(m, column(v, m))),
      difference_to_baseline: v === 0 ? null : byMetric((m) => metricDifference(m, column(0, m), column(v, m))),
      timeseries: perVariant[v][0].series!,
    })),
  };
}

/** Estimates rounded to 7 significant digits: stable, readable files. */
export function byMetric(estimate: (m: CompareMetric) => Estimate): MetricEstimates {
  const out = {} as Record<CompareMetric, Estimate>;
  for (const m of COMPARE_METRICS) out[m] = tidyEstimate(estimate(m));
  return out;
}

/** Seven significant digits, as every estimate in compare.json, sweep.json and optimize.json. */
export function tidy(x: number): number {
  return Number(x.toPrecision(7));
}

function tidyEstimate(e: Estimate): Estimate {
  const t = (x: number | null) => (x === null ? null : tidy(x));
  return { n: e.n, mean: t(e.mean), half_width: t(e.half_width), low: t(e.low), high: t(e.high) };
}
