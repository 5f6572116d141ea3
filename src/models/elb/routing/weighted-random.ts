import type { Uniform } from '../../../engine/index.ts';
import type { RoutingMode } from '../health/fail-open.ts';
import type { Target } from '../target.ts';
import { AliasTable } from './alias-table.ts';
import type { Clock, TrackingRoutingAlgorithm } from './routing-hooks.ts';
import { WeightedTargets, type TargetWeights } from './target-weights.ts';

/**
 * ALB's weighted_random (aws-semantics.md 7.4): each request goes to a target drawn at random in
 * proportion to its weight. Every target weighs 1 unless a weight source says otherwise: anomaly
 * mitigation (load_balancing.algorithm.anomaly_mitigation = on; see anomaly-mitigation.ts) and
 * slow start (7.3; see slow-start.ts). [UNCONFIRMED] AWS does not say whether slow start combines
 * with weighted_random or with anomaly mitigation; here the weights multiply.
 *
 * O(1) per pick (an alias table); O(n) to rebuild when a weight or the set changes.
 */
export class WeightedRandom implements TrackingRoutingAlgorithm {
  private readonly weighted: WeightedTargets;
  private readonly table = new AliasTable();

  constructor(
    private readonly uniform: Uniform,
    clock: Clock,
    sources: readonly TargetWeights[] = [],
  ) {
    this.weighted = new WeightedTargets(clock, sources);
  }

  routableSetChanged(targets: readonly Target[], mode: RoutingMode): void {
    this.weighted.setChanged(targets, mode);
    if (targets.length > 0) this.table.build(this.weighted.weights, targets.length);
  }

  pick(targets: readonly Target[]): number {
    const weighted = this.weighted;
    if (targets.length !== weighted.size) {
      throw new Error(`weighted_random: pick over ${targets.length} targets, but the routable set last reported has ${weighted.size}`);
    }
    if (weighted.refreshIfDue()) this.table.build(weighted.weights, targets.length);
    return this.table.sample(this.uniform());
  }
}
