import type { TimeSeries } from '../engine/index.ts';
import { round, type Summary } from '../report/summary.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MetricValues, RepresentativeSeries, SloBounds } from './compare-result.ts';

/** The scenario's `slo` section (its defaults when the file has none) in the units of summary.json. */
export function sloBoundsOf(scenario: Scenario): SloBounds {
  const slo = scenario.slo;
  return { latency_p99_ms: slo.latency_p99 === undefined ? null : round(slo.latency_p99 * 1000, 6), error_rate: slo.error_rate };
}

/** The figures compare and sweep report for one run (see METRIC_INFO). */
export function metricsOf(summary: Summary, slo: SloBounds): MetricValues {
  const { arrived, failed } = summary.requests;
  const latency = summary.latency_ms;
  const errorRate = arrived > 0 ? failed / arrived : null;
  return {
    cost_usd: summary.cost_usd.total,
    cost_instances_usd: round(summary.cost_usd.total - summary.cost_usd.load_balancer.usd, 6),
    cost_load_balancer_usd: summary.cost_usd.load_balancer.usd,
    cost_per_million_requests: arrived > 0 ? round((summary.cost_usd.total / arrived) * 1e6, 6) : null,
    latency_mean_ms: latency.mean,
    latency_p50_ms: latency.p50,
    latency_p99_ms: latency.p99,
    latency_p999_ms: latency.p999,
    error_rate: errorRate === null ? null : round(errorRate, 9),
    slo_met: sloMet(slo, latency.p99, errorRate) ? 1 : 0,
    instance_hours: summary.capacity.instance_hours,
    under_provisioned_seconds: summary.capacity.under_provisioned_seconds,
    scaling_activities: Object.values(summary.scaling.policy_activities).reduce((a, b) => a + b, 0),
  };
}

/** A run without completed requests has no p99, so it cannot meet a latency bound. */
function sloMet(slo: SloBounds, p99: number | null, errorRate: number | null): boolean {
  const latencyOk = slo.latency_p99_ms === null || (p99 !== null && p99 <= slo.latency_p99_ms);
  return latencyOk && (errorRate ?? 0) <= slo.error_rate;
}

/** timeseries.csv as columns, an empty cell as null. */
export function seriesOf(series: TimeSeries<string>, seed: number): RepresentativeSeries {
  const columns: Record<string, Array<number | null>> = {};
  for (const name of series.columns) columns[name] = Array.from(series.column(name), (v) => (Number.isNaN(v) ? null : round(v, 6)));
  return { seed, columns };
}
