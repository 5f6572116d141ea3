import type { TargetHealthState } from './health/health-check.ts';
import type { LoadBalancedTarget } from './target.ts';

export interface TargetRegistry<T extends LoadBalancedTarget> {
  readonly name: string;
  /** deregistration_delay.timeout_seconds of this target group. */
  readonly deregistrationDelay: number;
  register(target: T): void;
  deregister(target: T): void;
  forget(target: T, cause: string): void;
  healthOf(target: T): TargetHealthState | undefined;
  /** Subscribes to health changes (the group's ELB health check); called from the subscriber's constructor. */
  addHealthListener(listener: (target: T, from: TargetHealthState, to: TargetHealthState) => void): void;
}
