import type { CompareMetric, Estimate } from './compare-result.ts';
import { pointSets } from './grid.ts';
import type { SweepPoint, SweepResult } from './sweep-result.ts';
import { cheapestText, sweepSloText } from './sweep-table.ts';
import { formatDuration } from '../scenario/duration.ts';
import { paletteColor, PALETTE } from '../report/html/chart-spec.ts';
import { escapeHtml } from '../report/html/escape.ts';
import { formatEstimate, type Unit } from '../report/format-estimate.ts';
import { AXIS_FORMAT, formatMs, formatPercent, formatSeeds, formatUsd } from '../report/html/format.ts';
import { lineChart, type Line } from '../report/html/line-chart.ts';
import { htmlPage } from '../report/html/page.ts';
import { scatterChart, type ScatterMark } from '../report/html/scatter-chart.ts';
import type { Interval } from '../report/html/svg-axes.ts';

/** Beyond this many values of the second axis, one line each no longer reads. */
const MAX_LINES = PALETTE.length;

/**
 * sweep.html: every grid point's mean cost against its mean p99, the Pareto front, and a table of
 * the points. Built from sweep.json alone, so that a merged sweep gives the same page as the
 * unsharded one.
 */
export function sweepHtml(result: SweepResult): string {
  const plan = result.plan;
  const name = plan.scenario_name;
  const grid = plan.grid.map((a) => `${a.path} = ${a.values.join(', ')}`).join(' × ');
  const facts = [
    `${result.points.length} points × ${formatSeeds(plan.seeds)}`,
    plan.duration_seconds === null ? 'the scenario’s own duration' : `${formatDuration(plan.duration_seconds)} simulated`,
    `${result.confidence * 100} % confidence intervals`,
  ];
  const body = [
    `<header>
<p>fleetsim sweep</p>
<h1>${escapeHtml(name)}</h1>
<p>${escapeHtml(grid)}</p>
<p>${escapeHtml(facts.join(' · '))}</p>
<p>scenario <code>${escapeHtml(plan.scenario)}</code>${plan.sets.map((s) => ` <code>--set ${escapeHtml(s)}</code>`).join('')}</p>
<p class="answer"><strong>${escapeHtml(cheapestText(result))}.</strong></p>
</header>`,
    frontSection(result),
    trendSection(result),
    pointsSection(result),
    `<footer>Swept by fleetsim. sweep.csv holds every run; sweep-points.csv every figure’s mean and interval per point.</footer>`,
  ].join('\n');
  return htmlPage({ title: `${name}: fleetsim sweep`, body, charts: [] });
}

/** `path=value, path=value` of a point. */
function pointName(result: SweepResult, p: SweepPoint): string {
  return pointSets(result.plan.grid, p.values).join(', ');
}

function whiskers(result: SweepResult): string {
  return result.plan.seeds.length < 2 ? 'without intervals (one seed)' : `the whiskers spanning their ${result.confidence * 100} % intervals`;
}

function shown(e: Estimate, unit: Unit): string {
  return formatEstimate(e, { unit, typeset: true });
}

function interval(e: Estimate): Interval | null {
  return e.mean === null ? null : { mean: e.mean, low: e.low, high: e.high };
}

function frontSection(result: SweepResult): string {
  const marks: ScatterMark[] = [];
  const undrawn: number[] = [];
  for (const p of result.points) {
    const x = interval(p.estimates.cost_usd);
    const y = interval(p.estimates.latency_p99_ms);
    if (x === null || y === null) {
      undrawn.push(p.point);
      continue;
    }
    const e = p.estimates;
    const title = [
      `point ${p.point}: ${pointName(result, p)}${p.pareto ? ' (Pareto front)' : ''}${p.point === result.cheapest_meeting_slo ? ' (cheapest meeting the SLO)' : ''}`,
      `cost ${shown(e.cost_usd, '$')}, p99 ${shown(e.latency_p99_ms, 'ms')}`,
      `errors ${shown(e.error_rate, '%')}, SLO met in ${formatPercent(e.slo_met.mean)} of seeds${p.meets_slo ? '' : ': does not meet the SLO'}`,
    ].join('\n');
    marks.push({ key: p.point, x, y, front: p.pareto, meets: p.meets_slo, label: p.values.join(', '), title });
  }
  const missing =
    undrawn.length === 0 ? '' : ` Not drawn, for want of a mean cost or p99 (no request completed after the warmup): point${undrawn.length > 1 ? 's' : ''} ${undrawn.join(', ')}.`;
  return `<section>
<h2>Cost against p99</h2>
<p class="caption">One mark per grid point: its mean cost and mean p99 across seeds, ${whiskers(result)}. Dashed: points that do not meet the SLO (${escapeHtml(sweepSloText(result))}). Filled blue: the Pareto front among the points that meet it (no other such point is clearly better on one figure and clearly worse on neither, clearly meaning that the two intervals do not overlap), joined by a step line. Hover a mark for its grid values and figures.${escapeHtml(missing)}</p>
${marks.length > 0 ? scatterChart(marks, { x: { title: 'mean cost (US dollars)', format: formatUsd }, y: { title: 'mean p99 (milliseconds)', format: formatMs } }) : ''}
</section>`;
}

/**
 * p99 and cost against the first axis, one line per value of the second: only for grids of one
 * or two axes whose first axis has several values and whose second has few.
 */
function trendSection(result: SweepResult): string {
  const [first, second, ...more] = result.plan.grid;
  if (!first || first.values.length < 2 || more.length > 0 || (second && second.values.length > MAX_LINES)) return '';
  const groups = second ? second.values : [''];
  const lines = (metric: CompareMetric, unit: Unit): Line[] =>
    groups.map((_, j) => ({
      color: paletteColor(j),
      points: first.values.map((_, i) => {
        const p = result.points[i * groups.length + j];
        const e = interval(p.estimates[metric]);
        return e === null ? null : { ...e, title: `${pointName(result, p)}: ${shown(p.estimates[metric], unit)}` };
      }),
    }));
  const x = { labels: first.values, title: first.path };
  const chart = (title: string, axisTitle: string, metric: CompareMetric, unit: Unit) =>
    lineChart(title, x, { title: axisTitle, format: AXIS_FORMAT[unit] }, lines(metric, unit));
  const legend = second
    ? `<p class="caption">${second.values.map((v, j) => `<span style="color:${paletteColor(j)}">■</span> ${escapeHtml(`${second.path} = ${v}`)}`).join(' &nbsp; ')}</p>`
    : '';
  return `<section>
<h2>By ${escapeHtml(first.path)}</h2>
<p class="caption">Means across seeds, ${whiskers(result)}${second ? `; one line per value of ${escapeHtml(second.path)}` : ''}. Hover a point for its figures.</p>
${legend}
<div class="intervals">
${chart('p99', 'mean p99 (milliseconds)', 'latency_p99_ms', 'ms')}
${chart('Cost', 'mean cost (US dollars)', 'cost_usd', '$')}
</div>
</section>`;
}

function pointsSection(result: SweepResult): string {
  const cost = (p: SweepPoint) => p.estimates.cost_usd.mean ?? Infinity;
  const first = (p: SweepPoint) => Number(p.point === result.cheapest_meeting_slo);
  const sorted = [...result.points].sort((a, b) => first(b) - first(a) || Number(b.pareto) - Number(a.pareto) || cost(a) - cost(b) || a.point - b.point);
  const head = result.plan.grid.map((a) => `<th><code>${escapeHtml(a.path)}</code></th>`).join('');
  const rows = sorted.map((p) => {
    const e = p.estimates;
    const cells = [
      `<td class="num">${p.point}</td>`,
      ...p.values.map((v) => `<td>${escapeHtml(v)}</td>`),
      `<td class="num">${escapeHtml(shown(e.cost_usd, '$'))}</td>`,
      `<td class="num">${escapeHtml(shown(e.latency_p99_ms, 'ms'))}</td>`,
      `<td class="num">${escapeHtml(shown(e.error_rate, '%'))}</td>`,
      `<td class="num">${escapeHtml(formatPercent(e.slo_met.mean))}</td>`,
      p.meets_slo ? `<td class="better">${p.point === result.cheapest_meeting_slo ? 'yes, cheapest' : 'yes'}</td>` : '<td class="worse">no</td>',
      p.pareto ? '<td class="better">front</td>' : '<td></td>',
    ];
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<section>
<h2>Points</h2>
<p class="caption">Means across seeds ± the half-width of their ${result.confidence * 100} % intervals; SLO met is the share of seeds that met the scenario’s <code>slo</code>, and a point meets the SLO when that share is at least ${escapeHtml(formatPercent(result.plan.slo_share))}. The cheapest point that meets the SLO first, then the Pareto front, then the others, each by mean cost.</p>
<table class="results">
<thead><tr><th class="num">point</th>${head}<th class="num">cost</th><th class="num">p99</th><th class="num">error rate</th><th class="num">SLO met</th><th>meets SLO</th><th>Pareto</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}
