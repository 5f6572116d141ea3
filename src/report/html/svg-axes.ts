import { escapeHtml } from './escape.ts';

/** A value axis: drawn from its first tick to its last. */
export interface ValueAxis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  /** Values placed by their logarithm. */
  readonly log?: boolean;
}

/** Beyond this ratio of the largest value to the smallest, a linear axis squeezes the small ones flat. */
const LOG_RATIO = 10;

/**
 * A logarithmic axis for positive values spanning more than LOG_RATIO (an under-provisioned
 * point's p99 can be a hundred times the others'), else a linear one.
 */
export function fittingAxis(values: readonly number[]): ValueAxis {
  const positive = values.length > 0 && values.every((v) => v > 0);
  return positive && Math.max(...values) >= LOG_RATIO * Math.min(...values) ? logAxis(values) : valueAxis(values);
}

/**
 * The axis of means with their intervals: logarithmic when the means are positive and span
 * LOG_RATIO or more, even when a whisker reaches zero or below (an interval over few seeds of a
 * figure that cannot be negative may), that whisker then ending at the axis' foot; else the
 * fitting axis of every mean and whisker end.
 */
export function intervalAxis(intervals: readonly Interval[]): ValueAxis {
  const means = intervals.map((i) => i.mean);
  const ends = intervals.flatMap(extent);
  const spread = means.length > 0 && means.every((v) => v > 0) && Math.max(...means) >= LOG_RATIO * Math.min(...means);
  return spread ? logAxis(ends.filter((v) => v > 0)) : fittingAxis(ends);
}

/**
 * From the greatest 1, 2 or 5 times a power of ten at or below the least value to the least one at
 * or above the greatest, ticked at each such number (over more than three decades, at the ends
 * and the powers of ten).
 */
function logAxis(values: readonly number[]): ValueAxis {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const sequence: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); sequence.length === 0 || sequence[sequence.length - 1] < hi; k++) {
    for (const m of [1, 2, 5]) sequence.push(+(m * 10 ** k).toPrecision(12));
  }
  const from = sequence.filter((v) => v <= lo * (1 + 1e-9)).length - 1;
  const to = sequence.findIndex((v) => v >= hi * (1 - 1e-9));
  const span = sequence.slice(from, to + 1);
  const many = Math.log10(span[span.length - 1] / span[0]) > 3;
  const ticks = span.filter((v, i) => !many || i === 0 || i === span.length - 1 || Number.isInteger(Math.log10(v)));
  return { min: ticks[0], max: ticks[ticks.length - 1], ticks, log: true };
}

/**
 * Round ticks spanning every value, 1, 2 or 5 times a power of ten apart, about `count` of them:
 * the axis then starts and ends on a number a reader can take in at a glance.
 */
function valueAxis(values: readonly number[], count = 5): ValueAxis {
  let lo = values.length > 0 ? Math.min(...values) : 0;
  let hi = values.length > 0 ? Math.max(...values) : 1;
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 10;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  // The tolerance keeps a step that equals `raw` up to rounding from jumping to the next size.
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * power;
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(+(k * step).toPrecision(12));
  return { min: ticks[0], max: ticks[ticks.length - 1], ticks };
}

/**
 * Where `v` falls between `from` (the axis' min) and `to` (its max), to a tenth of a pixel; on a
 * logarithmic axis, a value below its min (zero or less has no logarithm) at the min.
 */
export function place(axis: ValueAxis, v: number, from: number, to: number): number {
  const share = axis.log ? Math.log10(Math.max(v, axis.min) / axis.min) / Math.log10(axis.max / axis.min) : (v - axis.min) / (axis.max - axis.min);
  return +(from + share * (to - from)).toFixed(1);
}

/** An axis title that says when the axis is logarithmic. */
export function scaleTitle(title: string, axis: ValueAxis): string {
  return axis.log ? `${title}, log scale` : title;
}

/** A mean and its confidence interval; no interval below two seeds. */
export interface Interval {
  readonly mean: number;
  readonly low: number | null;
  readonly high: number | null;
}

/** The values a chart must span to show a mean and its whisker. */
export function extent(i: { readonly mean: number | null; readonly low: number | null; readonly high: number | null }): number[] {
  return [i.mean, i.low, i.high].filter((v): v is number => v !== null);
}

/** The plot area inside an SVG, in pixels. */
export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** A labelled position on an axis, in pixels. */
export interface Tick {
  readonly at: number;
  readonly label: string;
}

const GRID = '#d1d9e0';
const AXIS = '#8c959f';

/** A value axis as axesSvg draws it: each tick at its pixel with its label, and its title. */
export function axisSide(axis: ValueAxis, title: string, at: (v: number) => number, format: (v: number) => string): { ticks: Tick[]; title: string } {
  return { ticks: axis.ticks.map((t) => ({ at: at(t), label: format(t) })), title: scaleTitle(title, axis) };
}

/** Grid lines at the y ticks, both axes with their tick labels, and the axis titles. */
export function axesSvg(area: PlotArea, x: { ticks: readonly Tick[]; title: string }, y: { ticks: readonly Tick[]; title: string }): string {
  const { left, top, right, bottom } = area;
  const grid = y.ticks.map((t) => `M${left} ${t.at}H${right}`).join('');
  const marks = x.ticks.map((t) => `M${t.at} ${bottom}v5`).join('');
  const yLabels = y.ticks.map((t) => `<text x="${left - 6}" y="${t.at + 4}" text-anchor="end">${escapeHtml(t.label)}</text>`);
  const xLabels = x.ticks.map((t) => `<text x="${t.at}" y="${bottom + 18}" text-anchor="middle">${escapeHtml(t.label)}</text>`);
  const middleX = (left + right) / 2;
  const middleY = (top + bottom) / 2;
  return [
    `<path d="${grid}" stroke="${GRID}" fill="none"/>`,
    `<path d="M${left} ${top}V${bottom}H${right}${marks}" stroke="${AXIS}" fill="none"/>`,
    ...yLabels,
    ...xLabels,
    `<text x="${middleX}" y="${bottom + 38}" text-anchor="middle">${escapeHtml(x.title)}</text>`,
    `<text x="14" y="${middleY}" text-anchor="middle" transform="rotate(-90 14 ${middleY})">${escapeHtml(y.title)}</text>`,
  ].join('\n');
}

/** A chart captioned by its title, which also labels the SVG for screen readers. */
export function svgFigure(title: string, width: number, height: number, content: readonly string[]): string {
  return `<figure class="interval">
<figcaption>${escapeHtml(title)}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">
${content.join('\n')}
</svg>
</figure>`;
}
