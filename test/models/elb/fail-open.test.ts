import { describe, expect, it } from 'vitest';
import { DEFAULT_UNHEALTHY_STATE_ROUTING, isRoutable, routingModeOf } from '../../../src/models/elb/health/fail-open.ts';
import type { TargetHealthState } from '../../../src/models/elb/health/health-check.ts';

interface Registered {
  readonly target: string;
  readonly state: TargetHealthState;
}

function group(...states: TargetHealthState[]): Registered[] {
  return states.map((state, i) => ({ target: `t${i}`, state }));
}

/** The mode from the target group's counts, and the targets routable in it, in registration order. */
function select(registered: Registered[], policy = DEFAULT_UNHEALTHY_STATE_ROUTING) {
  const candidates = registered.filter((r) => r.state !== 'draining' && r.state !== 'unused').length;
  const healthy = registered.filter((r) => r.state === 'healthy').length;
  const mode = routingModeOf(candidates, healthy, policy);
  return { mode, out: registered.filter((r) => isRoutable(r.state, mode)).map((r) => r.target) };
}

describe('routable set and fail-open (aws-semantics.md 7.7)', () => {
  it('routes to the healthy targets only while at least one is healthy', () => {
    expect(select(group('healthy', 'unhealthy', 'initial', 'healthy', 'draining'))).toEqual({ mode: 'healthy', out: ['t0', 't3'] });
  });

  it('fails open when every registered target is unhealthy: all of them get traffic', () => {
    expect(select(group('unhealthy', 'unhealthy', 'unhealthy'))).toEqual({ mode: 'fail_open', out: ['t0', 't1', 't2'] });
  });

  it('draining and unused targets never get new requests, even failing open (7.2)', () => {
    expect(select(group('unhealthy', 'draining', 'unused', 'initial'))).toEqual({ mode: 'fail_open', out: ['t0', 't3'] });
  });

  it('[INFERRED] targets still in their first checks count as not healthy: a new group routes to them', () => {
    expect(select(group('initial', 'initial'))).toEqual({ mode: 'fail_open', out: ['t0', 't1'] });
  });

  it('no registered target: 503 (no_targets); draining ones are not registered any more', () => {
    expect(select(group())).toEqual({ mode: 'no_targets', out: [] });
    expect(select(group('draining', 'unused'))).toEqual({ mode: 'no_targets', out: [] });
  });

  it('minimum_healthy_targets.count and .percentage move the fail-open point', () => {
    const g = group('healthy', 'unhealthy', 'unhealthy', 'unhealthy');
    expect(select(g, { minimumHealthyTargetsCount: 2, minimumHealthyTargetsPercentage: 'off' }).mode).toBe('fail_open');
    expect(select(g, { minimumHealthyTargetsCount: 1, minimumHealthyTargetsPercentage: 25 }).mode).toBe('healthy');
    expect(select(g, { minimumHealthyTargetsCount: 1, minimumHealthyTargetsPercentage: 26 }).mode).toBe('fail_open');
  });
});
