import type { Datapoint } from './datapoint.ts';

/**
 * The recent datapoints of one metric, one slot per period. Period k covers
 * [k * period, (k + 1) * period). A period nothing was appended for is missing, which CloudWatch
 * alarms treat differently from a zero (TreatMissingData), so it is never filled in.
 */
export class MetricSeries {
  private slots: (Datapoint | undefined)[];
  /** The period index each slot holds, so a slot left over from `capacity` periods ago reads as missing. */
  private slotPeriods: number[];
  private lastIndex = -Infinity;

  /**
   * @param period seconds per datapoint (aws-semantics.md section 2.1: 60, or 10 / 30 for high resolution)
   * @param capacity periods kept: the most any reader asks for (e.g. an alarm's `periodsNeeded`)
   */
  constructor(
    readonly period: number,
    capacity: number,
  ) {
    if (!(period > 0)) throw new RangeError(`metric period must be positive, got ${period}`);
    this.slots = [];
    this.slotPeriods = [];
    this.keepAtLeast(capacity);
  }

  /** Periods kept: the most any reader asks for. */
  get capacity(): number {
    return this.slots.length;
  }

  /** Keeps at least `periods` periods from now on (a new reader looks further back), with what is already kept. */
  keepAtLeast(periods: number): void {
    if (!Number.isInteger(periods) || periods < 1) throw new RangeError(`metric series capacity must be a positive integer, got ${periods}`);
    if (periods <= this.slots.length) return;
    const slots = new Array<Datapoint | undefined>(periods);
    const slotPeriods = new Array<number>(periods).fill(-1);
    for (let i = 0; i < this.slots.length; i++) {
      const index = this.slotPeriods[i];
      if (index < 0) continue;
      slots[index % periods] = this.slots[i];
      slotPeriods[index % periods] = index;
    }
    this.slots = slots;
    this.slotPeriods = slotPeriods;
  }

  /** Stores the datapoint of the period starting at `datapoint.time`, which must follow the last one stored. */
  append(datapoint: Datapoint): void {
    const index = Math.round(datapoint.time / this.period);
    if (index < 0 || Math.abs(index * this.period - datapoint.time) > 1e-6 * this.period) {
      throw new RangeError(`datapoint at ${datapoint.time} s does not start a ${this.period} s period`);
    }
    if (index <= this.lastIndex) {
      throw new RangeError(`datapoint at ${datapoint.time} s is not after the last one (${this.lastIndex * this.period} s)`);
    }
    // CloudWatch has no datapoint for a period without samples: the caller should skip the period.
    if (!(datapoint.sampleCount > 0)) throw new RangeError(`datapoint at ${datapoint.time} s has no samples`);
    this.slots[index % this.capacity] = datapoint;
    this.slotPeriods[index % this.capacity] = index;
    this.lastIndex = index;
  }

  /**
   * The `count` whole periods that ended at or before `now`, oldest first, `undefined` where a
   * period has no datapoint (never appended, or not yet).
   */
  lastPeriods(count: number, now: number): (Datapoint | undefined)[] {
    if (count > this.capacity) throw new RangeError(`asked for ${count} periods, the series keeps ${this.capacity}`);
    // The epsilon absorbs the drift of clock times built by repeated addition (179.99999999 ends period 2).
    const newest = Math.floor(now / this.period + 1e-9) - 1;
    const out = new Array<Datapoint | undefined>(count);
    for (let i = 0; i < count; i++) {
      const index = newest - (count - 1 - i);
      const slot = ((index % this.capacity) + this.capacity) % this.capacity;
      out[i] = this.slotPeriods[slot] === index ? this.slots[slot] : undefined;
    }
    return out;
  }
}
