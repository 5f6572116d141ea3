import { describe, expect, it } from 'vitest';
import { checkAssertion, parseAssertion } from '../../src/report/assertions.ts';
import { toSummary } from '../../src/report/summary.ts';
import { pathKeys, shapeProblem } from '../../src/report/summary-path.ts';
import { resourceSeries } from '../../src/report/write-run.ts';
import { validateScenario } from '../../src/scenario/load.ts';
import { simulate } from '../../src/scenario/simulate.ts';
import { reportScenario } from './report-scenario.ts';

/** reportScenario() with no instance for its first minutes, so the load balancer answers 503 (no target) until a scheduled action raises the minimum. */
function emptyAtFirst(): object {
  const s = reportScenario() as { fleet: { autoscaling: { min: number; policies: object[] } } };
  s.fleet.autoscaling.min = 0;
  s.fleet.autoscaling.policies.push({ name: 'open', type: 'scheduled', start_time: '2026-03-02T00:03:00Z', min: 1 });
  return s;
}

const { scenario } = validateScenario(emptyAtFirst(), { file: 'report.yaml', baseDir: '.' });
const run = simulate(scenario, { duration: 1200, seed: 1 });
const { resources } = run;
const total = (series: { column(name: string): Float64Array }, column: string) => series.column(column).reduce((a, b) => a + b, 0);

describe('results per resource of the one-group form', () => {
  it('the run has requests answered 503 by the load balancer and rejected by instances, so the resources differ', () => {
    expect(run.requests.failedByCause.http_503).toBeGreaterThan(0);
    expect(run.requests.failedByCause.rejected).toBeGreaterThan(0);
  });

  it('the load balancer and the one request class took every arrival', () => {
    for (const r of [resources.loadBalancers[0].requests, resources.requestClasses[0].requests]) {
      expect(r.requests).toBe(run.requests.arrived);
      expect(r.failedByCause).toEqual(run.requests.failedByCause);
      expect(r.latency).toBe(run.latency);
    }
    expect(resources.requestClasses.map((c) => [c.name, c.path])).toEqual([['default', '/']]);
    expect(total(resources.loadBalancers[0].timeSeries, 'requests')).toBe(run.requests.arrived);
    expect(total(resources.loadBalancers[0].timeSeries, 'http_503')).toBe(run.requests.failedByCause.http_503);
  });

  it('the group and the target group took the requests that reached an instance: all but the 503s, each counted once', () => {
    for (const r of [resources.autoScalingGroups[0].requests, resources.targetGroups[0].requests]) {
      expect(r.requests).toBe(run.requests.arrived - run.requests.failedByCause.http_503);
      expect(r.completed + r.failed + r.inFlightAtEnd).toBe(r.requests);
      expect(r.failedByCause.http_503).toBe(0);
      expect(r.failedByCause.rejected).toBe(run.requests.failedByCause.rejected);
      expect(r.completed).toBe(run.requests.completed);
    }
    const tg = resources.targetGroups[0];
    expect(total(tg.timeSeries, 'requests')).toBe(tg.requests.requests);
    expect(total(tg.timeSeries, 'failed')).toBe(tg.requests.failed);
    expect(tg.trafficShare).toBe(1);
    expect([tg.name, tg.loadBalancer]).toEqual(['lb', 'lb']);
  });

  it("the group's figures and capacity columns are the run's", () => {
    const g = resources.autoScalingGroups[0];
    expect(g.costUsd).toBe(run.cost.total);
    expect(g.capacity).toEqual(run.capacity);
    expect(Array.from(g.timeSeries.column('in_service'))).toEqual(Array.from(run.timeSeries.column('instances_in_service')));
    expect(Array.from(g.timeSeries.column('desired'))).toEqual(Array.from(run.timeSeries.column('desired')));
  });

  it('each resource has its time-series file in timeseries/', () => {
    expect(resourceSeries(run).map(([file]) => file)).toEqual([
      'timeseries/auto_scaling_group.report-demo-asg.csv',
      'timeseries/target_group.lb.csv',
      'timeseries/load_balancer.lb.csv',
    ]);
  });
});

describe('summary.json resources and --assert on them', () => {
  const summary = toSummary(run);

  it('mirrors the scenario keys, each entry shaped like the top-level requests and latency_ms', () => {
    expect(Object.keys(summary.resources)).toEqual(['auto_scaling_groups', 'target_groups', 'load_balancers', 'request_classes']);
    const tg = summary.resources.target_groups.lb;
    expect(tg.requests.arrived).toBe(summary.requests.arrived - summary.requests.failed_by_cause.http_503);
    expect(tg.latency_ms).toEqual(summary.latency_ms);
    expect(summary.resources.load_balancers.lb.cost_usd).toBe(summary.cost_usd.load_balancer.usd);
    expect(summary.resources.auto_scaling_groups['report-demo-asg'].capacity.instance_hours).toBe(summary.capacity.instance_hours);
  });

  it.each([
    'resources.target_groups.lb.latency_ms.p99',
    'resources.target_groups["api-green"].latency_ms.p99',
    'resources.auto_scaling_groups["web.v2"].capacity.max_instances',
    'resources.load_balancers.lb.requests.failed_by_cause.http_503',
    'resources.request_classes.default.requests.arrived',
  ])('%s names a number', (path) => {
    expect(shapeProblem(pathKeys(path))).toBeUndefined();
  });

  it.each([
    ['resources.target_groups.lb.latency_ms.p98', /no key "p98" under resources.target_groups.lb.latency_ms/],
    ['resources.target_groups.lb.load_balancer', /is not a number in summary.json but text/],
    ['resources.target_groups.lb.traffic_share.x', /traffic_share is a number, with no keys under it/],
  ])('%s is refused before a run', (path, message) => {
    expect(shapeProblem(pathKeys(path))).toMatch(message);
  });

  it('a bound on a target group is checked against its figures', () => {
    const p99 = summary.resources.target_groups.lb.latency_ms.p99!;
    expect(checkAssertion(parseAssertion(`resources.target_groups.lb.latency_ms.p99 <= ${p99}`), summary).passed).toBe(true);
    expect(checkAssertion(parseAssertion(`resources.target_groups["lb"].latency_ms.p99 < ${p99}`), summary).passed).toBe(false);
    expect(checkAssertion(parseAssertion('resources.target_groups.lb.requests.arrived + requests.failed_by_cause.http_503 == requests.arrived'), summary).passed).toBe(true);
  });
});
