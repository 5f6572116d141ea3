import type { StepIntegral } from '../../engine/index.ts';

/** What the period sampler reads of an Auto Scaling group: its counts by state, each O(1) or O(AZs). */
export interface CapacityGauges {
  readonly config: { readonly workers: number; readonly vcpus: number; readonly availabilityZones: readonly string[] };
  readonly desiredCapacity: number;
  readonly pending: number;
  /** Pending, and InService inside the instance warmup. */
  readonly warming: number;
  readonly terminating: number;
  readonly warmPoolSize: number;
  /** Instances InService over time. */
  readonly inService: StepIntegral;
  /** Instances holding requests over time: InService, and terminating ones still draining. */
  readonly serving: StepIntegral;
  /** InService instances in the AZ of that index in config.availabilityZones. */
  inServiceInZone(zone: number): number;
}

/** What the period sampler reads of a target group: its targets by health state. */
export interface HealthGauges {
  countHealth(state: 'healthy' | 'unhealthy'): number;
}

/** What the period sampler reads of the servers: busy worker-seconds since the start of the run. */
export interface BusyGauge {
  busySeconds(now: number): number;
}
