import type { Uniform } from '../../../engine/index.ts';
import type { RateTrace } from '../traces/rate-csv.ts';
import type { ArrivalProcess } from './arrival-process.ts';

export interface TraceReplayOptions {
  /** Multiplies every bucket's count. */
  readonly scale: number;
  /** Compresses trace time: 2 replays an hour of trace in 30 simulated minutes. */
  readonly speedup: number;
  /** Start again from the first bucket when the trace ends. */
  readonly loop: boolean;
  /** Place exactly each bucket's count uniformly in the bucket instead of Poisson arrivals at its rate. */
  readonly exact: boolean;
  /** Trace time (seconds) that simulated time 0 corresponds to. */
  readonly offset: number;
  /** No arrival after this simulated time (the end of the run): a looping trace is walked no further. */
  readonly horizon: number;
}

/**
 * Replays a rate trace. By default each bucket is a Poisson process at the bucket's rate (a
 * non-homogeneous Poisson process with a piecewise-constant rate); with `exact`, each bucket gets
 * exactly its count (times `scale`, rounded at random to keep the mean), uniformly spread.
 * Simulated time t corresponds to trace time offset + t * speedup.
 */
export class TraceReplay implements ArrivalProcess {
  private readonly counts: Float64Array;
  private bucketIndex: number;
  private bucketStart = 0;
  private bucketEnd = 0;
  private rate = 0;
  private cursor = 0;
  /** Exact mode: arrivals left in the bucket, and the position of the last one as a fraction. */
  private remaining = 0;
  private position = 0;
  private finished = false;

  constructor(
    private readonly trace: RateTrace,
    private readonly options: TraceReplayOptions,
    private readonly uniform: Uniform,
  ) {
    this.counts = trace.counts;
    const first = Math.floor((options.offset - trace.start) / trace.bucket);
    this.bucketIndex = Math.max(first, 0) - 1;
    // A looping trace without a request would otherwise be walked lap after lap for ever.
    const empty = !this.counts.some((c) => c * options.scale > 0);
    this.finished = (options.loop && empty) || !this.advance();
  }

  /** Simulated duration of one pass over the trace from the offset. */
  static span(trace: RateTrace, options: Pick<TraceReplayOptions, 'speedup' | 'offset'>): number {
    const end = trace.start + trace.counts.length * trace.bucket;
    return Math.max(0, end - options.offset) / options.speedup;
  }

  next(now: number): number {
    if (this.finished) return Infinity;
    if (this.options.exact) return this.nextExact();
    let t = Math.max(now, this.cursor);
    for (;;) {
      if (this.rate > 0) {
        t -= Math.log1p(-this.uniform()) / this.rate;
        if (t < this.bucketEnd) return (this.cursor = t);
      }
      // Memoryless: restart the draw at the boundary with the next bucket's rate.
      t = this.bucketEnd;
      if (!this.advance()) {
        this.finished = true;
        return Infinity;
      }
    }
  }

  private nextExact(): number {
    for (;;) {
      if (this.remaining > 0) {
        // Ascending uniform order statistics one at a time: the minimum of m uniforms on
        // [p, 1) is p + (1 - p)(1 - U^(1/m)).
        const p = this.position;
        this.position = p + (1 - p) * (1 - Math.pow(this.uniform(), 1 / this.remaining));
        this.remaining--;
        return this.bucketStart + this.position * (this.bucketEnd - this.bucketStart);
      }
      if (!this.advance()) {
        this.finished = true;
        return Infinity;
      }
    }
  }

  /** Moves to the next bucket; false when the trace is over. */
  private advance(): boolean {
    const { trace, options } = this;
    const n = this.counts.length;
    this.bucketIndex++;
    if (this.bucketIndex >= n && !options.loop) return false;
    const lap = Math.floor(this.bucketIndex / n);
    const slot = this.bucketIndex - lap * n;
    const traceStart = trace.start + this.bucketIndex * trace.bucket;
    const simStart = (traceStart - options.offset) / options.speedup;
    if (simStart > options.horizon) return false;
    const simEnd = (traceStart + trace.bucket - options.offset) / options.speedup;
    this.bucketStart = Math.max(simStart, 0);
    this.bucketEnd = simEnd;
    const covered = (simEnd - this.bucketStart) / (simEnd - simStart);
    const expected = this.counts[slot] * options.scale * covered;
    this.rate = expected / (simEnd - this.bucketStart);
    if (options.exact) {
      const whole = Math.floor(expected);
      this.remaining = whole + (this.uniform() < expected - whole ? 1 : 0);
      this.position = 0;
    }
    return true;
  }
}
