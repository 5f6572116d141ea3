import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UNHEALTHY_STATE_ROUTING,
  selectRoutable,
  type RegisteredTarget,
} from '../../../src/models/elb/health/fail-open.ts';
import type { TargetHealthState } from '../../../src/models/elb/health/health-check.ts';

function group(...states: TargetHealthState[]): RegisteredTarget<string>[] {
  return states.map((state, i) => ({ target: `t${i}`, health: { state } }));
}

function select(registered: RegisteredTarget<string>[], policy = DEFAULT_UNHEALTHY_STATE_ROUTING) {
  const out: string[] = ['stale'];
  const mode = selectRoutable(registered, policy, out);
  return { mode, out };
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
