import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPES } from '../../src/models/compute/instance-types.ts';
import type { OptimizeResult } from '../../src/experiment/optimize-result.ts';
import type { SweepResult } from '../../src/experiment/sweep-result.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';

/**
 * M/M/c: one instance whose c workers (its vCPUs) share one FIFO queue, at lambda = 300/s and
 * mu = 100/s (a = 3). The response time T = W + S of M/M/c has the tail
 *   P(T > t) = e^(-mu t) + C(c, a) mu / (c mu - lambda - mu) (e^(-mu t) - e^(-(c mu - lambda) t))
 * with C(c, a) the Erlang C probability of waiting (Gross & Harris, Fundamentals of Queueing
 * Theory, 4th ed., sections 2.3 and 2.3.1). Its p99 tells which instance type first meets a p99
 * SLO of 53 ms: m7g.medium (c = 1) and m7g.large (c = 2) are overloaded, m7g.xlarge (c = 4) has a
 * p99 of 60.1 ms, m7g.2xlarge (c = 8) one of 46.1 ms. Prices grow with c, so m7g.2xlarge is the answer.
 */
const LAMBDA = 300;
const MU = 100;
const SLO_MS = 53;
const TYPES = ['m7g.medium', 'm7g.large', 'm7g.xlarge', 'm7g.2xlarge'] as const;

function erlangC(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - (a / c) * (1 - b));
}

/** p99 of the M/M/c response time in ms, by bisection on its tail; Infinity when overloaded. */
function mmcP99(c: number): number {
  if (LAMBDA >= c * MU) return Infinity;
  const C = erlangC(c, LAMBDA / MU);
  const g = c * MU - LAMBDA;
  // When c mu - lambda = mu the two exponentials meet, and the limit is e^(-mu t) (1 + C mu t).
  const tail = (t: number) =>
    g === MU ? Math.exp(-MU * t) * (1 + C * MU * t) : Math.exp(-MU * t) + ((C * MU) / (g - MU)) * (Math.exp(-MU * t) - Math.exp(-g * t));
  let [lo, hi] = [0, 10];
  for (let i = 0; i < 100; i++) [lo, hi] = tail((lo + hi) / 2) > 0.01 ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
  return lo * 1000;
}

const scenario = writeScenario({
  name: 'mmc-types',
  duration: '40s',
  warmup: '5s',
  workload: { arrivals: { type: 'poisson', rate: LAMBDA }, service_time: { dist: 'exponential', mean: `${1000 / MU}ms` } },
  fleet: { instance_type: 'm7g.large', instances: 1 },
  slo: { latency_p99: `${SLO_MS}ms` },
});
const GRID = ['--grid', `fleet.instance_type=${TYPES.join(',')}`];
/** The last two types: the one that misses the SLO by the least and the answer. */
const PAIR = ['--grid', `fleet.instance_type=${TYPES.slice(2).join(',')}`];

async function optimize(grid: readonly string[], ...extra: string[]) {
  const out = join(tempDir(), 'optimize');
  const r = await cli(['optimize', scenario, ...grid, '--workers', '2', '--out', out, ...extra]);
  return { ...r, out, result: r.code < 2 ? (JSON.parse(readFileSync(join(out, 'optimize.json'), 'utf8')) as OptimizeResult) : null };
}

describe('fleetsim optimize', () => {
  const race = optimize(GRID, '--max-seeds', '6');

  it('finds the instance type Erlang C says first meets the p99 SLO, with fewer runs than the grid', async () => {
    const expected = TYPES.find((t) => mmcP99(INSTANCE_TYPES[t].vcpus) <= SLO_MS);
    expect(expected).toBe('m7g.2xlarge');
    expect(mmcP99(INSTANCE_TYPES['m7g.xlarge'].vcpus)).toBeCloseTo(60.1, 1);
    const { code, stdout, result } = await race;
    expect(code).toBe(0);
    expect(result!.outcome).toBe('found');
    expect(result!.points[result!.answer!].values).toEqual([expected]);
    expect(result!.points.map((p) => p.status)).toEqual(['infeasible', 'infeasible', 'infeasible', 'answer']);
    // The three cheaper types each fail on their first 3 seeds; only the answer runs all 6.
    expect(result!.full_grid_runs).toBe(24);
    expect(result!.runs_used).toBe(3 * 3 + 6);
    expect(result!.runs).toHaveLength(result!.runs_used);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Cheapest point meeting the SLO (p99 ≤ 53 ms, error rate ≤ 0.1 %, in every seed): fleet.instance_type=m7g.2xlarge');
    expect(lines[1]).toContain('SLO met in 6 of 6 seeds (share 54.1 % to 100 %)');
    expect(stdout).toContain('15 runs in 2 rounds, against 24 for the full grid (4 points x 6 seeds): 9 saved');
  });

  it('gives the runs sweep gives on the same seeds', async () => {
    const { result } = await race;
    const out = join(tempDir(), 'sweep');
    const s = await cli(['sweep', scenario, '--grid', 'fleet.instance_type=m7g.xlarge,m7g.2xlarge', '--seeds', '3', '--workers', '1', '--out', out, '--json']);
    expect(s.code).toBe(0);
    const sweep = JSON.parse(s.stdout) as SweepResult;
    const ofType = (t: string) => result!.runs.filter((r) => result!.points[r.point].values[0] === t).slice(0, 3).map((r) => [r.seed, r.metrics]);
    expect(ofType('m7g.xlarge')).toEqual(sweep.runs.filter((r) => r.point === 0).map((r) => [r.seed, r.metrics]));
    expect(ofType('m7g.2xlarge')).toEqual(sweep.runs.filter((r) => r.point === 1).map((r) => [r.seed, r.metrics]));
  });

  it('exits 1 and says so when the budget runs out before the answer is decided', async () => {
    const { code, stdout, result } = await optimize(PAIR, '--max-seeds', '6', '--budget', '6');
    expect(code).toBe(1);
    expect(result!.outcome).toBe('undecided');
    expect(result!.answer).toBeNull();
    expect(result!.runs_used).toBe(6);
    expect(stdout.split('\n').slice(0, 2)).toEqual([
      'Not decided within the budget of 6 runs: point 1 still open.',
      'No point has yet been shown to meet the SLO (p99 ≤ 53 ms, error rate ≤ 0.1 %, in every seed).',
    ]);
  });

  it('exits 1 when no point meets the SLO (--json prints optimize.json), and 2 for a budget below the first round', async () => {
    const none = await optimize(PAIR, '--max-seeds', '2', '--set', 'slo.latency_p99=1ms', '--json');
    expect(none.code).toBe(1);
    expect(none.stdout).toBe(readFileSync(join(none.out, 'optimize.json'), 'utf8'));
    expect(none.result!.outcome).toBe('infeasible');
    expect(none.result!.points.every((p) => p.status === 'infeasible' && p.seeds === 2)).toBe(true);
    const small = await optimize(GRID, '--budget', '11');
    expect(small.code).toBe(2);
    expect(small.stderr).toBe('fleetsim: --budget: found 11; expected at least 12 (3 seeds for each of the 4 points)\n');
  });
});
