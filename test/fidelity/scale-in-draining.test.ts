import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../helpers/run-cli.ts';

/** A day of the NASA trace through target tracking: the group scales in many times as the load falls. */
function nasaDay(extra: { load_balancer?: object; policies?: object[] } = {}) {
  return {
    name: 'scale-in-draining',
    seed: 5,
    duration: '12h',
    workload: {
      arrivals: { type: 'trace', file: new URL('../../scenarios/traces/nasa_jul95_60s.csv', import.meta.url).pathname, scale: 40, offset: '12d' },
      service_time: { dist: 'lognormal', median: 0.04, p99: 2 },
    },
    fleet: {
      instance_type: 'c7g.large',
      autoscaling: {
        min: 1,
        max: 30,
        default_instance_warmup: 60,
        policies: extra.policies ?? [{ name: 'cpu50', type: 'target_tracking', metric: 'ASGAverageCPUUtilization', target: 50 }],
      },
    },
    load_balancer: extra.load_balancer ?? {},
  };
}

describe('scale-in and the deregistration delay (aws-semantics.md section 7.2)', () => {
  it('requests shorter than the deregistration delay are never cut by scale-in', async () => {
    // Service times are capped far below 300 s (p99 2 s; the lognormal tail never reaches minutes here).
    const s = await runScenario(nasaDay());
    expect(s.scaling.terminations).toBeGreaterThan(3);
    expect(s.requests.failed_by_cause.http_502).toBe(0);
    expect(s.latency_ms.max!).toBeLessThan(300_000);
  });

  it('a delay shorter than some requests cuts them off with 502', async () => {
    const s = await runScenario(nasaDay({ load_balancer: { deregistration_delay: 0 } }));
    expect(s.scaling.terminations).toBeGreaterThan(3);
    expect(s.requests.failed_by_cause.http_502).toBeGreaterThan(0);
  });
});

describe('step scaling on the load balancer latency (TargetResponseTime)', () => {
  it('adds instances when the average response time breaches the threshold', async () => {
    const s = await runScenario(
      nasaDay({
        policies: [
          {
            name: 'latency',
            type: 'step',
            metric: 'TargetResponseTime',
            threshold: 0.2,
            comparison: '>',
            evaluation_periods: 2,
            adjustment_type: 'ChangeInCapacity',
            steps: [{ lower: 0, adjustment: 2 }],
          },
        ],
      }),
    );
    const activity = readFileSync(join(s.out, 'activity.csv'), 'utf8');
    expect(activity).toMatch(/step scaling policy latency/);
    expect(s.scaling.policy_activities.step).toBeGreaterThan(0);
  });
});
