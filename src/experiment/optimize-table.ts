import { formatEstimate } from '../report/format-estimate.ts';
import { formatPercent } from '../report/html/format.ts';
import { alignColumns } from '../text/align-columns.ts';
import { pointSets } from './grid.ts';
import type { OptimizePoint, OptimizeResult } from './optimize-result.ts';
import { shareText, sloText } from './slo.ts';

function pointName(result: OptimizeResult, p: OptimizePoint): string {
  return pointSets(result.plan.grid, p.values).join(', ');
}

/** "10 of 10 seeds (share 69 % to 100 %)": the seeds that met the SLO and the Clopper-Pearson interval of the share. */
function sharePhrase(p: OptimizePoint): string {
  return `${p.slo_met_seeds} of ${p.seeds} seeds (share ${formatPercent(p.slo_share_low)} to ${formatPercent(p.slo_share_high)})`;
}

/** The answer with its confidence, the runs saved, then one line per point. */
export function optimizeText(result: OptimizeResult): string {
  const slo = `the SLO (${sloText(result.plan.slo)}, ${shareText(result.plan.slo_share)})`;
  const answer = result.answer === null ? null : result.points[result.answer];
  const lines: string[] = [];
  if (result.outcome === 'infeasible') lines.push(`No point meets ${slo}: every point was shown to miss it.`);
  else if (result.outcome === 'undecided') {
    const open = result.points.filter((p) => p.status === 'open').map((p) => p.point);
    lines.push(`Not decided within the budget of ${result.budget} runs: point${open.length > 1 ? 's' : ''} ${open.join(', ')} still open.`);
    lines.push(answer === null ? `No point has yet been shown to meet ${slo}.` : `Cheapest point shown to meet ${slo} so far: ${pointName(result, answer)}.`);
  } else lines.push(`Cheapest point meeting ${slo}: ${pointName(result, answer!)}`);
  if (answer !== null) {
    const e = answer.estimates;
    lines.push(`  cost ${formatEstimate(e.cost_usd, { unit: '$' })}, p99 ${formatEstimate(e.latency_p99_ms, { unit: 'ms' })}; SLO met in ${sharePhrase(answer)}`);
  }
  if (result.outcome === 'found') {
    const feasible = result.points.filter((p) => p.status === 'feasible').length;
    lines.push(
      `  at ${result.confidence * 100} % confidence: every other point misses the SLO or costs more${feasible > 0 ? `; ${feasible} other point${feasible > 1 ? 's' : ''} meet${feasible > 1 ? '' : 's'} it at a higher mean cost` : ''}`,
    );
  }
  const saved = result.full_grid_runs - result.runs_used;
  lines.push(
    `${result.runs_used} runs in ${result.rounds} round${result.rounds > 1 ? 's' : ''}, against ${result.full_grid_runs} for the full grid (${result.points.length} points x ${result.plan.seeds.length} seeds): ${saved} saved`,
  );
  const header = [...result.plan.grid.map((a) => a.path), 'status', 'seeds', 'SLO met', 'share 95 %', 'cost $', 'p99 ms'];
  const rows = result.points.map((p) => [
    ...p.values,
    p.status,
    String(p.seeds),
    String(p.slo_met_seeds),
    `${formatPercent(p.slo_share_low)} to ${formatPercent(p.slo_share_high)}`,
    formatEstimate(p.estimates.cost_usd),
    formatEstimate(p.estimates.latency_p99_ms),
  ]);
  return [...lines, ...alignColumns([header, ...rows])].join('\n');
}
