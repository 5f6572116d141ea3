import { escapeHtml } from './escape.ts';
import { truncate } from '../../text/truncate.ts';
import { axesSvg, axisSide, intervalAxis, place, svgFigure, type Interval, type PlotArea } from './svg-axes.ts';

export interface LinePoint extends Interval {
  /** Shown on hover. */
  readonly title: string;
}

export interface Line {
  readonly color: string;
  /** One per x label; null where there is no value (a gap in the line). */
  readonly points: ReadonlyArray<LinePoint | null>;
}

const WIDTH = 460;
const HEIGHT = 280;
const AREA: PlotArea = { left: 90, top: 12, right: WIDTH - 20, bottom: HEIGHT - 48 };
const MAX_X_LABELS = 10;

/**
 * Lines over labelled x values, each point with its interval as a whisker. Labels that are all
 * numbers are placed by value; others evenly, in the order given.
 */
export function lineChart(
  title: string,
  x: { readonly labels: readonly string[]; readonly title: string },
  y: { readonly title: string; readonly format: (v: number) => string },
  lines: readonly Line[],
): string {
  const numbers = x.labels.map(Number);
  const numeric = x.labels.every((l, i) => l.trim() !== '' && Number.isFinite(numbers[i]));
  const inner = (AREA.right - AREA.left) * 0.05;
  const xs = numeric
    ? numbers.map((v) => spread(numbers, v, AREA.left + inner, AREA.right - inner))
    : x.labels.map((_, i) => +(AREA.left + ((i + 0.5) / x.labels.length) * (AREA.right - AREA.left)).toFixed(1));
  const yAxis = intervalAxis(lines.flatMap((l) => l.points.filter((p) => p !== null)));
  const py = (v: number) => place(yAxis, v, AREA.bottom, AREA.top);
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const every = Math.ceil(x.labels.length / MAX_X_LABELS);
  const xTicks = order.filter((_, k) => k % every === 0).map((i) => ({ at: xs[i], label: truncate(x.labels[i], 14) }));
  const drawn = lines.map((line) => {
    let path = '';
    let joined = false;
    for (const i of order) {
      const p = line.points[i];
      path += p === null ? '' : `${joined ? 'L' : 'M'}${xs[i]} ${py(p.mean)}`;
      joined = p !== null;
    }
    const dots = order.map((i) => {
      const p = line.points[i];
      if (p === null) return '';
      const cy = py(p.mean);
      const whisker = p.low === null || p.high === null ? '' : `<path d="M${xs[i]} ${py(p.low)}V${py(p.high)}" stroke="${line.color}" stroke-opacity="0.55" fill="none"/>`;
      return `<g><title>${escapeHtml(p.title)}</title>${whisker}<circle cx="${xs[i]}" cy="${cy}" r="3.5" fill="${line.color}"/></g>`;
    });
    return `<g class="line"><path d="${path}" stroke="${line.color}" stroke-width="1.5" fill="none"/>${dots.join('')}</g>`;
  });
  return svgFigure(title, WIDTH, HEIGHT, [axesSvg(AREA, { ticks: xTicks, title: x.title }, axisSide(yAxis, y.title, py, y.format)), drawn.join('\n')]);
}

/** `v` placed linearly between `from` (the least of `values`) and `to` (the greatest). */
function spread(values: readonly number[], v: number, from: number, to: number): number {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return hi === lo ? +((from + to) / 2).toFixed(1) : +(from + ((v - lo) / (hi - lo)) * (to - from)).toFixed(1);
}
