import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepCommand } from '../../src/cli/sweep-command.ts';
import type { SweepResult } from '../../src/experiment/sweep-result.ts';
import { paretoFront } from '../../src/experiment/pareto.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

const scenario = writeScenario(`name: sweepy
duration: 90s
warmup: 10s
workload:
  arrivals: { type: poisson, rate: 30 }
  service_time: { dist: exponential, mean: 100ms }
fleet: { instance_type: m7g.xlarge, instances: 1 }
`);
/** 3 x 2 points x 3 seeds = 18 runs. */
const GRID = ['--grid', 'fleet.workers=4,5,8', '--grid', 'fleet.instance_type=m7g.xlarge,c7g.xlarge', '--seeds', '3'];
const FILES = ['sweep.json', 'sweep.csv', 'sweep-points.csv', 'sweep.html'];

async function sweep(out: string, ...extra: string[]) {
  return sweepOf(scenario, out, ...extra);
}

async function sweepOf(file: string, out: string, ...extra: string[]) {
  const r = await cli(['sweep', file, ...GRID, '--out', out, '--quiet', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r;
}

const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

const unsharded = join(tempDir(), 'sweep');
const ready = sweep(unsharded, '--workers', '1');

describe('fleetsim sweep', () => {
  it('writes one row per point and seed, and per-point estimates with the Pareto front of mean cost and p99', async () => {
    await ready;
    const rows = read(unsharded, 'sweep.csv').trim().split('\n');
    expect(rows[0].startsWith('point,fleet.workers,fleet.instance_type,seed,cost_usd,')).toBe(true);
    expect(rows).toHaveLength(1 + 18);
    expect(rows[1].startsWith('0,4,m7g.xlarge,1,')).toBe(true);
    expect(rows[18].startsWith('5,8,c7g.xlarge,3,')).toBe(true);
    const result = JSON.parse(read(unsharded, 'sweep.json')) as SweepResult;
    expect(result.points.map((p) => p.values)).toEqual([
      ['4', 'm7g.xlarge'], ['4', 'c7g.xlarge'], ['5', 'm7g.xlarge'], ['5', 'c7g.xlarge'], ['8', 'm7g.xlarge'], ['8', 'c7g.xlarge'],
    ]);
    // The scenario has no slo: every run is held to its defaults (no more than 0.1 % errors), which all meet.
    expect(result.plan.slo).toEqual({ latency_p99_ms: null, error_rate: 0.001 });
    expect(result.points.every((p) => p.meets_slo)).toBe(true);
    const front = paretoFront(result.points.map((p) => ({ x: p.estimates.cost_usd, y: p.estimates.latency_p99_ms, eligible: p.meets_slo })));
    expect(result.points.map((p) => p.pareto)).toEqual(front);
    // c7g.xlarge has the vCPUs of m7g.xlarge for less: with as many workers it gives the same p99
    // (the same arrivals and service times per seed) at a lower cost, so it dominates.
    expect(result.points.filter((p) => p.values[1] === 'm7g.xlarge').every((p) => !p.pareto)).toBe(true);
    const pointsCsv = read(unsharded, 'sweep-points.csv').trim().split('\n');
    expect(pointsCsv[0].endsWith(',pareto')).toBe(true);
    expect(pointsCsv.slice(1).map((l) => l.endsWith(',true'))).toEqual(front);
  });

  it('--json prints sweep.json', async () => {
    const out = join(tempDir(), 'sweep');
    const r = await cli(['sweep', scenario, '--grid', 'fleet.workers=4,5', '--seeds', '1', '--workers', '1', '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(read(out, 'sweep.json'));
  });

  it('--slo-share is kept in the plan; a share outside (0, 1] exits 2', async () => {
    const out = join(tempDir(), 'sweep');
    const r = await cli(['sweep', scenario, '--grid', 'fleet.workers=4,5', '--seeds', '1', '--workers', '1', '--out', out, '--json', '--slo-share', '0.5', '--set', 'slo.latency_p99=1ms']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as SweepResult;
    expect(result.plan.slo_share).toBe(0.5);
    // No request of 100 ms on average answers within 1 ms.
    expect(result.plan.slo).toEqual({ latency_p99_ms: 1, error_rate: 0.001 });
    expect(result.cheapest_meeting_slo).toBeNull();
    expect(result.points.every((p) => !p.meets_slo && !p.pareto)).toBe(true);
    for (const bad of ['0', '1.5', 'most']) {
      const b = await cli(['sweep', scenario, '--grid', 'fleet.workers=4', '--seeds', '1', '--out', join(tempDir(), 'x'), '--slo-share', bad]);
      expect(b.code, bad).toBe(2);
      expect(b.stderr).toContain(`--slo-share: found "${bad}"; expected a share above 0 and at most 1`);
    }
  });

  it('the number of worker threads does not change the outputs', async () => {
    await ready;
    const out = join(tempDir(), 'sweep');
    await sweep(out, '--workers', '2');
    for (const f of FILES) expect(read(out, f), f).toBe(read(unsharded, f));
  });

  it('shards merged give byte-identical files to the unsharded sweep, whatever spelling of the scenario path each shard ran with', async () => {
    await ready;
    const shards = join(tempDir(), 'shards');
    // As a shard run from another folder names it; the merged files show shard 0's spelling.
    const elsewhere = `./${relative(process.cwd(), scenario)}`;
    for (const i of [2, 0, 1]) await sweepOf(i === 0 ? scenario : elsewhere, shards, '--shard', `${i}/3`, '--workers', '1');
    expect(readdirSync(shards).sort()).toEqual(['sweep-shard-0-of-3.json', 'sweep-shard-1-of-3.json', 'sweep-shard-2-of-3.json']);
    const merged = join(tempDir(), 'merged');
    const r = await cli(['merge', shards, '--out', merged, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of FILES) expect(read(merged, f), f).toBe(read(unsharded, f));
  });

  it('merge rejects a missing, duplicated or foreign shard (exit 2, nothing written)', async () => {
    const a = join(tempDir(), 'a');
    for (const i of [0, 1]) await sweep(a, '--shard', `${i}/2`, '--workers', '1');
    const other = join(tempDir(), 'other');
    await sweep(other, '--shard', '1/2', '--workers', '1', '--seed-base', '5');
    const onlyOne = join(tempDir(), 'one');
    mkdirSync(onlyOne);
    copyFileSync(join(a, 'sweep-shard-0-of-2.json'), join(onlyOne, 'sweep-shard-0-of-2.json'));
    const edited = (change: (part: Record<string, unknown> & { runs: Array<Record<string, unknown>> }) => void) => {
      const part = JSON.parse(read(a, 'sweep-shard-0-of-2.json')) as Record<string, unknown> & { runs: Array<Record<string, unknown>> };
      change(part);
      const file = join(tempDir(), 'sweep-shard-0-of-2.json');
      writeFileSync(file, JSON.stringify(part));
      return file;
    };
    const noPlan = edited((part) => (part.plan = {}));
    const nullMetrics = edited((part) => (part.runs[1].metrics = null));
    const halfShard = edited((part) => (part.shard = { index: 0.5, count: 2 }));
    const cases: Array<[string[], string]> = [
      [[onlyOne], 'missing shard(s) 1 of 2'],
      [[a, onlyOne], 'shard 0 of 2 appears twice'],
      [[onlyOne, other], 'from a different sweep than'],
      [[onlyOne, other], '(seeds differs)'],
      [[noPlan], `${noPlan}: plan.scenario: `],
      [[nullMetrics], `${nullMetrics}: runs[1].metrics: `],
      [[halfShard], `${halfShard}: shard.index: `],
      [[join(a, 'sweep-shard-0-of-2.json'), scenario], 'not valid JSON'],
      [[tempDir()], 'no sweep-shard-<i>-of-<N>.json file'],
    ];
    for (const [paths, words] of cases) {
      const out = join(tempDir(), 'merged');
      const r = await cli(['merge', ...paths, '--out', out]);
      expect(r.stderr, words).toContain(words);
      expect(r.stderr, words).not.toMatch(/^\s+at /m);
      expect(r.code, words).toBe(2);
      expect(existsSync(join(out, 'sweep.json'))).toBe(false);
    }
  });

  it('takes its shard from AWS Batch or a Kubernetes Indexed Job', async () => {
    const io = { stdout: { write: () => true }, stderr: { write: () => true } };
    const opts = { grid: ['fleet.workers=4,5'], seeds: '1', workers: '1', quiet: true };
    const batch = join(tempDir(), 'batch');
    await sweepCommand(scenario, { ...opts, out: batch }, io, { AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ARRAY_SIZE: '2' });
    expect(readdirSync(batch)).toEqual(['sweep-shard-1-of-2.json']);
    const k8s = join(tempDir(), 'k8s');
    await sweepCommand(scenario, { ...opts, out: k8s, shards: '2' }, io, { JOB_COMPLETION_INDEX: '0' });
    expect(readdirSync(k8s)).toEqual(['sweep-shard-0-of-2.json']);
    await expect(sweepCommand(scenario, { ...opts, out: k8s }, io, { JOB_COMPLETION_INDEX: '0' })).rejects.toThrow('--shards N');
    await expect(sweepCommand(scenario, { ...opts, out: k8s, shards: '2' }, io, {})).rejects.toThrow('no shard index');
    await expect(sweepCommand(scenario, { ...opts, out: k8s, shards: '2' }, io, { JOB_COMPLETION_INDEX: '2' })).rejects.toThrow('from 0 to 1');
  });

  it.each([
    [['--grid', 'fleet.workers'], 'expected path=v1,v2,v3'],
    [['--grid', 'fleet.workers=1,2', '--grid', 'fleet.workers=3'], 'given twice'],
    [['--grid', 'fleet.workers=2,zero'], 'fleet.workers: found "zero"'],
    [['--grid', 'fleet.workers=2', '--shard', '3/3'], '--shard 3/3, i: found "3"; expected a whole number from 0 to 2'],
    [['--grid', 'fleet.workers=2', '--shards', '2'], 'no shard index'],
    [['--grid', 'fleet.workers=2', '--shard', '0/2', '--json'], 'writes no sweep.json'],
    [['--grid', 'fleet.workers=2,2.0'], 'the value 2.0 appears twice'],
    [['--grid', 'fleet.workers=2', '--out', scenario], `--out ${scenario}: is a file, expected a folder`],
    [['--grid', 'fleet.workers=2', '--out', join(scenario, 'x')], `${scenario} is a file, expected a folder`],
    [['--grid', 'fleet.workers=2', '--duration', '10s'], `--duration: 10 s is not longer than the warmup of ${scenario} (10 s)`],
    [['--grid', 'fleet.workers=2', '--seed-base', 'x'], '--seed-base: found "x"'],
    [[], '--grid: expected at least one'],
  ])('bad input %j exits 2', async (args, words) => {
    const r = await cli(['sweep', scenario, '--seeds', '1', '--out', join(tempDir(), 'x'), ...args]);
    expect(r.stderr).toContain(words);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(2);
  });
});
