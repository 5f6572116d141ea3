/**
 * What the page script (render-charts.js) draws with uPlot: plain data, inlined in the page as
 * JSON, so that the page needs nothing but itself.
 */

export interface SeriesSpec {
  readonly label: string;
  /** One value per x; null where there is none (a gap in the line). */
  readonly values: ReadonlyArray<number | null>;
  /** CSS colour. */
  readonly color: string;
  /** The y axis it is read on. */
  readonly axis: 'left' | 'right';
  readonly dashed?: boolean;
  /** Drawn wide and pale, so that it shows beside a series drawn after it over the same values. */
  readonly underlay?: boolean;
  /** Drawn across nulls (for series joined on the times of other series). */
  readonly spanGaps?: boolean;
}

export interface AxisSpec {
  readonly label: string;
}

/** A moment on the time axis with what happened then, shown on hover. */
export interface MarkerSpec {
  readonly time: number;
  readonly text: string;
}

export interface ChartSpec {
  /** Unique in the page: the chart's element is `chart-<id>`. */
  readonly id: string;
  /** Simulated seconds, increasing. */
  readonly x: readonly number[];
  readonly left: AxisSpec;
  readonly right?: AxisSpec;
  readonly series: readonly SeriesSpec[];
  /** Series drawn as stacked areas, each on top of the ones before it; the legend shows each series' own value. */
  readonly stacked?: boolean;
  readonly markers?: readonly MarkerSpec[];
}

/** Series colours in order of use, dark enough to read as thin lines on white. */
export const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7e8c', '#57606a'] as const;

/** The colour of the i-th series, starting over when there are more series than colours. */
export function paletteColor(i: number): string {
  return PALETTE[i % PALETTE.length];
}

/** Rounds for the page: charts need no more than 6 significant digits, and fewer bytes load faster. */
export function chartValue(v: number): number | null {
  return Number.isFinite(v) ? +v.toPrecision(6) : null;
}
