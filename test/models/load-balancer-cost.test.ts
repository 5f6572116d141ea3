import { describe, expect, it } from 'vitest';
import { runScenario } from '../helpers/run-cli.ts';

/** ALB pricing (aws-semantics.md section 7.8): $0.0225 per hour and $0.008 per LCU-hour in us-east-1. */
describe('load balancer cost', () => {
  const scenario = (lb: object) => ({
    name: 'lb-cost',
    duration: '1h',
    workload: { arrivals: { type: 'poisson', rate: 100 }, service_time: { dist: 'constant', value: 0.01 } },
    fleet: { instance_type: 'm7g.large', instances: 2 },
    load_balancer: lb,
  });

  it('bills processed bytes at 1 GB per LCU-hour when they dominate', async () => {
    // 1 MB per request: 100 requests/s make 360 GB in the hour, far above the other dimensions
    // (1 new connection/s of 25 per LCU, about 1 active connection of 3000).
    const s = await runScenario(scenario({ bytes_per_request: 1_000_000 }));
    const lcuHours = (s.requests.arrived * 1_000_000) / 1e9;
    expect(s.cost_usd.load_balancer.capacity_unit_hours).toBeCloseTo(lcuHours, 6);
    expect(s.cost_usd.load_balancer.usd).toBeCloseTo(0.0225 + 0.008 * lcuHours, 6);
  });

  it('bills new connections at 25 per second per LCU when they dominate', async () => {
    // One request per connection, tiny requests: about 100 new connections/s, 4 LCUs.
    const s = await runScenario(scenario({ requests_per_connection: 1, bytes_per_request: 0 }));
    expect(s.cost_usd.load_balancer.capacity_unit_hours).toBeCloseTo(s.requests.arrived / 3600 / 25, 6);
    expect(s.cost_usd.total).toBeCloseTo(s.cost_usd.by_instance_type['m7g.large'] + s.cost_usd.load_balancer.usd, 6);
  });
});
