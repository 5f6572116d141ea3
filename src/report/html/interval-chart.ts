import { escapeHtml } from './escape.ts';
import { truncate } from '../../text/truncate.ts';
import { extent, svgFigure } from './svg-axes.ts';

export interface IntervalRow {
  readonly label: string;
  readonly color: string;
  readonly mean: number | null;
  /** The 95 % interval; null when there were too few seeds for one. */
  readonly low: number | null;
  readonly high: number | null;
}

const WIDTH = 560;
const ROW = 30;
const LABEL = 190;
const RIGHT = 20;
const TOP = 8;
const AXIS = 24;

/**
 * A bar per row from zero to its mean, with its confidence interval as a whisker: drawn as SVG
 * on the server, so that it needs no script and prints as it shows.
 */
export function intervalChart(title: string, rows: readonly IntervalRow[], format: (v: number) => string): string {
  const values = rows.flatMap(extent);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const span = hi > lo ? hi - lo : 1;
  const plot = WIDTH - LABEL - RIGHT;
  const x = (v: number) => (LABEL + ((v - lo) / span) * plot).toFixed(1);
  const height = TOP + rows.length * ROW + AXIS;
  const parts = rows.map((r, i) => {
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    const label = `<text x="${LABEL - 8}" y="${mid + 4}" text-anchor="end">${escapeHtml(truncate(r.label, 28))}</text>`;
    if (r.mean === null) return `${label}<text x="${LABEL}" y="${mid + 4}">no value</text>`;
    const bar = `<rect x="${x(Math.min(0, r.mean))}" y="${y + 7}" width="${(Math.abs(r.mean) / span * plot).toFixed(1)}" height="${ROW - 14}" fill="${r.color}" fill-opacity="0.35"/>`;
    const whisker =
      r.low === null || r.high === null
        ? ''
        : `<path d="M${x(r.low)} ${mid}H${x(r.high)}M${x(r.low)} ${mid - 6}V${mid + 6}M${x(r.high)} ${mid - 6}V${mid + 6}" stroke="${r.color}" stroke-width="2" fill="none"/>`;
    const interval = r.low === null || r.high === null ? '' : ` (${format(r.low)} to ${format(r.high)})`;
    return `<g><title>${escapeHtml(`${r.label}: ${format(r.mean)}${interval}`)}</title>${label}${bar}${whisker}<circle cx="${x(r.mean)}" cy="${mid}" r="3.5" fill="${r.color}"/></g>`;
  });
  const axisY = TOP + rows.length * ROW + 4;
  // Every figure 0 (no errors anywhere) spans nothing: one tick, not three labels on one spot.
  const tickValues = hi > lo ? [lo, (lo + hi) / 2, hi] : [lo];
  const ticks = tickValues.map(
    (v, i) => `<text x="${x(v)}" y="${axisY + 14}" text-anchor="${['start', 'middle', 'end'][i]}">${escapeHtml(format(v))}</text>`,
  );
  return svgFigure(title, WIDTH, height, [`<path d="M${LABEL} ${axisY}H${LABEL + plot}" stroke="#8c959f" fill="none"/>`, parts.join('\n'), ticks.join('')]);
}
