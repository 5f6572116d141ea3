/** Time integral of a piecewise-constant quantity (instances in service, say), exact at any time. */
export class StepIntegral {
  private level = 0;
  private last = 0;
  private area = 0;
  /** Largest level seen. */
  max = 0;

  constructor(start = 0) {
    this.last = start;
  }

  get value(): number {
    return this.level;
  }

  /** Changes the level at `now` by `delta`. */
  add(now: number, delta: number): void {
    this.area += this.level * (now - this.last);
    this.last = now;
    this.level += delta;
    if (this.level > this.max) this.max = this.level;
  }

  /** Integral from the start until `now`. */
  areaAt(now: number): number {
    return this.area + this.level * (now - this.last);
  }
}
