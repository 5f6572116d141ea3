/**
 * How every table of fleetsim writes a figure and its confidence interval, in the terminal and in
 * the HTML reports alike. Locale-free on purpose: the same run gives the same bytes everywhere.
 */

/**
 * A mean across seeds with its 95 % confidence interval, [low, high], by the figure's scale
 * (experiment/estimate.ts): Student t with n - 1 degrees of freedom, widened by a quantile's histogram bin
 * and clipped to the values the figure can take, or Clopper-Pearson for the share of seeds that
 * met the SLO. `half_width` is half the interval's width (mean ± half_width is the interval
 * unless it was clipped). `n` counts the seeds that had a value; the interval is null below two.
 */
export interface Estimate {
  readonly n: number;
  readonly mean: number | null;
  readonly half_width: number | null;
  readonly low: number | null;
  readonly high: number | null;
}

/** `$` goes before each number, `ms` and `%` once after; `%` also scales a share (0..1) by 100. */
export type Unit = '' | '$' | 'ms' | '%';

export interface NumberStyle {
  readonly unit?: Unit;
  /** Thousands separators and a true minus sign, for HTML. */
  readonly typeset?: boolean;
  /** A + before positive numbers, for differences. */
  readonly signed?: boolean;
}

/**
 * A mean ± the half-width of its interval: the half-width to two significant digits and the mean
 * to the same decimal place, as measurements are written (digits beyond the interval's own
 * precision are noise). An interval that is not mean ± half-width at that precision (clipped to
 * the figure's range, or a share's) is written as its bounds: `0.7 (0 to 3.5) %`. The mean
 * alone when there is no interval, and `-` when there is no mean.
 */
export function formatEstimate(e: Estimate, style: NumberStyle = {}): string {
  if (e.mean === null) return style.typeset ? '–' : '-';
  if (e.half_width === null) return formatNumber(e.mean, style);
  const unit = style.unit ?? '';
  const bare: NumberStyle = { ...style, unit: '' };
  const decimals = tieBreaking(e.mean, e.half_width, unit, estimateDecimals(e.half_width, unit));
  const fixed = (v: number, s: NumberStyle = bare) => (decimals === null ? formatNumber(scale(v, unit), s) : formatFixed(scale(v, unit), decimals, s));
  const mean = fixed(e.mean);
  const low = e.low ?? e.mean - e.half_width;
  const high = e.high ?? e.mean + e.half_width;
  const unsigned = { ...bare, signed: false };
  if (fixed(low) !== fixed(e.mean - e.half_width) || fixed(high) !== fixed(e.mean + e.half_width)) {
    // A bound at 0 is the figure's own limit, exact: no decimals.
    const [l, h] = [low, high].map((v) => (v === 0 ? '0' : fixed(v, unsigned)));
    return unit === '$' ? `${dollar(mean)} (${dollar(l)} to ${dollar(h)})` : `${mean} (${l} to ${h})${suffix(unit)}`;
  }
  const half = decimals === null ? '0' : fixed(e.half_width, unsigned);
  return unit === '$' ? `${dollar(mean)} ± $${half}` : `${mean} ± ${half}${suffix(unit)}`;
}

/**
 * More decimals (two at most) while the mean and the half-width would print alike (0.013 ±
 * 0.013): the reader then sees on which side of 0 the interval ends, as a difference's star says.
 */
function tieBreaking(mean: number, halfWidth: number, unit: Unit, decimals: number | null): number | null {
  if (decimals === null || Math.abs(mean) === halfWidth) return decimals;
  const alike = (d: number) => formatFixed(Math.abs(scale(mean, unit)), d) === formatFixed(scale(halfWidth, unit), d);
  let d = decimals;
  while (alike(d) && d < decimals + 2) d++;
  return d;
}

/**
 * The decimal place of an interval of this half-width (negative: tens, hundreds…), or null for a
 * half-width of 0, which carries no precision.
 */
export function estimateDecimals(halfWidth: number, unit: Unit = ''): number | null {
  const h = Math.abs(scale(halfWidth, unit));
  if (!(h > 0) || !Number.isFinite(h)) return null;
  // From the rounded half-width: 0.0996 becomes 0.10, two digits, not 0.100.
  return Math.min(20, 1 - Math.floor(Math.log10(+h.toPrecision(2))));
}

/** `v` rounded to `decimals` places (negative: to tens, hundreds…), with its unit. */
export function formatFixed(v: number, decimals: number, style: NumberStyle = {}): string {
  const x = scale(v, style.unit ?? '');
  const digits = decimals >= 0 ? x.toFixed(decimals) : String(Math.round(x / 10 ** -decimals) * 10 ** -decimals);
  return withUnit(signAndGroup(digits, style), style);
}

/** Four significant digits, whole numbers from 1000 on; with its unit. */
export function formatNumber(v: number, style: NumberStyle = {}): string {
  const x = scale(v, style.unit ?? '');
  const digits = Math.abs(x) >= 1000 ? String(Math.round(x)) : String(+x.toPrecision(4));
  return withUnit(signAndGroup(digits, style), style);
}

function scale(v: number, unit: Unit): number {
  return unit === '%' ? v * 100 : v;
}

/** Drops the sign of a number that rounds to zero, adds + when asked, groups thousands when typeset. */
function signAndGroup(digits: string, style: NumberStyle): string {
  const negative = digits.startsWith('-') && /[1-9]/.test(digits);
  let body = digits.replace(/^-/, '');
  if (style.typeset && !body.includes('e')) {
    const [whole, fraction] = body.split('.');
    body = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction === undefined ? '' : `.${fraction}`);
  }
  const sign = negative ? (style.typeset ? '−' : '-') : style.signed && /[1-9]/.test(body) ? '+' : '';
  return sign + body;
}

function withUnit(text: string, style: NumberStyle): string {
  const unit = style.unit ?? '';
  return unit === '$' ? dollar(text) : text + suffix(unit);
}

/** The dollar sign after the number's sign: −$1.50. */
function dollar(text: string): string {
  const sign = /^[-−+]/.test(text) ? text[0] : '';
  return `${sign}$${text.slice(sign.length)}`;
}

function suffix(unit: Unit): string {
  return unit === '' || unit === '$' ? '' : ` ${unit}`;
}
