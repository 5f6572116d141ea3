import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectEveryRequestAccounted } from '../helpers/request-accounting.ts';
import { runScenario } from '../helpers/run-cli.ts';

describe('a hung instance (aws-semantics.md sections 7.1, 7.6, 7.7)', () => {
  it('its requests fail with 504 at the idle timeout until health checks take it out of rotation', async () => {
    const s = await runScenario({
      name: 'hang',
      duration: '30m',
      workload: { arrivals: { type: 'poisson', rate: 10 }, service_time: { dist: 'constant', value: 0.05 } },
      fleet: { instance_type: 'm7g.large', instances: 2 },
      faults: [{ at: '10m', type: 'instance_hang', count: 1 }],
    });
    const r = s.requests;
    expectEveryRequestAccounted(s);
    const activity = readFileSync(join(s.out, 'activity.csv'), 'utf8').split('\n');
    const unhealthy = activity.find((l) => l.includes(',healthy,unhealthy,'))!;
    const at = Number(unhealthy.split(',')[0]);
    // Two timed-out checks (5 s each) at a 30 s interval: unhealthy 35 to 65 s after the hang.
    expect(at - 600).toBeGreaterThanOrEqual(35);
    expect(at - 600).toBeLessThanOrEqual(65);
    // Half of the requests until then went to the hung instance and got no answer within 60 s:
    // about 10/s x (at - 600) / 2 of them, with Poisson noise (5 standard deviations).
    const expected = (10 * (at - 600)) / 2;
    expect(Math.abs(r.failed_by_cause.http_504 - expected)).toBeLessThan(5 * Math.sqrt(expected) + 1);
    expect(r.failed).toBe(r.failed_by_cause.http_504);
  });
});
