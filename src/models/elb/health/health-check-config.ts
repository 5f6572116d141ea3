/**
 * How a target group checks its targets (aws-semantics.md 7.1). ALB and NLB share the settings
 * but not their defaults: NLB checks over TCP and waits 10 s for an answer, ALB over HTTP and 5 s.
 */
export interface HealthCheckConfig {
  /** HealthCheckIntervalSeconds: seconds between the starts of two checks of one target. */
  readonly intervalSeconds: number;
  /** HealthCheckTimeoutSeconds: a check with no answer by then is a failed check (a timeout). */
  readonly timeoutSeconds: number;
  /** HealthyThresholdCount: consecutive passes that bring an unhealthy target back to healthy. */
  readonly healthyThresholdCount: number;
  /** UnhealthyThresholdCount: consecutive failures that make a healthy target unhealthy. */
  readonly unhealthyThresholdCount: number;
}

/** ALB, instance and ip targets, HTTP checks (7.1; the ALB guide's 5 s timeout, not the API's 6 s). */
export const ALB_DEFAULTS: HealthCheckConfig = {
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
};

/**
 * NLB with its default TCP checks (7.1: 10 s timeout for TCP and HTTPS). NLB HTTP checks default
 * to 6 s; scenarios have no health-check protocol, so fleetsim models TCP checks only.
 */
export const NLB_DEFAULTS: HealthCheckConfig = {
  intervalSeconds: 30,
  timeoutSeconds: 10,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
};

/** Ranges AWS accepts, [min, max] (7.1). */
const HEALTH_CHECK_RANGES = {
  intervalSeconds: [5, 300],
  timeoutSeconds: [2, 120],
  healthyThresholdCount: [2, 10],
  unhealthyThresholdCount: [2, 10],
} as const satisfies Record<keyof HealthCheckConfig, readonly [number, number]>;

/** A setting out of its range, and what was found. */
export interface HealthCheckProblem {
  readonly key: keyof HealthCheckConfig;
  readonly message: string;
}

/** Problems with `config`, one per setting; empty when it is valid. */
export function healthCheckConfigErrors(config: HealthCheckConfig): HealthCheckProblem[] {
  const errors: HealthCheckProblem[] = [];
  for (const key of Object.keys(HEALTH_CHECK_RANGES) as (keyof HealthCheckConfig)[]) {
    const [min, max] = HEALTH_CHECK_RANGES[key];
    const value = config[key];
    if (!(value >= min && value <= max)) errors.push({ key, message: `found ${value}; must be in [${min}, ${max}]` });
  }
  // [INFERRED] The state machine keeps one check per target in flight, so a check must end
  // (answer or timeout) before the next one starts.
  if (config.timeoutSeconds >= config.intervalSeconds) {
    errors.push({ key: 'timeoutSeconds', message: `found ${config.timeoutSeconds}; must be less than the interval (${config.intervalSeconds})` });
  }
  return errors;
}
