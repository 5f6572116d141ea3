import type { ArrivalProcess } from './arrival-process.ts';

/** Independent arrival processes merged into one stream (a real day plus a flash crowd, say). */
export class Superposition implements ArrivalProcess {
  private readonly nextTimes: Float64Array;
  private started = false;

  constructor(private readonly parts: readonly ArrivalProcess[]) {
    this.nextTimes = new Float64Array(parts.length);
  }

  next(now: number): number {
    if (!this.started) {
      this.started = true;
      this.parts.forEach((p, i) => (this.nextTimes[i] = p.next(now)));
    }
    let best = 0;
    for (let i = 1; i < this.nextTimes.length; i++) if (this.nextTimes[i] < this.nextTimes[best]) best = i;
    const t = this.nextTimes[best];
    if (t !== Infinity) this.nextTimes[best] = this.parts[best].next(t);
    return t;
  }
}
