/**
 * Log-bucketed histogram of non-negative values with a bounded relative error on quantiles.
 *
 * The bucket of a value v comes from the bits of its IEEE-754 double: with v = 2^e (1 + m),
 * f(v) = e + m is a piecewise-linear log2 that costs a few integer operations instead of a
 * Math.log. Buckets are equal steps of f of width ln(gamma), gamma = (1 + a) / (1 - a); since
 * d f / d ln v >= 1, every bucket [lo, hi) has hi / lo <= gamma, and reporting 2 lo hi / (lo + hi)
 * keeps every quantile within relative error a of a value the data really holds (the construction
 * of DDSketch, Masson et al., VLDB 2019, with its linearly interpolated mapping). Memory is fixed
 * by the value range, never by the number of values.
 */
export interface HistogramOptions {
  /** Relative accuracy of quantiles; default 0.005 (0.5 %). */
  readonly relativeError?: number;
  /** Values at or below this are counted in a zero bucket; default 1e-7. */
  readonly minValue?: number;
  /** Values above this are clamped into the top bucket (max stays exact); default 1e7. */
  readonly maxValue?: number;
}

/** Relative accuracy of quantiles unless told: every reported quantile is within 0.5 % of a recorded value. */
export const DEFAULT_RELATIVE_ERROR = 0.005;

/** Index of the high word of a double in a Uint32Array over it (little- or big-endian machine). */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Inverse of LogHistogram.log2Approx. */
function fromLog2Approx(x: number): number {
  const e = Math.floor(x);
  return Math.pow(2, e) * (1 + (x - e));
}

export class LogHistogram {
  readonly relativeError: number;
  private readonly minValue: number;
  /** Buckets per unit of log2Approx. */
  private readonly multiplier: number;
  private readonly offset: number;
  private readonly counts: Float64Array;
  private readonly top: number;
  // The bits of a value are read through these instance fields rather than module constants: V8
  // checks a module constant's type on every use, but knows the type of a field it has seen.
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);
  private readonly highWord = HIGH_WORD;
  private zeroCount = 0;
  /** Lowest and highest bucket touched, so that reset and quantile scan only what was used. */
  private lo = Infinity;
  private hi = -1;
  private total = 0;
  private sumValues = 0;
  private maxSeen = -Infinity;
  private minSeen = Infinity;

  constructor(options: HistogramOptions = {}) {
    const a = options.relativeError ?? DEFAULT_RELATIVE_ERROR;
    this.relativeError = a;
    this.minValue = options.minValue ?? 1e-7;
    const maxValue = options.maxValue ?? 1e7;
    this.multiplier = 1 / Math.log((1 + a) / (1 - a));
    this.offset = 1 - Math.floor(this.log2Approx(this.minValue) * this.multiplier);
    this.top = Math.floor(this.log2Approx(maxValue) * this.multiplier) + this.offset;
    this.counts = new Float64Array(this.top + 1);
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

  /**
   * Bucket of a value: 0 for the zero bucket. Histograms built with the same options share
   * buckets, so a value recorded in several of them is mapped once (recordInBucket).
   */
  bucketOf(value: number): number {
    if (value <= this.minValue) return 0;
    const i = Math.floor(this.log2Approx(value) * this.multiplier) + this.offset;
    return i < this.top ? i : this.top;
  }

  /** Piecewise-linear log2 from the exponent and the top 20 mantissa bits. */
  private log2Approx(v: number): number {
    this.bits[0] = v;
    const hi = this.words[this.highWord];
    return (hi >>> 20) - 1023 + (hi & 0xfffff) * 9.5367431640625e-7; // 2^-20
  }

  record(value: number): void {
    this.recordInBucket(this.bucketOf(value), value);
  }

  recordInBucket(bucket: number, value: number): void {
    this.total++;
    this.sumValues += value;
    if (value > this.maxSeen) this.maxSeen = value;
    if (value < this.minSeen) this.minSeen = value;
    if (bucket === 0) {
      this.zeroCount++;
      return;
    }
    this.counts[bucket]++;
    if (bucket < this.lo) this.lo = bucket;
    if (bucket > this.hi) this.hi = bucket;
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
        const lo = fromLog2Approx((i - this.offset) / this.multiplier);
        const hi = fromLog2Approx((i + 1 - this.offset) / this.multiplier);
        // The exact extremes are known: never report outside them.
        return Math.min(Math.max((2 * lo * hi) / (lo + hi), this.minSeen), this.maxSeen);
      }
    }
    return this.maxSeen;
  }

  /** Adds another histogram with the same options into this one. */
  merge(other: LogHistogram): void {
    if (other.counts.length !== this.counts.length || other.multiplier !== this.multiplier) {
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
