import { METRIC_INFO, type CompareMetric, type CompareResult, type Estimate, type VariantResult } from './compare-result.ts';
import { intervalSign } from './estimate.ts';
import { formatDuration } from '../scenario/duration.ts';
import { chartValue, paletteColor, type ChartSpec } from '../report/html/chart-spec.ts';
import { escapeHtml } from '../report/html/escape.ts';
import { estimateDecimals, formatEstimate, formatFixed, formatNumber as formatPlain, type NumberStyle, type Unit } from '../report/format-estimate.ts';
import { AXIS_FORMAT, formatSeeds } from '../report/html/format.ts';
import { sloText } from './slo.ts';
import { intervalChart } from '../report/html/interval-chart.ts';
import { chartSection, htmlPage } from '../report/html/page.ts';

/** How each figure reads (its unit, in the table and on chart axes), and which way is better (null: neither). */
const METRIC_VIEW: Readonly<Record<CompareMetric, { unit: Unit; better: 'lower' | 'higher' | null }>> = {
  cost_usd: { unit: '$', better: 'lower' },
  cost_instances_usd: { unit: '$', better: 'lower' },
  cost_load_balancer_usd: { unit: '$', better: 'lower' },
  cost_per_million_requests: { unit: '$', better: 'lower' },
  latency_mean_ms: { unit: 'ms', better: 'lower' },
  latency_p50_ms: { unit: 'ms', better: 'lower' },
  latency_p99_ms: { unit: 'ms', better: 'lower' },
  latency_p999_ms: { unit: 'ms', better: 'lower' },
  error_rate: { unit: '%', better: 'lower' },
  slo_met: { unit: '%', better: 'higher' },
  instance_hours: { unit: '', better: 'lower' },
  under_provisioned_seconds: { unit: '', better: 'lower' },
  scaling_activities: { unit: '', better: null },
};

/** The figures drawn as interval charts; the table has them all. */
const CHARTED: readonly CompareMetric[] = ['cost_usd', 'latency_p99_ms', 'error_rate', 'instance_hours'];

/** Time-series columns overlaid across variants, each from the run of the first seed. */
const OVERLAYS: ReadonlyArray<{ id: string; column: string; title: string; caption: string; axis: string }> = [
  { id: 'latency-p99', column: 'latency_p99_ms', title: 'Latency p99 over time', caption: 'p99 of the requests completed in each period.', axis: 'milliseconds' },
  { id: 'capacity', column: 'instances_in_service', title: 'Capacity over time', caption: 'Instances in service.', axis: 'instances' },
  { id: 'cost', column: 'cost_usd', title: 'Cumulative cost', caption: 'Instances and load balancer, billed up to each moment.', axis: 'US dollars' },
];

/** compare.html: the variants side by side, with how sure the comparison is. */
export function compareHtml(result: CompareResult): string {
  const facts = [
    formatSeeds(result.seeds),
    result.duration_seconds === null ? 'each scenario’s own duration' : `${formatDuration(result.duration_seconds)} simulated`,
    `baseline ${result.baseline}`,
    `${result.confidence * 100} % confidence intervals`,
  ];
  const overlaySeed = result.variants[0]?.timeseries.seed;
  const body = [
    `<header>
<p>fleetsim comparison</p>
<h1>${escapeHtml(result.variants.map((v) => v.name).join(' vs '))}</h1>
<p>${escapeHtml(facts.join(' · '))}</p>
</header>`,
    variantTable(result),
    `<section>
<h2>Results</h2>
<p class="caption">Mean across seeds ± the half-width of its ${result.confidence * 100} % interval, or with the interval’s bounds where it stops at the figure’s limit (0, or 100 %). Under each other variant: its paired difference to the baseline, seed by seed; coloured where the interval excludes zero (green better, red worse, blue for a figure that is neither).</p>
${resultsTable(result)}
</section>`,
    `<section>
<h2>Key figures</h2>
<p class="caption">Bars reach the mean; whiskers span the ${result.confidence * 100} % interval. Hover a bar for its figures.</p>
<div class="intervals">
${CHARTED.filter((m) => result.metrics.includes(m))
  .map((m) =>
    intervalChart(
      METRIC_INFO[m].label,
      result.variants.map((v, i) => ({ label: v.name, color: paletteColor(i), ...bounds(v.estimates[m]) })),
      AXIS_FORMAT[METRIC_VIEW[m].unit],
    ),
  )
  .join('\n')}
</div>
</section>`,
    ...OVERLAYS.map((o) => chartSection(o.id, o.title, `${o.caption} One run per variant, seed ${overlaySeed}.`)),
    `<footer>Compared by fleetsim. Each point on a chart is the end of a period; drag across a chart to zoom, double-click to zoom out.</footer>`,
  ].join('\n');
  const charts: ChartSpec[] = OVERLAYS.map((o) => overlay(o.id, o.column, o.axis, result.variants, result.duration_seconds));
  return htmlPage({ title: `${result.variants.map((v) => v.name).join(' vs ')}: fleetsim comparison`, body, charts });
}

function bounds(e: Estimate): { mean: number | null; low: number | null; high: number | null } {
  return { mean: e.mean, low: e.low, high: e.high };
}

function variantTable(result: CompareResult): string {
  const rows = result.variants.map((v, i) => {
    const slo = sloText(v.slo);
    return `<tr><td><span style="color:${paletteColor(i)}">■</span> ${escapeHtml(v.name)}${v.name === result.baseline ? ' (baseline)' : ''}</td><td><code>${escapeHtml(v.source)}</code></td><td>${v.sets.map((s) => `<code>${escapeHtml(s)}</code>`).join('<br>') || '–'}</td><td>${escapeHtml(slo)}</td></tr>`;
  });
  return `<section>
<h2>Variants</h2>
<table>
<thead><tr><th>variant</th><th>scenario</th><th>overrides</th><th>SLO</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function resultsTable(result: CompareResult): string {
  const head = result.variants.map((v) => `<th class="num">${escapeHtml(v.name)}</th>`).join('');
  const rows = result.metrics.map((m) => {
    const view = METRIC_VIEW[m];
    const cells = result.variants.map((v) => {
      const e = v.estimates[m];
      const d = v.difference_to_baseline?.[m];
      const diff = d ? `<br><span class="${verdict(d, view.better)}">${escapeHtml(difference(d, view.unit))}</span>` : '';
      return `<td class="num">${escapeHtml(formatEstimate(e, { unit: view.unit, typeset: true }))}${diff}</td>`;
    });
    const label = METRIC_INFO[m].label;
    // An indented label is a part of the figure above it (the cost's breakdown).
    const part = label.startsWith(' ') ? ' class="part"' : '';
    return `<tr><th scope="row"${part} title="${escapeHtml(METRIC_INFO[m].definition)}">${escapeHtml(label.trim())}</th>${cells.join('')}</tr>`;
  });
  return `<table class="results">
<thead><tr><th></th>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

/** Δ mean (low to high), every number to the decimal place of the interval's half-width. */
function difference(d: Estimate, unit: Unit): string {
  if (d.mean === null) return 'Δ –';
  const style: NumberStyle = { unit, typeset: true, signed: true };
  const decimals = d.half_width === null ? null : estimateDecimals(d.half_width, unit);
  const signed = (v: number) => (decimals === null ? formatPlain(v, style) : formatFixed(v, decimals, style));
  return d.low === null || d.high === null ? `Δ ${signed(d.mean)}` : `Δ ${signed(d.mean)} (${signed(d.low)} to ${signed(d.high)})`;
}

/**
 * `better` or `worse` when the interval of the difference excludes zero (the terminal's star), or
 * `differs` for a figure that is neither; else nothing.
 */
function verdict(d: Estimate, better: 'lower' | 'higher' | null): string {
  const sign = intervalSign(d);
  if (sign === 0) return '';
  if (better === null) return 'differs';
  return (sign < 0) === (better === 'lower') ? 'better' : 'worse';
}

/**
 * One series per variant, on the union of their period ends (variants may use different
 * periods; a variant's line is then drawn across the others' times).
 */
function overlay(id: string, column: string, axis: string, variants: readonly VariantResult[], duration: number | null): ChartSpec {
  const ends = variants.map((v) => periodEnds(v.timeseries.columns.time_s, duration));
  const x = [...new Set(ends.flat())].sort((a, b) => a - b);
  const aligned = ends.every((e) => e.length === x.length);
  const series = variants.map((v, i) => {
    const at = new Map<number, number | null>();
    const values = v.timeseries.columns[column] ?? [];
    ends[i].forEach((t, row) => at.set(t, values[row] === null || values[row] === undefined ? null : chartValue(values[row])));
    return { label: v.name, values: x.map((t) => at.get(t) ?? null), color: paletteColor(i), axis: 'left' as const, spanGaps: !aligned };
  });
  return { id, x, left: { label: axis }, series };
}

/** Period starts to period ends: the next start, and for the last period one period on (or the run's end). */
function periodEnds(starts: readonly (number | null)[], duration: number | null): number[] {
  const t = starts.map((s) => s ?? 0);
  const period = t.length > 1 ? t[1] - t[0] : (duration ?? 0);
  return t.map((s, i) => (i + 1 < t.length ? t[i + 1] : Math.min(s + period, duration ?? Infinity)));
}
