import { formatEstimate } from '../report/format-estimate.ts';
import { alignColumns } from '../text/align-columns.ts';
import { pointSets } from './grid.ts';
import { shareText, sloText } from './slo.ts';
import type { SweepResult } from './sweep-result.ts';

/** The SLO the sweep held its points to, with the share of seeds: "p99 ≤ 500 ms, error rate ≤ 0.1 %, in every seed". */
export function sweepSloText(result: SweepResult): string {
  return `${sloText(result.plan.slo)}, ${shareText(result.plan.slo_share)}`;
}

/** The sweep's answer, first in every output: the cheapest point that meets the SLO, or that none does. */
export function cheapestText(result: SweepResult): string {
  const slo = `the SLO (${sweepSloText(result)})`;
  if (result.cheapest_meeting_slo === null) return `No point meets ${slo}`;
  const p = result.points[result.cheapest_meeting_slo];
  const e = p.estimates;
  return `Cheapest point meeting ${slo}: ${pointSets(result.plan.grid, p.values).join(', ')}: cost ${formatEstimate(e.cost_usd, { unit: '$' })}, p99 ${formatEstimate(e.latency_p99_ms, { unit: 'ms' })}`;
}

/**
 * The answer, then one line per point: grid values, cost, p99 and error rate (mean ± half-width),
 * SLO share and whether it meets the SLO; * marks the Pareto front.
 */
export function pointsTable(result: SweepResult): string {
  const header = [...result.plan.grid.map((a) => a.path), 'cost $', 'p99 ms', 'error rate', 'SLO met', 'meets SLO', 'pareto'];
  const rows = result.points.map((p) => [
    ...p.values,
    formatEstimate(p.estimates.cost_usd),
    formatEstimate(p.estimates.latency_p99_ms),
    formatEstimate(p.estimates.error_rate),
    formatEstimate({ ...p.estimates.slo_met, half_width: null }),
    p.meets_slo ? 'yes' : 'no',
    p.pareto ? '*' : '',
  ]);
  return [
    cheapestText(result),
    `${result.points.length} points x ${result.plan.seeds.length} seeds; mean ± half-width of the ${result.confidence * 100} % interval over seeds; * on the Pareto front of cost and p99 among the points that meet the SLO`,
    ...alignColumns([header, ...rows]),
  ].join('\n');
}
