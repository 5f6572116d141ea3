import { formatEstimate } from '../report/format-estimate.ts';
import { alignColumns } from '../text/align-columns.ts';
import type { SweepResult } from './sweep-result.ts';

/** One line per point: grid values, cost, p99 and error rate (mean ± half-width), SLO share; * marks the Pareto front. */
export function pointsTable(result: SweepResult): string {
  const header = [...result.plan.grid.map((a) => a.path), 'cost $', 'p99 ms', 'error rate', 'SLO met', 'pareto'];
  const rows = result.points.map((p) => [
    ...p.values,
    formatEstimate(p.estimates.cost_usd),
    formatEstimate(p.estimates.latency_p99_ms),
    formatEstimate(p.estimates.error_rate),
    formatEstimate({ ...p.estimates.slo_met, half_width: null }),
    p.pareto ? '*' : '',
  ]);
  return [`${result.points.length} points x ${result.plan.seeds.length} seeds; mean ± half-width of the ${result.confidence * 100} % interval over seeds; * on the Pareto front of cost and p99`, ...alignColumns([header, ...rows])].join('\n');
}
