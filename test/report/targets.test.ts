import { describe, expect, it } from 'vitest';
import { targetsCsv } from '../../src/report/csv.ts';
import { toSummary } from '../../src/report/summary.ts';
import { validateScenario } from '../../src/scenario/load.ts';
import { simulate } from '../../src/scenario/simulate.ts';

/*
 * targets.csv and summary.json's availability_zones: what each instance and each zone took, and
 * how it ended, adding up to the run's own counts.
 */

function run(extra: object) {
  const { scenario } = validateScenario(
    {
      name: 't',
      duration: '20m',
      workload: { arrivals: { type: 'poisson', rate: 40 }, service_time: { dist: 'exponential', mean: '50ms' } },
      fleet: { instance_type: 'm7g.large', instances: 4, availability_zones: ['us-east-1a', 'us-east-1b'] },
      ...extra,
    },
    { file: 't.yaml', baseDir: '.' },
  );
  return simulate(scenario);
}

describe('per-target and per-zone outputs', () => {
  it('round robin gives each of four instances a quarter of the requests, and the rows add up to the run', async () => {
    const result = run({});
    const summary = toSummary(result);
    expect(result.targets).toHaveLength(4);
    // Strict turns over a fixed set of targets: shares differ by at most one request.
    const taken = result.targets.map((t) => t.requests);
    expect(Math.max(...taken) - Math.min(...taken)).toBeLessThanOrEqual(1);
    expect(taken.reduce((a, b) => a + b, 0)).toBe(summary.requests.arrived);
    expect(result.targets.reduce((a, t) => a + t.completed, 0)).toBe(summary.requests.completed);
    // Two instances per zone (launched in turn over the zones), so each zone took half.
    const zones = summary.availability_zones;
    expect(Object.keys(zones)).toEqual(['us-east-1a', 'us-east-1b']);
    expect(zones['us-east-1a'].instances).toBe(2);
    expect(zones['us-east-1a'].requests + zones['us-east-1b'].requests).toBe(summary.requests.arrived);
    // The zones' mean latencies weigh up to the mean over every completed request (warmup 0).
    const mean =
      (zones['us-east-1a'].latency_mean_ms! * zones['us-east-1a'].completed + zones['us-east-1b'].latency_mean_ms! * zones['us-east-1b'].completed) /
      summary.requests.completed;
    expect(mean).toBeCloseTo(summary.latency_ms.mean!, 2);
  });

  it("names the share each AZ's load balancer node received without cross-zone load balancing, and none with it", () => {
    const off = toSummary(run({ load_balancer: { type: 'alb', cross_zone: false, dns_ttl: 0 } }));
    const zones = Object.values(off.availability_zones);
    const received = zones.map((z) => z.node_requests!);
    expect(received.reduce((a, b) => a + b, 0)).toBe(off.requests.arrived);
    // Each request's client resolves afresh (TTL 0) to one of two nodes: binomial, n = arrived, p = 1/2.
    const sd = Math.sqrt(off.requests.arrived / 4);
    for (const r of received) expect(Math.abs(r - off.requests.arrived / 2)).toBeLessThan(4 * sd);
    // A node sends only to its own zone's instances.
    for (const z of zones) expect(z.requests).toBe(z.node_requests);
    const on = toSummary(run({}));
    expect(Object.values(on.availability_zones).map((z) => z.node_requests)).toEqual([null, null]);
  });

  it('a crashed instance shows its 502s on its own row, and requests no target took stay off every row', async () => {
    const result = run({ faults: [{ at: '10m', type: 'instance_crash', count: 1 }] });
    const summary = toSummary(result);
    const crashed = result.targets.filter((t) => t.failedByCause.http_502 > 0);
    expect(crashed).toHaveLength(1);
    expect(result.targets.reduce((a, t) => a + t.failedByCause.http_502, 0)).toBe(summary.requests.failed_by_cause.http_502);
    const onTargets = result.targets.reduce((a, t) => a + t.requests, 0);
    expect(onTargets + summary.requests.failed_by_cause.http_503).toBe(summary.requests.arrived);

    const [header, ...rows] = (await targetsCsv(result.targets)).trim().split('\n').map((l) => l.split(','));
    expect(header.slice(0, 6)).toEqual(['instance_id', 'availability_zone', 'instance_type', 'requests', 'completed', 'failed']);
    const row = rows.find((r) => r[0] === crashed[0].id)!;
    expect(Number(row[header.indexOf('failed_http_502')])).toBe(crashed[0].failedByCause.http_502);
    expect(Number(row[header.indexOf('requests')])).toBe(Number(row[header.indexOf('completed')]) + Number(row[header.indexOf('failed')]) + Number(row[header.indexOf('in_flight_at_end')]));
  });
});
