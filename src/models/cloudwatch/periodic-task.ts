import type { Simulator } from '../../engine/index.ts';

/**
 * Something that acts at the end of every period of `period` seconds from time 0: a resource
 * putting its datapoints, or a reader of them. Readers start after the publishers they read:
 * the engine runs events of one time in the order they were scheduled, and each one schedules its
 * next period as it runs, so that order holds for the whole run.
 */
export abstract class PeriodicTask {
  private readonly kind: number;
  private periodStart = 0;

  constructor(
    protected readonly sim: Simulator,
    /** Seconds per datapoint (aws-semantics.md section 2.1: 60, or 10 or 30 for high resolution). */
    readonly period: number,
  ) {
    if (!(period > 0)) throw new RangeError(`metric period must be positive, got ${period}`);
    this.kind = sim.register(() => this.run());
  }

  start(): void {
    this.sim.schedule(this.period, this.kind);
  }

  /** Acts for the period from `time` to `now`, which has just ended. */
  protected abstract endPeriod(time: number, now: number): void;

  private run(): void {
    const now = this.sim.now;
    const time = this.periodStart;
    this.periodStart = now;
    this.sim.schedule(now + this.period, this.kind);
    this.endPeriod(time, now);
  }
}
