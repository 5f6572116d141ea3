/**
 * What a load balancer needs of a target: hand it a request, and know how busy it is.
 * Kept narrow so that instances today and ECS tasks later can both be targets.
 */
export interface Target {
  /** Unique for the run (an instance's pool index): routing state may be kept per target by it. */
  readonly index: number;
  readonly availabilityZone: string;
  /** Requests routed to the target and not yet answered. */
  readonly outstanding: number;
  accept(requestId: number): void;
}

/**
 * Told of a target's outstanding requests and of how its requests end, for least outstanding
 * requests routing and anomaly detection (the load balancer sets it while the target is registered).
 */
export interface TargetListener {
  outstandingChanged(target: Target): void;
  requestEnded(target: Target, failed: boolean): void;
}

/** A target a load balancer registers: it reports to the load balancer through its listener. */
export interface LoadBalancedTarget extends Target {
  /** Shown in activity records (an instance id). */
  readonly id: string;
  listener: TargetListener | null;
}
