import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src/experiment/compare-result.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

/** M/M/c on one instance: cheap to run, and its variants differ in known directions. */
const scenario = (name: string, workers: number) => `name: ${name}
duration: 2m
warmup: 10s
workload:
  arrivals: { type: poisson, rate: 30 }
  service_time: { dist: exponential, mean: 100ms }
fleet: { instance_type: m7g.xlarge, instances: 1, workers: ${workers} }
slo: { latency_p99: 400ms }
`;

const dir = tempDir();
const four = writeScenario(scenario('four', 4), join(dir));
const fiveDir = tempDir();
const five = writeScenario(scenario('five', 5), fiveDir);

function readResult(out: string): CompareResult {
  return JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as CompareResult;
}

describe('fleetsim compare', () => {
  it('compares scenario files on the same seeds and writes compare.json and compare.csv', async () => {
    const out = join(tempDir(), 'cmp');
    const r = await cli(['compare', four, five, '--seeds', '4', '--seed-base', '21', '--out', out, '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4 seeds (21..24)');
    expect(r.stdout).toContain('paired difference to four');
    // The cost's breakdown under it, and the under-provisioned time.
    expect(r.stdout).toMatch(/\ncost \$ .*\n {2}instances \$ .*\n {2}load balancer \$ /);
    expect(r.stdout).toMatch(/\nunder-prov\. s /);
    const result = readResult(out);
    expect(result.baseline).toBe('four');
    expect(result.seeds).toEqual([21, 22, 23, 24]);
    expect(result.variants.map((v) => v.name)).toEqual(['four', 'five']);
    expect(result.variants[1].runs.map((run) => run.seed)).toEqual([21, 22, 23, 24]);
    expect(result.variants[0].difference_to_baseline).toBeNull();
    expect(result.variants[0].slo).toEqual({ latency_p99_ms: 400, error_rate: 0.001 });
    expect(result.variants[0].timeseries.seed).toBe(21);
    for (const run of result.variants.flatMap((v) => v.runs)) {
      const m = run.metrics;
      expect(m.cost_instances_usd! + m.cost_load_balancer_usd!).toBeCloseTo(m.cost_usd!, 6);
      expect(m.cost_instances_usd!).toBeGreaterThan(0);
      expect(m.under_provisioned_seconds).toBeGreaterThanOrEqual(0);
    }
    expect(result.variants[0].timeseries.columns.time_s).toHaveLength(2);
    const csv = readFileSync(join(out, 'compare.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('variant,metric,n,mean,half_width,low,high,difference_n,difference_mean,difference_half_width,difference_low,difference_high');
    expect(csv).toHaveLength(1 + 2 * result.metrics.length);
  });

  it('a fifth worker costs nothing here and cuts latency', async () => {
    const out = join(tempDir(), 'cmp');
    const r = await cli(['compare', four, five, '--seeds', '6', '--out', out, '--workers', '1', '--quiet']);
    expect(r.code).toBe(0);
    const d = readResult(out).variants[1].difference_to_baseline!;
    expect(d.cost_usd).toMatchObject({ mean: 0, half_width: 0 });
    expect(d.latency_mean_ms.high!).toBeLessThan(0);
    expect(d.latency_p99_ms.high!).toBeLessThan(0);
  });

  it('common random numbers: a change that does not touch the queue leaves a paired latency difference of exactly 0', async () => {
    // c7g.xlarge has the vCPUs of m7g.xlarge at a lower price: only the cost may change, and with
    // the same arrivals and service times per seed every request waits exactly as long.
    const out = join(tempDir(), 'cmp');
    const r = await cli(['compare', four, '--variant', 'graviton3c: fleet.instance_type=c7g.xlarge', '--seeds', '5', '--out', out, '--workers', '1', '--quiet']);
    expect(r.code).toBe(0);
    const [base, variant] = readResult(out).variants;
    expect(base.estimates.latency_mean_ms.half_width!).toBeGreaterThan(1);
    expect(variant.difference_to_baseline!.latency_mean_ms).toEqual({ n: 5, mean: 0, half_width: 0, low: 0, high: 0 });
    expect(variant.difference_to_baseline!.cost_usd.high!).toBeLessThan(0);
  });

  it("variants of one scenario: the scenario as written is the baseline, --set applies to all, each --variant adds its own", async () => {
    const out = join(tempDir(), 'cmp');
    const r = await cli([
      'compare', four,
      '--set', 'duration=1m',
      '--variant', 'six: fleet.workers=6, slo.latency_p99=300ms',
      '--variant', 'fleet.instance_type=c7g.xlarge',
      '--seeds', '2', '--out', out, '--json', '--workers', '1',
    ]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as CompareResult;
    expect(result).toEqual(readResult(out));
    expect(result.variants.map((v) => [v.name, v.sets])).toEqual([
      ['four', ['duration=1m']],
      ['six', ['duration=1m', 'fleet.workers=6', 'slo.latency_p99=300ms']],
      ['fleet.instance_type=c7g.xlarge', ['duration=1m', 'fleet.instance_type=c7g.xlarge']],
    ]);
    expect(result.variants[1].slo?.latency_p99_ms).toBe(300);
    expect(result.variants[0].timeseries.columns.time_s).toHaveLength(1);
  });

  it('output does not depend on the number of worker threads', async () => {
    const outs = [join(tempDir(), 'w1'), join(tempDir(), 'w2')];
    for (const [i, workers] of ['1', '2'].entries()) {
      const r = await cli(['compare', four, five, '--seeds', '3', '--out', outs[i], '--workers', workers, '--quiet']);
      expect(r.code).toBe(0);
    }
    for (const f of ['compare.json', 'compare.csv']) expect(readFileSync(join(outs[1], f), 'utf8')).toBe(readFileSync(join(outs[0], f), 'utf8'));
  });

  it('files with the same scenario name get distinct variant names', async () => {
    const out = join(tempDir(), 'cmp');
    const r = await cli(['compare', four, four, '--seeds', '2', '--out', out, '--workers', '1', '--quiet']);
    expect(r.code).toBe(0);
    expect(readResult(out).variants.map((v) => v.name)).toEqual(['four', 'four-2']);
  });

  it.each([
    [['--variant', 'x: fleet.workers=2', five], '--variant: found 2 scenario files'],
    [['--variant', 'fleet.workers'], '"fleet.workers" is not path=value'],
    [['--variant', 'x: fleet.workers=2', '--variant', 'x: fleet.workers=3'], `"x" is already taken by --variant 'x: fleet.workers=2'`],
    [['--variant', 'four: fleet.workers=2'], `"four" is already taken by the baseline, ${four}`],
    [['--set', 'fleet.workers=many'], "fleet.workers: found \"many\""],
    [['--set', 'fleet.nothing.deeper=1'], "--set 'fleet.nothing.deeper=1'"],
    [['--seeds', '0'], '--seeds: found "0"'],
    [['--workers', 'all'], '--workers: found "all"'],
    [['--duration', '5s'], `--duration: 5 s is not longer than the warmup of ${four} (10 s)`],
    [['--set', 'duration=5s'], "(after --set 'duration=5s')"],
  ])('bad input %j exits 2 with a message, writing nothing', async (args, words) => {
    const out = join(tempDir(), 'cmp');
    const r = await cli(['compare', four, ...args, '--seeds', args.includes('--seeds') ? args[args.indexOf('--seeds') + 1] : '2', '--out', out]);
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(2);
    expect(existsSync(join(out, 'compare.json'))).toBe(false);
  });

  it('a bad line of a trace read in a worker thread is bad input too (exit 2, file and line, no stack)', async () => {
    const folder = tempDir();
    writeFileSync(join(folder, 'times.txt'), 'time_s\n0.1\nsoon\n0.4\n');
    const file = writeScenario(`name: logged
duration: 1m
warmup: 0s
workload:
  arrivals: { type: requests, file: times.txt }
  service_time: { dist: exponential, mean: 10ms }
fleet: { instance_type: m7g.xlarge, instances: 1 }
`, folder);
    for (const workers of ['1', '2']) {
      const r = await cli(['compare', file, file, '--seeds', '2', '--workers', workers, '--out', join(folder, `out${workers}`)]);
      expect(r.stderr, workers).toContain(`${join(folder, 'times.txt')}:3:`);
      expect(r.stderr, workers).not.toMatch(/^\s+at /m);
      expect(r.code, workers).toBe(2);
    }
    // An --out that cannot be written is reported before anything runs, so not the trace's bad line.
    const r = await cli(['compare', file, file, '--seeds', '2', '--workers', '1', '--out', join(folder, 'times.txt')]);
    expect(r.stderr).toContain(`--out ${join(folder, 'times.txt')}: is a file, expected a folder`);
    expect(r.code).toBe(2);
  });
});
