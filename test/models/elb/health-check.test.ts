import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALB_DEFAULTS,
  healthCheckConfigErrors,
  NLB_DEFAULTS,
  type HealthCheckConfig,
} from '../../../src/models/elb/health/health-check-config.ts';
import {
  checkEnd,
  DRAINING,
  nextCheckTime,
  onCheckResult,
  REGISTERED,
  UNUSED,
  type CheckResult,
  type TargetHealth,
} from '../../../src/models/elb/health/health-check.ts';

/** Feeds results one by one; returns the final health and the index of each transition. */
function run(health: TargetHealth, results: readonly CheckResult[], config: HealthCheckConfig) {
  const transitions: { at: number; to: string; reason: string }[] = [];
  results.forEach((r, i) => {
    const out = onCheckResult(health, r, config);
    health = out.health;
    if (out.transition) transitions.push({ at: i, to: out.transition.to, reason: out.transition.reason });
  });
  return { health, transitions };
}

const healthy = (config: HealthCheckConfig) => onCheckResult(REGISTERED, 'pass', config).health;

describe('health-check defaults (aws-semantics.md 7.1)', () => {
  it('ALB: 30 s interval, 5 s timeout, thresholds 5 healthy / 2 unhealthy', () => {
    expect(ALB_DEFAULTS).toEqual({ intervalSeconds: 30, timeoutSeconds: 5, healthyThresholdCount: 5, unhealthyThresholdCount: 2 });
  });

  it('NLB: the same but a 10 s timeout for TCP checks', () => {
    expect(NLB_DEFAULTS).toEqual({ intervalSeconds: 30, timeoutSeconds: 10, healthyThresholdCount: 5, unhealthyThresholdCount: 2 });
  });

  it('the defaults are valid; values outside the 7.1 ranges are not', () => {
    for (const c of [ALB_DEFAULTS, NLB_DEFAULTS]) expect(healthCheckConfigErrors(c)).toEqual([]);
    expect(healthCheckConfigErrors({ ...ALB_DEFAULTS, intervalSeconds: 4, timeoutSeconds: 2 })).toHaveLength(1);
    expect(healthCheckConfigErrors({ ...ALB_DEFAULTS, timeoutSeconds: 121, intervalSeconds: 300 })).toHaveLength(1);
    expect(healthCheckConfigErrors({ ...ALB_DEFAULTS, healthyThresholdCount: 11 })).toHaveLength(1);
    expect(healthCheckConfigErrors({ ...ALB_DEFAULTS, unhealthyThresholdCount: 1 })).toHaveLength(1);
    expect(healthCheckConfigErrors({ ...ALB_DEFAULTS, intervalSeconds: 5, timeoutSeconds: 5 })[0]).toEqual({ key: 'timeoutSeconds', message: expect.stringMatching(/less than the interval/) });
  });
});

describe('health-check state machine (aws-semantics.md 7.1)', () => {
  it('a newly registered target is initial and becomes healthy after ONE passing check', () => {
    expect(REGISTERED.state).toBe('initial');
    const out = onCheckResult(REGISTERED, 'pass', ALB_DEFAULTS);
    expect(out.health.state).toBe('healthy');
    expect(out.transition).toMatchObject({ from: 'initial', to: 'healthy' });
  });

  it('healthy -> unhealthy after exactly UnhealthyThresholdCount consecutive failures', () => {
    for (const config of [ALB_DEFAULTS, { ...ALB_DEFAULTS, unhealthyThresholdCount: 4 }]) {
      const t = config.unhealthyThresholdCount;
      const { health, transitions } = run(healthy(config), Array<CheckResult>(t).fill('fail'), config);
      expect(transitions).toEqual([{ at: t - 1, to: 'unhealthy', reason: expect.stringContaining(`${t} consecutive failed checks`) }]);
      expect(health.reasonCode).toBe('Target.FailedHealthChecks');
    }
  });

  it('a pass in between restarts the failure count; timeouts count as failures', () => {
    const { health, transitions } = run(healthy(ALB_DEFAULTS), ['fail', 'pass', 'timeout', 'pass', 'fail'], ALB_DEFAULTS);
    expect(transitions).toEqual([]);
    expect(health.state).toBe('healthy');
    const timedOut = run(healthy(ALB_DEFAULTS), ['fail', 'timeout'], ALB_DEFAULTS).health;
    expect(timedOut).toMatchObject({ state: 'unhealthy', reasonCode: 'Target.Timeout' });
  });

  it('unhealthy -> healthy needs HealthyThresholdCount consecutive passes, not one', () => {
    const down = run(healthy(ALB_DEFAULTS), ['fail', 'fail'], ALB_DEFAULTS).health;
    const h = ALB_DEFAULTS.healthyThresholdCount;
    const { health, transitions } = run(down, Array<CheckResult>(h).fill('pass'), ALB_DEFAULTS);
    expect(transitions).toEqual([{ at: h - 1, to: 'healthy', reason: expect.stringContaining(`${h} consecutive passing checks`) }]);
    expect(health.reasonCode).toBeNull();
    // A failure on the way restarts the count.
    const interrupted = run(down, ['pass', 'pass', 'pass', 'pass', 'fail', 'pass', 'pass', 'pass', 'pass'], ALB_DEFAULTS);
    expect(interrupted.health.state).toBe('unhealthy');
  });

  it('[INFERRED] an initial target that keeps failing becomes unhealthy after UnhealthyThresholdCount failures', () => {
    const { transitions } = run(REGISTERED, ['timeout', 'timeout'], NLB_DEFAULTS);
    expect(transitions).toEqual([{ at: 1, to: 'unhealthy', reason: expect.stringContaining('timed out') }]);
  });

  it('draining and unused targets ignore checks', () => {
    for (const h of [DRAINING, UNUSED]) {
      for (const r of ['pass', 'fail', 'timeout'] as const) expect(onCheckResult(h, r, ALB_DEFAULTS)).toEqual({ health: h, transition: null });
    }
  });

  it('a check answered after the timeout is a timeout, known at start + timeout', () => {
    expect(checkEnd(100, 0.02, true, ALB_DEFAULTS)).toEqual({ result: 'pass', at: 100.02 });
    expect(checkEnd(100, 0.02, false, ALB_DEFAULTS)).toEqual({ result: 'fail', at: 100.02 });
    expect(checkEnd(100, 7, true, ALB_DEFAULTS)).toEqual({ result: 'timeout', at: 105 });
    expect(checkEnd(100, 7, true, NLB_DEFAULTS)).toEqual({ result: 'pass', at: 107 });
    expect(checkEnd(100, Infinity, true, NLB_DEFAULTS)).toEqual({ result: 'timeout', at: 110 });
  });
});

/**
 * A target checked from `firstCheck` on, every interval, that answers in `answerSeconds` while up
 * and never (a hang: timeout) or with a failure while down. Returns when each transition happened.
 */
function timeline(
  config: HealthCheckConfig,
  firstCheck: number,
  isUp: (t: number) => boolean,
  down: 'hang' | 'refuse',
  until: number,
  answerSeconds = 0.01,
) {
  let health = REGISTERED;
  const transitions: { to: string; at: number }[] = [];
  let failedChecksBeforeUnhealthy = 0;
  for (let start = firstCheck; start < until; start = nextCheckTime(start, config)) {
    const up = isUp(start);
    const end = checkEnd(start, up || down === 'refuse' ? answerSeconds : Infinity, up, config);
    const out = onCheckResult(health, end.result, config);
    if (end.result !== 'pass' && health.state === 'healthy') failedChecksBeforeUnhealthy++;
    health = out.health;
    if (out.transition) transitions.push({ to: out.transition.to, at: end.at });
  }
  return { transitions, failedChecksBeforeUnhealthy };
}

describe('health-check timing, golden (aws-semantics.md 7.1)', () => {
  /**
   * Checks start every I seconds; the first one at or after the failure time t starts within
   * [t, t + I), and the T-th failed one T - 1 intervals later. Its result is known r after its
   * start (the timeout for a hung target, the answer time for a refusing one). So the target is
   * unhealthy after exactly T failed checks, between (T - 1) I + r and T I + r after t (the upper
   * end excluded): T x I after t at the latest, plus r.
   */
  it('a target failing from time t is unhealthy after exactly UnhealthyThresholdCount failed checks, in [(T-1)I + r, T I + r) after t', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(ALB_DEFAULTS, NLB_DEFAULTS, { ...ALB_DEFAULTS, intervalSeconds: 10, unhealthyThresholdCount: 5 }),
        fc.double({ min: 0, max: 29.999, noNaN: true }),
        fc.double({ min: 200, max: 400, noNaN: true }),
        fc.constantFrom<'hang' | 'refuse'>('hang', 'refuse'),
        (config, firstCheck, t, down) => {
          const { transitions, failedChecksBeforeUnhealthy } = timeline(config, firstCheck, (s) => s < t, down, t + 20 * config.intervalSeconds);
          expect(transitions.map((x) => x.to)).toEqual(['healthy', 'unhealthy']);
          expect(failedChecksBeforeUnhealthy).toBe(config.unhealthyThresholdCount);
          const r = down === 'hang' ? config.timeoutSeconds : 0.01;
          const after = transitions[1].at - t;
          const T = config.unhealthyThresholdCount;
          const I = config.intervalSeconds;
          expect(after).toBeGreaterThanOrEqual((T - 1) * I + r - 1e-9);
          expect(after).toBeLessThan(T * I + r + 1e-9);
        },
      ),
    );
  });

  it('the two ends of the window, with the ALB defaults (I = 30 s, T = 2, timeout 5 s)', () => {
    // Checks at 0, 30, 60, ... A hang at exactly 60: checks at 60 and 90 time out, the second at 95.
    const early = timeline(ALB_DEFAULTS, 0, (s) => s < 60, 'hang', 300);
    expect(early.transitions).toEqual([
      { to: 'healthy', at: 0.01 },
      { to: 'unhealthy', at: 95 },
    ]);
    // A hang just after the check at 60: checks at 90 and 120 time out: unhealthy at 125, 65 s later.
    const late = timeline(ALB_DEFAULTS, 0, (s) => s < 60.001, 'hang', 300);
    expect(late.transitions[1]).toEqual({ to: 'unhealthy', at: 125 });
  });

  it('recovery needs HealthyThresholdCount passes: healthy again between (H-1)I + r and H I + r after the fix', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 29.999, noNaN: true }), fc.double({ min: 300, max: 500, noNaN: true }), (firstCheck, fixedAt) => {
        const config = ALB_DEFAULTS;
        const { transitions } = timeline(config, firstCheck, (s) => s < 100 || s >= fixedAt, 'hang', fixedAt + 300);
        expect(transitions.map((x) => x.to)).toEqual(['healthy', 'unhealthy', 'healthy']);
        const after = transitions[2].at - fixedAt;
        const H = config.healthyThresholdCount;
        const I = config.intervalSeconds;
        expect(after).toBeGreaterThanOrEqual((H - 1) * I + 0.01 - 1e-9);
        expect(after).toBeLessThan(H * I + 0.01 + 1e-9);
      }),
    );
  });
});
