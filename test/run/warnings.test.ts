import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/scenario/load.ts';
import { simulate } from '../../src/scenario/simulate.ts';
import type { RunWarning } from '../../src/scenario/warnings.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

/*
 * A scenario that runs but most likely not as meant gets a warning: on stderr, in summary.json's
 * `warnings` and at the top of report.html.
 */

const FLEET = { instance_type: 'm7g.large', instances: 2 };

/** Runs a scenario given as a plain object through the library, as a caller would. */
function warningsOf(data: Record<string, unknown>, dir = tempDir()): readonly RunWarning[] {
  const loaded = validateScenario({ name: 'w', ...data }, { file: 'w.yaml', baseDir: dir });
  return simulate(loaded.scenario, { warnings: loaded.warnings }).warnings;
}

/** A rate CSV of `buckets` one-minute buckets of 60 requests. */
function rateTrace(dir: string, buckets: number): string {
  const rows = Array.from({ length: buckets }, (_, i) => `${i * 60},60`);
  writeFileSync(join(dir, 't.csv'), `time_s,requests\n${rows.join('\n')}\n`);
  return 't.csv';
}

const FAST = { dist: 'constant', value: '10ms' };

describe('a trace that ends before the run', () => {
  it('warns when a rate trace of 10 minutes is run for 15, naming the file and where its traffic stops', () => {
    const dir = tempDir();
    const file = rateTrace(dir, 10);
    const warnings = warningsOf({ duration: '15m', workload: { arrivals: { type: 'trace', file }, service_time: FAST }, fleet: FLEET }, dir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].code).toBe('trace_ends_before_run');
    expect(warnings[0].path).toBe('workload.arrivals');
    expect(warnings[0].message).toContain(join(dir, 't.csv'));
    expect(warnings[0].message).toContain('ends 10 min into the run');
    expect(warnings[0].message).toContain('in the last 5 min');
  });

  it('does not warn when the run ends with the trace, when the trace loops, or when the run stops before its end', () => {
    const dir = tempDir();
    const file = rateTrace(dir, 10);
    const workload = (extra: object) => ({ arrivals: { type: 'trace', file, ...extra }, service_time: FAST });
    expect(warningsOf({ duration: '10m', workload: workload({}), fleet: FLEET }, dir)).toEqual([]);
    expect(warningsOf({ workload: workload({}), fleet: FLEET }, dir)).toEqual([]);
    expect(warningsOf({ duration: '15m', workload: workload({ loop: true }), fleet: FLEET }, dir)).toEqual([]);
    expect(warningsOf({ duration: '5m', workload: workload({}), fleet: FLEET }, dir)).toEqual([]);
  });

  it('warns for a request file only when more than an output period is left after its last request', () => {
    const dir = tempDir();
    const times = Array.from({ length: 100 }, (_, i) => String(i));
    writeFileSync(join(dir, 'r.txt'), `time_s\n${times.join('\n')}\n`);
    const run = (duration: string) =>
      warningsOf({ duration, workload: { arrivals: { type: 'requests', file: 'r.txt' }, service_time: FAST }, fleet: FLEET, output: { period: '60s' } }, dir);
    // Last request at 99 s: 30 s left is within a period, 201 s left is not.
    expect(run('129s')).toEqual([]);
    const [w] = run('300s');
    expect(w.code).toBe('trace_ends_before_run');
    expect(w.message).toContain('has its last request 99 s into the run');
  });

  it('names the part of combined arrivals that ends', () => {
    const dir = tempDir();
    const file = rateTrace(dir, 10);
    const parts = [{ type: 'poisson', rate: 1 }, { type: 'trace', file }];
    const warnings = warningsOf({ duration: '20m', workload: { arrivals: { type: 'combined', parts }, service_time: FAST }, fleet: FLEET }, dir);
    expect(warnings.map((w) => w.path)).toEqual(['workload.arrivals.parts[1]']);
  });
});

describe('a service time written without a unit', () => {
  const withServiceTime = (service_time: object) => ({ duration: 60, workload: { arrivals: { type: 'poisson', rate: 1 }, service_time }, fleet: FLEET });

  it('warns above 10 (seconds), naming the key and the unit rule', () => {
    const warnings = warningsOf(withServiceTime({ dist: 'exponential', mean: 200 }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].code).toBe('service_time_without_unit');
    expect(warnings[0].path).toBe('workload.service_time.mean');
    expect(warnings[0].message).toContain('a bare number is seconds');
    expect(warnings[0].message).toContain('"200ms"');
  });

  it('finds bare values in lists and nested distributions, and not in a log-scale parameter or a scale factor', () => {
    expect(warningsOf(withServiceTime({ dist: 'empirical', values: ['20ms', 30] })).map((w) => w.path)).toEqual(['workload.service_time.values[1]']);
    expect(warningsOf(withServiceTime({ dist: 'lognormal', mu: 12, sigma: 2 }))).toEqual([]);
  });

  it('does not warn for a unit, or for a bare number of at most 10 seconds', () => {
    expect(warningsOf(withServiceTime({ dist: 'exponential', mean: '200ms' }))).toEqual([]);
    expect(warningsOf(withServiceTime({ dist: 'exponential', mean: '200s' }))).toEqual([]);
    expect(warningsOf(withServiceTime({ dist: 'constant', value: 10 }))).toEqual([]);
  });
});

describe('a warm pool sized by AWS default', () => {
  // Section 5 (PutWarmPool): with MaxGroupPreparedCapacity unset the pool holds MaxSize - desired.
  const group = (warm_pool: object) => ({
    duration: 60,
    workload: { arrivals: { type: 'poisson', rate: 1 }, service_time: FAST },
    fleet: { instance_type: 'm7g.large', autoscaling: { min: 2, max: 10, warm_pool } },
  });

  it('warns when max - desired exceeds min_size, saying how many instances the pool holds and why', () => {
    const [w] = warningsOf(group({ min_size: 1 }));
    expect(w.code).toBe('warm_pool_above_min_size');
    expect(w.path).toBe('fleet.autoscaling.warm_pool');
    expect(w.message).toContain('starts with 8 instances (max 10 - desired 2), not min_size 1');
  });

  it('does not warn when max_group_prepared_capacity is set or min_size covers max - desired', () => {
    expect(warningsOf(group({ min_size: 1, max_group_prepared_capacity: 3 }))).toEqual([]);
    expect(warningsOf(group({ min_size: 8 }))).toEqual([]);
  });
});

describe('warnings reach the user', () => {
  it('on stderr (even with --quiet), in summary.json and at the top of report.html', async () => {
    const out = tempDir();
    const file = writeScenario({ name: 'w', duration: 60, workload: { arrivals: { type: 'poisson', rate: 1 }, service_time: { dist: 'constant', value: 20 } }, fleet: FLEET });
    const { code, stderr } = await cli(['run', file, '--quiet', '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toContain('fleetsim: warning: workload.service_time.value: 20 has no unit');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.warnings).toEqual([expect.objectContaining({ code: 'service_time_without_unit', path: 'workload.service_time.value' })]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const warningAt = html.indexOf('class="warnings"');
    expect(warningAt).toBeGreaterThan(0);
    expect(warningAt).toBeLessThan(html.indexOf('class="figures"'));
  });

  it('compare and sweep print each distinct warning once, naming the variant or grid point and how many runs gave it', async () => {
    const file = writeScenario({ name: 'w', duration: 60, workload: { arrivals: { type: 'poisson', rate: 1 }, service_time: { dist: 'constant', value: 20 } }, fleet: FLEET });
    const compared = await cli(['compare', file, '--variant', 'two: fleet.instances=3', '--seeds', '2', '--workers', '1', '--quiet', '--out', tempDir()]);
    expect(compared.code).toBe(0);
    const lines = compared.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^fleetsim: warning: workload\.service_time\.value: 20 has no unit.* \(w, 2 runs\)$/),
      expect.stringMatching(/^fleetsim: warning: workload\.service_time\.value: 20 has no unit.* \(two, 2 runs\)$/),
    ]);
    const swept = await cli(['sweep', file, '--grid', 'fleet.instances=2,3', '--seeds', '2', '--workers', '1', '--quiet', '--out', tempDir()]);
    expect(swept.code).toBe(0);
    expect(swept.stderr).toContain('(fleet.instances=3, 2 runs)');
  });

  it('a run without warnings writes an empty list and no warning section', async () => {
    const out = tempDir();
    const file = writeScenario({ name: 'w', duration: 60, workload: { arrivals: { type: 'poisson', rate: 1 }, service_time: FAST }, fleet: FLEET });
    const { code, stderr } = await cli(['run', file, '--quiet', '--out', out]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).warnings).toEqual([]);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).not.toContain('class="warnings"');
  });
});
