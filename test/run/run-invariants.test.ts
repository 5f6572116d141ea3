import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/report/summary.ts';
import { expectEveryRequestAccounted } from '../helpers/request-accounting.ts';
import { cli, runScenario, tempDir } from '../helpers/run-cli.ts';

const scenariosDir = new URL('../../scenarios/', import.meta.url).pathname;
const bundled = readdirSync(scenariosDir).filter((f) => f.endsWith('.yaml'));

describe('every bundled scenario', () => {
  it.each(bundled)('%s runs (first 2 simulated hours) and accounts for every request', async (name) => {
    const out = join(tempDir(), 'out');
    const r = await cli(['run', join(scenariosDir, name), '--out', out, '--quiet', '--duration', '2h']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    // Two hours outlast the shorter bundled traces; that is the only thing a bundled scenario may warn of.
    expect(summary.warnings.map((w) => w.code).filter((c) => c !== 'trace_ends_before_run')).toEqual([]);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('fleetsim: warning: workload.arrivals: the trace '))).toEqual([]);
    expectEveryRequestAccounted(summary);
    expect(summary.requests.arrived).toBeGreaterThan(0);
    const csv = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(csv[0].startsWith('time_s,arrivals,completed,failed,instances_in_service,utilization,latency_p50_ms,latency_p99_ms,desired,pending,warming,terminating,warm_pool,instances_needed,healthy_targets,unhealthy_targets,failed_rejected,failed_timeout,failed_http_502,failed_http_503,failed_http_504,in_service_')).toBe(true);
    expect(readFileSync(join(out, 'activity.csv'), 'utf8').split('\n')[0]).toBe('time_s,source,subject,from,to,cause');
    // Per-period counts add up to the run's counts.
    const rows = csv.slice(1).map((l) => l.split(',').map(Number));
    expect(rows.reduce((a, r) => a + r[1], 0)).toBe(summary.requests.arrived);
    expect(rows.reduce((a, r) => a + r[2], 0)).toBe(summary.requests.completed);
    expect(rows.reduce((a, r) => a + r[3], 0)).toBe(summary.requests.failed);
  });
});

const overload = {
  name: 'overload',
  duration: 600,
  workload: { arrivals: { type: 'poisson', rate: 30 }, service_time: { dist: 'exponential', mean: 0.1 } },
  fleet: { instance_type: 'm7g.large', instances: 1, queue_limit: 20, request_timeout: 2 },
};

describe('failures', () => {
  it('a full queue rejects and a slow answer times out, each counted once by cause', async () => {
    const s = await runScenario(overload);
    expectEveryRequestAccounted(s);
    expect(s.requests.failed_by_cause.rejected).toBeGreaterThan(0);
    // The queue holds at most 20 behind 2 workers: a wait longer than 2 s needs > 40 services ahead, so almost
    // nothing times out while queued; a long service (P(S > 2 s) = e^-20) almost never. Both must stay rare.
    expect(s.requests.failed_by_cause.timeout).toBeLessThan(s.requests.arrived * 0.01);
    // With 2 workers and mean 0.1 s, at most 20 requests/s can complete.
    expect(s.requests.completed / 600).toBeLessThanOrEqual(20 * 1.05);
  });

  it('a timeout fails requests whose wait plus service would exceed it, and no latency exceeds it', async () => {
    const s = await runScenario({ ...overload, fleet: { ...overload.fleet, queue_limit: undefined, request_timeout: 1 } });
    expectEveryRequestAccounted(s);
    expect(s.requests.failed_by_cause.timeout).toBeGreaterThan(0);
    expect(s.requests.failed_by_cause.rejected).toBe(0);
    expect(s.latency_ms.max!).toBeLessThanOrEqual(1000);
  });
});

describe('determinism', () => {
  it('same scenario and seed: byte-identical summary (without engine) and time series', async () => {
    const scenario = { ...overload, name: 'det' };
    const a = await runScenario(scenario, ['--seed', '5']);
    const b = await runScenario(scenario, ['--seed', '5']);
    const c = await runScenario(scenario, ['--seed', '6']);
    const strip = (s: object) => JSON.stringify({ ...s, engine: undefined, out: undefined });
    expect(strip(a)).toBe(strip(b));
    expect(strip(a)).not.toBe(strip(c));
    const csv = (s: { out: string }) => readFileSync(join(s.out, 'timeseries.csv'), 'utf8');
    expect(csv(a)).toBe(csv(b));
  });
});
