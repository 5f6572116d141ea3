import type { HealthCheckConfig } from './health-check-config.ts';

/**
 * A registered target's health in its target group (aws-semantics.md 7.1). AWS's `unavailable`
 * (health checks disabled) is not modelled: fleetsim's target groups always check.
 */
export type TargetHealthState = 'initial' | 'healthy' | 'unhealthy' | 'draining' | 'unused';

/**
 * How one health check ended, as the caller saw it: the target answered in time and passed,
 * answered in time and failed (wrong status code, connection refused), or gave no answer within
 * HealthCheckTimeoutSeconds (crashed, hung, or its queue was too full to answer).
 */
export type CheckResult = 'pass' | 'fail' | 'timeout';

/** AWS's reason codes for the states this model produces (DescribeTargetHealth, TargetHealth.Reason). */
export type TargetHealthReason =
  | 'Elb.InitialHealthChecking'
  | 'Target.FailedHealthChecks'
  | 'Target.Timeout'
  | 'Target.DeregistrationInProgress'
  | 'Target.NotRegistered';

export interface TargetHealth {
  readonly state: TargetHealthState;
  /** AWS's reason for the state; null when healthy, which has none. */
  readonly reasonCode: TargetHealthReason | null;
  /** Passing checks in a row, up to the latest one (0 after a failure). */
  readonly consecutivePasses: number;
  /** Failed checks in a row, up to the latest one (0 after a pass). */
  readonly consecutiveFailures: number;
}

export interface HealthTransition {
  readonly from: TargetHealthState;
  readonly to: TargetHealthState;
  /** Why, with the counts: "2 consecutive failed checks (UnhealthyThresholdCount 2)". */
  readonly reason: string;
}

export interface CheckOutcome {
  readonly health: TargetHealth;
  /** The change of state this check caused, or null. */
  readonly transition: HealthTransition | null;
}

/** A target just registered: `initial` until its first checks decide (7.1). */
export const REGISTERED: TargetHealth = {
  state: 'initial',
  reasonCode: 'Elb.InitialHealthChecking',
  consecutivePasses: 0,
  consecutiveFailures: 0,
};

/** Deregistration started: no new requests, in-flight ones may finish (7.2). */
export const DRAINING: TargetHealth = {
  state: 'draining',
  reasonCode: 'Target.DeregistrationInProgress',
  consecutivePasses: 0,
  consecutiveFailures: 0,
};

/** Deregistration complete (7.2: draining -> unused). */
export const UNUSED: TargetHealth = { state: 'unused', reasonCode: 'Target.NotRegistered', consecutivePasses: 0, consecutiveFailures: 0 };

/**
 * The one health-check state machine of ALB and NLB target groups (7.1):
 * - a newly registered target (`initial`) becomes healthy after ONE passing check; the healthy
 *   threshold applies only to unhealthy -> healthy;
 * - HealthyThresholdCount consecutive passes bring an unhealthy target back;
 * - UnhealthyThresholdCount consecutive failures (fail or timeout) make a healthy target unhealthy.
 *   [INFERRED] An `initial` target that keeps failing becomes unhealthy after the same count: AWS
 *   says only that it must pass one check to become healthy.
 * Draining and unused targets ignore checks: their state follows deregistration alone.
 *
 * NLB checks are distributed and reach a target more often than the interval says (7.1); the
 * model checks at the configured interval, which is what the thresholds are written against.
 */
export function onCheckResult(health: TargetHealth, result: CheckResult, config: HealthCheckConfig): CheckOutcome {
  const { state } = health;
  if (state === 'draining' || state === 'unused') return { health, transition: null };
  if (result === 'pass') {
    const passes = health.consecutivePasses + 1;
    const becomesHealthy = state === 'initial' || (state === 'unhealthy' && passes >= config.healthyThresholdCount);
    if (state === 'healthy' || becomesHealthy) {
      const next: TargetHealth = { state: 'healthy', reasonCode: null, consecutivePasses: passes, consecutiveFailures: 0 };
      if (state === 'healthy') return { health: next, transition: null };
      const reason =
        state === 'initial'
          ? 'passed its first health check after registration'
          : `${passes} consecutive passing checks (HealthyThresholdCount ${config.healthyThresholdCount})`;
      return { health: next, transition: { from: state, to: 'healthy', reason } };
    }
    return { health: { ...health, consecutivePasses: passes, consecutiveFailures: 0 }, transition: null };
  }
  const failures = health.consecutiveFailures + 1;
  const reasonCode: TargetHealthReason = result === 'timeout' ? 'Target.Timeout' : 'Target.FailedHealthChecks';
  if (state !== 'unhealthy' && failures >= config.unhealthyThresholdCount) {
    return {
      health: { state: 'unhealthy', reasonCode, consecutivePasses: 0, consecutiveFailures: failures },
      transition: {
        from: state,
        to: 'unhealthy',
        reason: `${failures} consecutive failed checks, the last one ${result === 'timeout' ? 'timed out' : 'failed'} (UnhealthyThresholdCount ${config.unhealthyThresholdCount})`,
      },
    };
  }
  return {
    health: { ...health, reasonCode: state === 'unhealthy' ? reasonCode : health.reasonCode, consecutivePasses: 0, consecutiveFailures: failures },
    transition: null,
  };
}

/**
 * When the check of a target that started at `lastCheckStart` is followed by the next one.
 * Checks of a target start at a fixed cadence, whatever their results: HealthCheckIntervalSeconds
 * is "the approximate amount of time ... between health checks of an individual target"
 * (BOTO:elbv2 CreateTargetGroupInput.HealthCheckIntervalSeconds, a 7.1 source).
 * [INFERRED] The first check starts at registration.
 */
export function nextCheckTime(lastCheckStart: number, config: HealthCheckConfig): number {
  return lastCheckStart + config.intervalSeconds;
}

/** When a check's result is known, and what it is. */
export interface CheckEnd {
  readonly result: CheckResult;
  readonly at: number;
}

/**
 * How a check started at `start` ends, given the target's answer: it comes `answerSeconds` after
 * the start (Infinity for never: crashed or hung) and passes or not. An answer that is not in by
 * HealthCheckTimeoutSeconds makes the check a timeout, known at start + timeout (7.1).
 */
export function checkEnd(start: number, answerSeconds: number, answerPasses: boolean, config: HealthCheckConfig): CheckEnd {
  if (answerSeconds >= config.timeoutSeconds) return { result: 'timeout', at: start + config.timeoutSeconds };
  return { result: answerPasses ? 'pass' : 'fail', at: start + answerSeconds };
}
