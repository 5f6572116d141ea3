import type { Uniform } from '../../../engine/index.ts';
import type { ArrivalProcess } from './arrival-process.ts';

/** Poisson arrivals at a constant rate (requests per second). */
export class PoissonArrivals implements ArrivalProcess {
  constructor(
    private readonly rate: number,
    private readonly uniform: Uniform,
  ) {}

  next(now: number): number {
    return now - Math.log1p(-this.uniform()) / this.rate;
  }
}
