import type { RoutingMode } from '../health/fail-open.ts';
import type { Target } from '../target.ts';
import type { Clock, RoutableSetListener } from './routing-hooks.ts';

/**
 * A source of per-target weights in [0, 1] that change with time: slow start's ramp
 * (aws-semantics.md 7.3), anomaly mitigation's steps (7.4). A target's weight is the product of
 * its sources' weights.
 */
export interface TargetWeights extends RoutableSetListener {
  weight(target: Target, now: number): number;
  /** The earliest time after `now` at which a weight may change on its own; Infinity if none will. */
  nextChange(now: number): number;
}

/**
 * Weights never go below this: a routable target is never blackholed by rounding, and a set whose
 * targets all sit at the bottom of a ramp still shares traffic evenly instead of not at all.
 */
export const MIN_WEIGHT = 1e-6;

/**
 * The routable set with each target's current weight, by position: what weighted round robin and
 * weighted random both draw from. Weights are recomputed when the set changes and, lazily, at the
 * first pick after a source said they would change: O(n) per change, not per request.
 */
export class WeightedTargets {
  /** Weight of each position of the routable set. */
  weights = new Float64Array(0);
  private targets: Target[] = [];
  private nextRefresh = Infinity;

  constructor(
    private readonly clock: Clock,
    private readonly sources: readonly TargetWeights[],
  ) {}

  get size(): number {
    return this.targets.length;
  }

  /** Records the new set, tells the sources first (a newly healthy target may enter slow start), then reweighs. */
  setChanged(targets: readonly Target[], mode: RoutingMode): void {
    this.targets.length = 0;
    for (const t of targets) this.targets.push(t);
    for (const s of this.sources) s.routableSetChanged(targets, mode);
    if (this.weights.length < targets.length) this.weights = new Float64Array(Math.max(targets.length, 2 * this.weights.length));
    this.recompute();
  }

  /** Recomputes the weights if a source said they change by now; says whether it did. */
  refreshIfDue(): boolean {
    if (this.clock.now < this.nextRefresh) return false;
    this.recompute();
    return true;
  }

  private recompute(): void {
    const now = this.clock.now;
    const { targets, sources, weights } = this;
    // Indexed loops: this runs on the clock (each slow-start step, each detection window).
    for (let p = 0; p < targets.length; p++) {
      let w = 1;
      for (let k = 0; k < sources.length; k++) w *= sources[k].weight(targets[p], now);
      weights[p] = w > MIN_WEIGHT ? w : MIN_WEIGHT;
    }
    let next = Infinity;
    for (let k = 0; k < sources.length; k++) next = Math.min(next, sources[k].nextChange(now));
    this.nextRefresh = next;
  }
}
