import type { Sampler } from '../../engine/index.ts';
import { INSTANCE_TYPES } from '../compute/instance-types.ts';

/** Pool states (aws-semantics.md section 5): Stopped by default. */
export type PoolState = 'Stopped' | 'Running' | 'Hibernated';

export interface WarmPoolConfig {
  readonly minSize: number;
  /** MaxGroupPreparedCapacity; undefined: the group's max (section 5). */
  readonly maxGroupPreparedCapacity: number | undefined;
  readonly poolState: PoolState;
  readonly reuseOnScaleIn: boolean;
  /** From leaving the pool to booted (before the launch hooks fire again). */
  readonly warmStartTime: Sampler;
  /** Root EBS volume per instance, GiB, billed while the instance sits stopped or hibernated. */
  readonly volumeGiB: number;
}

/**
 * Warm start defaults, [OBSERVED] (section 5: AWS publishes no figure; InfoQ's launch coverage
 * says pre-initialised instances serve "in as low as 30 seconds"). A running pool instance only
 * has to be registered.
 */
export const DEFAULT_WARM_START_SECONDS: Readonly<Record<PoolState, number>> = { Stopped: 30, Hibernated: 30, Running: 0 };

/**
 * gp3 EBS storage in us-east-1, USD per GiB-month (aws.amazon.com/ebs/pricing, 2026): what a
 * stopped or hibernated pool instance costs (section 5: EBS and Elastic IPs only; fleetsim models
 * no Elastic IP). A month is 730 hours, as AWS's pricing pages count it.
 */
const EBS_GP3_USD_PER_GIB_MONTH = 0.08;
const HOURS_PER_MONTH = 730;

/** How many instances the pool should hold (section 5: MinSize, MaxGroupPreparedCapacity). */
export function warmPoolTargetSize(pool: WarmPoolConfig, desired: number, maxSize: number): number {
  const prepared = pool.maxGroupPreparedCapacity ?? maxSize;
  return Math.max(pool.minSize, prepared - desired);
}

/** USD per hour for an instance of `instanceType` waiting in the pool. */
export function warmPoolHourlyCost(pool: WarmPoolConfig, instanceType: string): number {
  const info = INSTANCE_TYPES[instanceType];
  if (pool.poolState === 'Running') return info.onDemandUsdPerHour;
  // A hibernated instance's volume also holds its memory.
  const gib = pool.volumeGiB + (pool.poolState === 'Hibernated' ? info.memoryGiB : 0);
  return (gib * EBS_GP3_USD_PER_GIB_MONTH) / HOURS_PER_MONTH;
}
