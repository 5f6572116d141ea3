/**
 * What a scaling policy may read of its Auto Scaling group when it decides: policies are pure
 * decisions (metrics and this state in, a desired capacity out) and never change the group.
 */
export interface GroupState {
  /** Simulated seconds now. */
  readonly now: number;
  readonly minSize: number;
  readonly maxSize: number;
  /** Current desired capacity. */
  readonly desiredCapacity: number;
  /** Instances counted as capacity: pending, warming and in service (not terminating). */
  readonly currentCapacity: number;
  /**
   * Instances launched by scaling that are still pending or inside their instance warmup
   * (aws-semantics.md section 1.4): they count toward current capacity but not toward metrics.
   */
  readonly warmingCapacity: number;
  /**
   * Instances terminating (draining, in a terminate hook, shutting down): not current capacity, but
   * step scaling counts them when sizing a scale-in so repeated breaches do not remove more than
   * needed (ASG-UG:as-scaling-simple-step, "Instance warmup": "While scaling in, AWS considers
   * instances that are terminating as part of the current capacity of the group").
   */
  readonly terminatingCapacity: number;
  /** A scaling activity (launch or termination) is still in progress. */
  readonly activityInProgress: boolean;
  /** When the last scaling activity completed (for simple-scaling cooldowns); -Infinity if none. */
  readonly lastActivityCompletedAt: number;
}

/** A policy's wish: the desired capacity it wants, and why, in the words of AWS's activity history. */
export interface ScalingDecision {
  readonly desiredCapacity: number;
  readonly cause: string;
}
