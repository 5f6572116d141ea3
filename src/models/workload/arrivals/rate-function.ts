import type { Uniform } from '../../../engine/index.ts';
import type { ArrivalProcess } from './arrival-process.ts';

/** A rate of arrivals over simulated time (requests per second), and a bound it never exceeds. */
export interface RateFunction {
  readonly rateAt: (t: number) => number;
  readonly maxRate: number;
}

/**
 * Poisson arrivals whose rate follows a function of time, by thinning (Lewis and Shedler, 1979):
 * candidates come at the constant rate `maxRate` and each is kept with probability
 * rate(t) / maxRate. Exact for any rate function bounded by maxRate.
 */
export class RateFunctionArrivals implements ArrivalProcess {
  constructor(
    private readonly rateAt: (t: number) => number,
    private readonly maxRate: number,
    private readonly uniform: Uniform,
    /** No arrival after this (the end of the run): where the rate falls to nearly 0, the search must stop. */
    private readonly horizon: number,
  ) {}

  next(now: number): number {
    if (!(this.maxRate > 0)) return Infinity;
    let t = now;
    for (;;) {
      t -= Math.log1p(-this.uniform()) / this.maxRate;
      if (t > this.horizon) return Infinity;
      if (this.uniform() * this.maxRate < this.rateAt(t)) return t;
    }
  }
}

/** A daily sinusoid with a weekend factor: mean x (1 + amplitude cos(2 pi (hour - peak) / 24)) x weekend. */
export function diurnalRate(options: {
  readonly mean: number;
  readonly amplitude: number;
  readonly peakHour: number;
  readonly weekendFactor: number;
  /** Day of the week (0 = Sunday) and hour of day at simulated time 0, UTC. */
  readonly startDay: number;
  readonly startHour: number;
}): RateFunction {
  const { mean, amplitude, peakHour, weekendFactor, startDay, startHour } = options;
  return {
    rateAt: (t) => {
      const hours = startHour + t / 3600;
      const day = (startDay + Math.floor(hours / 24)) % 7;
      const weekend = day === 0 || day === 6 ? weekendFactor : 1;
      return mean * (1 + amplitude * Math.cos((2 * Math.PI * (hours - peakHour)) / 24)) * weekend;
    },
    maxRate: mean * (1 + amplitude) * Math.max(1, weekendFactor),
  };
}

/** A flash crowd on top of a base rate: a linear ramp to `peak`, a plateau, then an exponential decay. */
export function flashCrowdRate(options: {
  readonly base: number;
  readonly peak: number;
  readonly at: number;
  readonly ramp: number;
  readonly plateau: number;
  /** Time constant of the decay, seconds. */
  readonly decay: number;
}): RateFunction {
  const { base, peak, at, ramp, plateau, decay } = options;
  const extra = peak - base;
  return {
    rateAt: (t) => {
      if (t < at) return base;
      if (t < at + ramp) return base + (extra * (t - at)) / ramp;
      if (t < at + ramp + plateau) return peak;
      return base + extra * Math.exp(-(t - at - ramp - plateau) / decay);
    },
    maxRate: Math.max(base, peak),
  };
}

/** Steps: rate `rates[i]` from `times[i]` on (times increasing, the first at 0). */
export function stepRate(times: readonly number[], rates: readonly number[]): RateFunction {
  return {
    rateAt: (t) => {
      let i = 0;
      while (i + 1 < times.length && times[i + 1] <= t) i++;
      return rates[i];
    },
    maxRate: Math.max(...rates),
  };
}
