/**
 * Log-bucketed histogram of positive values with a bounded relative error on quantiles.
 *
 * Bucket i holds values in (gamma^(i-1), gamma^i] times the smallest tracked value, with
 * gamma = (1 + a) / (1 - a); reporting 2 gamma^i / (gamma + 1) for a bucket keeps every quantile
 * within a relative error a of a value the data really holds (the DDSketch construction,
 * Masson et al., VLDB 2019). Memory is fixed by the range, never by the number of values.
 */
export interface HistogramOptions {
  /** Relative accuracy of quantiles; default 0.005 (0.5 %). */
  readonly relativeError?: number;
  /** Values at or below this are counted in a zero bucket; default 1e-7. */
  readonly minValue?: number;
  /** Values above this are clamped into the top bucket (max stays exact); default 1e7. */
  readonly maxValue?: number;
}

export class LogHistogram {
  readonly relativeError: number;
  private readonly minValue: number;
  private readonly gamma: number;
  private readonly invLogGamma: number;
  private readonly offset: number;
  private readonly counts: Float64Array;
  private zeroCount = 0;
  /** Lowest and highest bucket touched, so that reset and quantile scan only what was used. */
  private lo = Infinity;
  private hi = -1;
  private total = 0;
  private sumValues = 0;
  private maxSeen = -Infinity;
  private minSeen = Infinity;

  constructor(options: HistogramOptions = {}) {
    const a = options.relativeError ?? 0.005;
    this.relativeError = a;
    this.minValue = options.minValue ?? 1e-7;
    const maxValue = options.maxValue ?? 1e7;
    this.gamma = (1 + a) / (1 - a);
    this.invLogGamma = 1 / Math.log(this.gamma);
    this.offset = -Math.ceil(Math.log(this.minValue) * this.invLogGamma);
    const top = Math.ceil(Math.log(maxValue) * this.invLogGamma) + this.offset;
    this.counts = new Float64Array(top + 1);
  }

  get count(): number {
    return this.total;
  }

  get sum(): number {
    return this.sumValues;
  }

  /** Arithmetic mean (exact); NaN when empty. */
  get mean(): number {
    return this.total > 0 ? this.sumValues / this.total : NaN;
  }

  /** Largest value recorded (exact); NaN when empty. */
  get max(): number {
    return this.total > 0 ? this.maxSeen : NaN;
  }

  /** Smallest value recorded (exact); NaN when empty. */
  get min(): number {
    return this.total > 0 ? this.minSeen : NaN;
  }

  record(value: number): void {
    this.total++;
    this.sumValues += value;
    if (value > this.maxSeen) this.maxSeen = value;
    if (value < this.minSeen) this.minSeen = value;
    if (value <= this.minValue) {
      this.zeroCount++;
      return;
    }
    let i = Math.ceil(Math.log(value) * this.invLogGamma) + this.offset;
    if (i >= this.counts.length) i = this.counts.length - 1;
    else if (i < 1) i = 1;
    this.counts[i]++;
    if (i < this.lo) this.lo = i;
    if (i > this.hi) this.hi = i;
  }

  /**
   * The q-quantile (0 <= q <= 1) by nearest rank: the smallest recorded value with at least
   * ceil(q n) values at or below it, within the relative error. NaN when empty.
   */
  quantile(q: number): number {
    if (this.total === 0) return NaN;
    if (q <= 0) return this.minSeen;
    if (q >= 1) return this.maxSeen;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = this.zeroCount;
    if (seen >= rank) return Math.max(this.minSeen, 0);
    const counts = this.counts;
    for (let i = this.lo; i <= this.hi; i++) {
      seen += counts[i];
      if (seen >= rank) {
        const v = (2 * Math.pow(this.gamma, i - this.offset)) / (this.gamma + 1);
        // The exact extremes are known: never report outside them.
        return Math.min(Math.max(v, this.minSeen), this.maxSeen);
      }
    }
    return this.maxSeen;
  }

  /** Adds another histogram with the same options into this one. */
  merge(other: LogHistogram): void {
    if (other.counts.length !== this.counts.length || other.gamma !== this.gamma) {
      throw new Error('cannot merge histograms with different options');
    }
    for (let i = other.lo; i <= other.hi; i++) this.counts[i] += other.counts[i];
    this.lo = Math.min(this.lo, other.lo);
    this.hi = Math.max(this.hi, other.hi);
    this.zeroCount += other.zeroCount;
    this.total += other.total;
    this.sumValues += other.sumValues;
    if (other.total > 0) {
      this.maxSeen = Math.max(this.maxSeen, other.maxSeen);
      this.minSeen = Math.min(this.minSeen, other.minSeen);
    }
  }

  reset(): void {
    if (this.hi >= 0) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = Infinity;
    this.hi = -1;
    this.zeroCount = 0;
    this.total = 0;
    this.sumValues = 0;
    this.maxSeen = -Infinity;
    this.minSeen = Infinity;
  }
}
