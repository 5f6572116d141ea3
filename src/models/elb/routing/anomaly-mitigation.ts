import type { Target } from '../target.ts';
import type { AnomalyDetection, AnomalyVerdictListener } from './anomaly-detection.ts';
import { fitIndex } from './per-target-arrays.ts';
import type { TargetWeights } from './target-weights.ts';

/**
 * Step sizes of anomaly mitigation. AWS says only that it cuts an anomalous target's traffic
 * "iteratively" down to "a negligible level" and, after recovery, increases it "gradually" back
 * to its original load (aws-semantics.md 7.4): every number here is [UNCONFIRMED], overridable.
 */
export interface AnomalyMitigationOptions {
  /** [UNCONFIRMED] Weight multiplier per anomalous verdict (multiplicative decrease). */
  readonly decreaseFactor: number;
  /** [UNCONFIRMED] The negligible level: the lowest weight, relative to a normal target's 1. */
  readonly floorWeight: number;
  /** [UNCONFIRMED] Weight added per normal verdict (additive increase, slower than the decrease). */
  readonly recoveryStep: number;
}

/**
 * Halving per 10 s window reaches 0.01 in 7 windows (about a minute); +0.05 per window climbs
 * back from there in 20 windows (over three minutes): a quick cut and a slow return, as AWS says.
 */
export const DEFAULT_ANOMALY_MITIGATION: AnomalyMitigationOptions = {
  decreaseFactor: 0.5,
  floorWeight: 0.01,
  recoveryStep: 0.05,
};

/**
 * load_balancing.algorithm.anomaly_mitigation = on (aws-semantics.md 7.4; weighted_random only):
 * weights from anomaly detection's verdicts, one step per verdict. A target with too few requests
 * to judge gets no verdict and keeps its weight until it has gathered enough (anomaly-detection.ts),
 * so a target cut to the floor is judged over a longer span rather than ramped back blindly.
 * [INFERRED] A target keeps its weight while out of the routable set: a health flap does not
 * clear a mitigation.
 */
export class AnomalyMitigation implements TargetWeights, AnomalyVerdictListener {
  readonly options: AnomalyMitigationOptions;
  /** Mitigation weight by Target.index (1: not mitigated). */
  private weights = new Float64Array(0);

  constructor(
    private readonly detection: AnomalyDetection,
    options: Partial<AnomalyMitigationOptions> = {},
  ) {
    this.options = { ...DEFAULT_ANOMALY_MITIGATION, ...options };
    detection.setListener(this);
  }

  /**
   * Not passed on to detection: the load balancer tells detection the whole routable set, while
   * this one may be a single zone's node (cross-zone off), whose set would reset the counts of
   * every other zone's targets.
   */
  routableSetChanged(targets: readonly Target[]): void {
    for (const t of targets) this.weights = fitIndex(this.weights, t.index, 1);
  }

  verdict(target: Target, anomalous: boolean): void {
    const i = target.index;
    const w = this.weights[i];
    const o = this.options;
    this.weights[i] = anomalous ? Math.max(o.floorWeight, w * o.decreaseFactor) : Math.min(1, w + o.recoveryStep);
  }

  weight(target: Target): number {
    this.detection.advance();
    const i = target.index;
    return i < this.weights.length ? this.weights[i] : 1;
  }

  /** Weights change only when a window closes. */
  nextChange(): number {
    this.detection.advance();
    return this.detection.nextWindowEnd;
  }
}
