import { singleResources } from '../../scenario/single-resource.ts';
import { FAILURE_CAUSES } from '../../models/requests/outcomes.ts';
import type { ActivityRecord } from '../../models/telemetry/activity-log.ts';
import { formatDuration } from '../../scenario/duration.ts';
import type { RunResult } from '../../scenario/simulate.ts';
import type { RunWarning } from '../../scenario/warnings.ts';
import type { Summary } from '../summary.ts';
import { chartValue, paletteColor, PALETTE, type ChartSpec, type MarkerSpec, type SeriesSpec } from './chart-spec.ts';
import { escapeHtml } from './escape.ts';
import { formatClock, formatCount, formatMs, formatNumber, formatPercent, formatUsd } from './format.ts';
import { chartSection, htmlPage } from './page.ts';
import { resourcesSection } from './resources-section.ts';
import { summaryTable } from './summary-table.ts';

/**
 * The load's need changes every period with the traffic's noise; the chart shows its mean over the
 * trailing window, in whole instances, so it reads as a level to compare capacity with, not a flicker.
 */
const NEEDED_WINDOW = 300;
/** The level steps down only once the mean is this far (instances) below the level under it. */
const NEEDED_HYSTERESIS = 0.1;

/**
 * Capacity curves of the traffic chart, from timeseries.csv columns. A column that stays at zero
 * for the whole run (no warm pool, nothing pending) is left out unless `always`. Violet is kept
 * for the scaling-activity markers. In-service columns per purchase option join as entries here.
 */
const CAPACITY_SERIES: ReadonlyArray<{ column: string; label: string; color: string; always?: boolean; dashed?: boolean; underlay?: boolean }> = [
  // Desired capacity mostly equals in service: drawn first, wide and pale, so it shows under it.
  { column: 'desired', label: 'desired', color: '#1f6feb', always: true, underlay: true },
  { column: 'instances_in_service', label: 'in service', color: '#1a7f37', always: true },
  { column: 'pending', label: 'pending', color: '#9a6700' },
  { column: 'warm_pool', label: 'warm pool', color: '#0a7e8c' },
  { column: 'instances_needed', label: `needed for the load (${NEEDED_WINDOW / 60}-min mean)`, color: '#bf3989', dashed: true },
];

/**
 * Trailing mean over NEEDED_WINDOW seconds (at least one period), rounded up to whole instances:
 * up as soon as the mean needs another instance, down only when it is clearly below (hysteresis),
 * so that a load near a whole number of instances does not flip the line every period.
 */
function neededLevel(needed: Float64Array, widths: readonly number[]): number[] {
  const out: number[] = [];
  let level = 0;
  let start = 0;
  let weighted = 0;
  let span = 0;
  for (let i = 0; i < needed.length; i++) {
    weighted += needed[i] * widths[i];
    span += widths[i];
    while (start < i && span - widths[start] >= NEEDED_WINDOW) {
      weighted -= needed[start] * widths[start];
      span -= widths[start];
      start++;
    }
    const mean = span > 0 ? weighted / span : 0;
    // The 1e-9 keeps a mean of exactly 3 (built from sums of fractions) from reading as 3.0000000001.
    if (mean - 1e-9 > level || mean <= level - 1 - NEEDED_HYSTERESIS) level = Math.ceil(mean - 1e-9);
    out.push(level);
  }
  return out;
}

/** report.html: the run for a reader who was not there, in one file that opens offline. */
export function runReportHtml(run: RunResult, summary: Summary): string {
  const series = run.timeSeries;
  const starts = series.column('time_s');
  // Each point is a period's end: gauges are read then, and counts become rates over the period.
  const ends = Array.from(starts, (_, i) => (i + 1 < starts.length ? starts[i + 1] : run.simulatedSeconds));
  const widths = ends.map((end, i) => end - starts[i]);
  const column = (name: string) => Array.from(series.column(name), chartValue);
  const perSecond = (name: string) => Array.from(series.column(name), (v, i) => chartValue(widths[i] > 0 ? v / widths[i] : NaN));
  const scaling = run.activity.filter(isDesiredCapacityChange);
  const markers: MarkerSpec[] = scaling.map((r) => ({ time: r.time, text: `${formatClock(r.time)} desired ${r.from} → ${r.to}: ${r.cause}` }));

  const anyNonZero = (name: string) => series.column(name).some((v) => v !== 0);
  const capacity: SeriesSpec[] = CAPACITY_SERIES.filter((c) => c.always || anyNonZero(c.column)).map((c) => ({
    label: c.label,
    values: c.column === 'instances_needed' ? neededLevel(series.column(c.column), widths) : column(c.column),
    color: c.color,
    axis: 'right',
    dashed: c.dashed,
    underlay: c.underlay,
  }));
  // Only the causes that occurred, or all of them (flat at zero) when nothing failed.
  const occurred = FAILURE_CAUSES.filter((cause) => anyNonZero(`failed_${cause}`));
  const causes = occurred.length > 0 ? occurred : FAILURE_CAUSES;
  const charts: ChartSpec[] = [
    {
      id: 'traffic',
      x: ends,
      left: { label: 'requests per second' },
      right: { label: 'instances' },
      series: [{ label: 'arrivals per second', values: perSecond('arrivals'), color: '#8c959f', axis: 'left' }, ...capacity],
      markers,
    },
    {
      id: 'latency',
      x: ends,
      left: { label: 'milliseconds' },
      series: [
        { label: 'p50', values: column('latency_p50_ms'), color: PALETTE[0], axis: 'left' },
        { label: 'p99', values: column('latency_p99_ms'), color: PALETTE[1], axis: 'left' },
      ],
    },
    {
      id: 'errors',
      x: ends,
      left: { label: 'failed requests per second' },
      series: causes.map((cause) => ({
        label: cause,
        values: perSecond(`failed_${cause}`),
        color: paletteColor(FAILURE_CAUSES.indexOf(cause) + 1),
        axis: 'left',
      })),
      stacked: true,
    },
    {
      id: 'cost',
      x: ends,
      left: { label: 'US dollars' },
      series: [{ label: 'cost so far', values: column('cost_usd'), color: PALETTE[2], axis: 'left' }],
    },
  ];

  const resources = resourcesSection(run, summary, ends);
  const body = [
    header(run, summary),
    warningsSection(summary.warnings),
    keyFigures(summary, scaling.length),
    chartSection(
      'traffic',
      'Traffic and capacity',
      `Arrivals per second (left axis) against the group’s instances (right axis). ${
        markers.length > 0 ? 'Dashed violet lines mark changes of desired capacity: hover one for its time and cause.' : 'Desired capacity did not change.'
      }`,
    ),
    chartSection('latency', 'Latency over time', 'Response time percentiles of the requests completed in each period.'),
    chartSection('errors', 'Errors by cause', occurred.length > 0 ? 'Failed requests per second, stacked by cause.' : 'No request failed.'),
    chartSection('cost', 'Cumulative cost', 'Instances and load balancer, billed up to each moment.'),
    resources.html,
    scalingTable(scaling),
    `<section>
<h2>Summary</h2>
<p class="caption">Every figure of summary.json, under the name <code>--assert</code> takes.</p>
${summaryTable(summary)}
</section>`,
    `<footer>Simulated by fleetsim. Each point on a chart is the end of a ${escapeHtml(formatDuration(run.scenario.output.period))} period; drag across a chart to zoom, double-click to zoom out.</footer>`,
  ].join('\n');
  return htmlPage({ title: `${run.scenario.name}: fleetsim report`, body, charts: [...charts, ...resources.charts] });
}

/**
 * A desired-capacity change of the group, as opposed to an instance's lifecycle step: the group's
 * records go from one capacity to another, an instance's from one state name to another.
 */
function isDesiredCapacityChange(r: ActivityRecord): boolean {
  return r.source.startsWith('asg:') && /^\d+$/.test(r.from) && /^\d+$/.test(r.to);
}

function header(run: RunResult, summary: Summary): string {
  const s = run.scenario;
  const { loadBalancer, targetGroup, group } = singleResources(s);
  const algorithm = targetGroup.config.algorithm;
  // A group that keeps one size and has no policies is a fixed fleet.
  const fixed = group.config.min === group.config.max && group.config.policies.length === 0;
  const facts = [
    `seed ${summary.seed}`,
    `${formatDuration(summary.simulated_seconds)} simulated${summary.warmup_seconds > 0 ? `, the first ${formatDuration(summary.warmup_seconds)} a warmup` : ''}`,
    fixed ? `${group.config.min} × ${group.config.instance_type}` : `${group.config.instance_type} in an Auto Scaling group`,
    `${loadBalancer.config.type.toUpperCase()}${algorithm ? `, ${algorithm.replaceAll('_', ' ')}` : ''}`,
  ];
  return `<header>
<p>fleetsim report</p>
<h1>${escapeHtml(s.name)}</h1>
${s.description ? `<p>${escapeHtml(s.description)}</p>\n` : ''}<p>${escapeHtml(facts.join(' · '))}</p>
</header>`;
}

/** Above the figures, since each warning says they may not answer the question the scenario asked. */
function warningsSection(warnings: readonly RunWarning[]): string {
  if (warnings.length === 0) return '';
  const items = warnings.map((w) => `<li><code>${escapeHtml(w.path)}</code>: ${escapeHtml(w.message)}</li>`).join('\n');
  return `<section class="warnings" role="alert">
<h2>${warnings.length === 1 ? 'Warning' : `${warnings.length} warnings`}</h2>
<ul>
${items}
</ul>
</section>`;
}

function keyFigures(s: Summary, desiredChanges: number): string {
  const r = s.requests;
  const l = s.latency_ms;
  const worstCause = Object.entries(r.failed_by_cause)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])[0];
  const figure = (label: string, value: string, detail: string) =>
    `<div class="figure"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div><div class="detail">${escapeHtml(detail)}</div></div>`;
  return `<section class="figures">
${[
  figure('requests', formatCount(r.arrived), `${formatCount(r.completed)} completed`),
  figure('failed', formatPercent(r.arrived > 0 ? r.failed / r.arrived : null), worstCause ? `${formatCount(r.failed)}, mostly ${worstCause[0]}` : 'none'),
  figure('latency p50', formatMs(l.p50), `mean ${formatMs(l.mean)}`),
  figure('latency p99', formatMs(l.p99), `p99.9 ${formatMs(l.p999)}`),
  figure('cost', formatUsd(s.cost_usd.total), `${formatUsd(r.arrived > 0 ? (s.cost_usd.total / r.arrived) * 1e6 : null)} per million requests`),
  figure('instances', formatNumber(s.capacity.mean_instances), `on average; at most ${s.capacity.max_instances}, ${formatNumber(s.capacity.instance_hours)} instance-hours`),
  figure('scaling', `${desiredChanges} changes`, `${s.scaling.launches} launches, ${s.scaling.terminations} terminations`),
  figure('under-provisioned', s.capacity.under_provisioned_seconds > 0 ? formatDuration(s.capacity.under_provisioned_seconds) : 'never', 'fewer instances in service than the load needed'),
].join('\n')}
</section>`;
}

function scalingTable(changes: readonly ActivityRecord[]): string {
  if (changes.length === 0) return '';
  const rows = changes
    .map((r) => `<tr><td>${escapeHtml(formatClock(r.time))}</td><td class="num">${escapeHtml(r.from)} → ${escapeHtml(r.to)}</td><td>${escapeHtml(r.cause)}</td></tr>`)
    .join('\n');
  return `<section>
<h2>Scaling activities</h2>
<details>
<summary>${changes.length} changes of desired capacity</summary>
<table>
<thead><tr><th>time</th><th class="num">desired</th><th>cause</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</details>
</section>`;
}
