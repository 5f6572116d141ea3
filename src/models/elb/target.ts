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
