import type { Uniform } from '../../../engine/index.ts';
import type { ArrivalProcess } from './arrival-process.ts';

export interface MmppState {
  /** Requests per second in this state. */
  readonly rate: number;
  /** Mean time spent in the state, seconds (exponential). */
  readonly meanDuration: number;
}

/**
 * Bursty traffic as a Markov-modulated Poisson process: the rate jumps between states, each held
 * for an exponential time, the next state chosen uniformly among the others. Within a state,
 * arrivals are Poisson at its rate; at a change the draw restarts (memoryless).
 */
export class MmppArrivals implements ArrivalProcess {
  private state = 0;
  private stateEnd: number;

  constructor(
    private readonly states: readonly MmppState[],
    private readonly uniform: Uniform,
    /** No arrival after this (the end of the run): states without traffic must not be searched forever. */
    private readonly horizon: number,
  ) {
    this.stateEnd = this.sojourn(0);
  }

  next(now: number): number {
    let t = now;
    for (;;) {
      const rate = this.states[this.state].rate;
      if (rate > 0) {
        const candidate = t - Math.log1p(-this.uniform()) / rate;
        if (candidate < this.stateEnd) return candidate;
      }
      t = this.stateEnd;
      if (t > this.horizon) return Infinity;
      this.move(t);
    }
  }

  private move(at: number): void {
    const n = this.states.length;
    if (n > 1) this.state = (this.state + 1 + Math.floor(this.uniform() * (n - 1))) % n;
    this.stateEnd = at + this.sojourn(this.state);
  }

  private sojourn(state: number): number {
    return -Math.log1p(-this.uniform()) * this.states[state].meanDuration;
  }
}
