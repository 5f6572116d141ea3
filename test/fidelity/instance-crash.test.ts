import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectEveryRequestAccounted } from '../helpers/request-accounting.ts';
import { runScenario } from '../helpers/run-cli.ts';

/** Rows of timeseries.csv as objects of numbers. */
function timeseries(out: string): Record<string, number>[] {
  const [head, ...rows] = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n');
  const names = head.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((v, i) => [names[i], Number(v)])));
}

/** Two instances at 10 req/s; one crashes 5 s before the 660 s row starts. */
function crash(kind?: 'process' | 'host', fleet: object = {}) {
  return runScenario({
    name: 'crash',
    duration: '20m',
    workload: { arrivals: { type: 'poisson', rate: 10 }, service_time: { dist: 'constant', value: 0.05 } },
    fleet: { instance_type: 'm7g.large', instances: 2, ...fleet },
    faults: [{ at: 655, type: 'instance_crash', count: 1, ...(kind ? { kind } : {}) }],
  });
}

/** The time the crashed instance became unhealthy at the load balancer. */
function unhealthyAt(out: string): number {
  const line = readFileSync(join(out, 'activity.csv'), 'utf8').split('\n').find((l) => l.includes(',healthy,unhealthy,'))!;
  return Number(line.split(',')[0]);
}

describe('instance_crash (aws-semantics.md sections 7.1, 7.6, 7.7)', () => {
  it('kind process (the default): connections are refused, so requests fail with 502 at once', async () => {
    const s = await crash();
    expectEveryRequestAccounted(s);
    const rows = timeseries(s.out);
    // Requests sent to the crashed instance from 655 s fail as they arrive, in the 600 s row.
    expect(rows.find((r) => r.time_s === 600)!.failed_http_502).toBeGreaterThan(0);
    expect(s.requests.failed).toBe(s.requests.failed_by_cause.http_502);
  });

  it('kind host: unreachable, so health checks time out and each request waits for the 10 s connect timeout, then 504', async () => {
    const s = await crash('host');
    expectEveryRequestAccounted(s);
    const rows = timeseries(s.out);
    // "504: The load balancer failed to establish a connection to the target before the connection
    // timeout expired (10 seconds)" (ALB-UG:load-balancer-troubleshooting). No request fails by
    // 660 s: those sent from 655 s fail from 665 s on.
    expect(rows.find((r) => r.time_s === 600)!.failed).toBe(0);
    expect(rows.find((r) => r.time_s === 660)!.failed_http_504).toBeGreaterThan(0);
    expect(s.requests.failed).toBe(s.requests.failed_by_cause.http_504);
    // Two timed-out checks (5 s each) at a 30 s interval: unhealthy 35 to 65 s after the crash.
    const at = unhealthyAt(s.out);
    expect(at - 655).toBeGreaterThanOrEqual(35);
    expect(at - 655).toBeLessThanOrEqual(65);
    // Half of the requests until then went to the unreachable instance: 10/s x (at - 655) / 2,
    // with Poisson noise (5 standard deviations); the one or two in flight at the crash add to it.
    const expected = (10 * (at - 655)) / 2;
    expect(Math.abs(s.requests.failed - expected)).toBeLessThan(5 * Math.sqrt(expected) + 2);
    // Nothing fails once the instance is out of rotation and its last connect attempts have ended.
    expect(rows.filter((r) => r.time_s >= at + 70).every((r) => r.failed === 0)).toBe(true);
  });

  it('kind host: a client that gives up before the connect timeout ends its request with its own timeout', async () => {
    const s = await crash('host', { request_timeout: '4s' });
    expectEveryRequestAccounted(s);
    expect(s.requests.failed).toBeGreaterThan(0);
    expect(s.requests.failed).toBe(s.requests.failed_by_cause.timeout);
  });
});
