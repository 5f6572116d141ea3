import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS, type MetricValues } from '../../src/experiment/compare-result.ts';
import { assembleSweep } from '../../src/experiment/sweep.ts';
import type { SweepPlan, SweepRun } from '../../src/experiment/sweep-result.ts';
import { pointsTable } from '../../src/experiment/sweep-table.ts';
import { sweepHtml } from '../../src/experiment/sweep-html.ts';

/**
 * Four points of 10 seeds, `met[p]` of whose seeds meet the SLO. Point 3 is the cheapest and the
 * fastest but never meets it; point 0 is next cheapest and misses it in one seed; points 1 and 2
 * meet it in every seed, 2 dearer and faster.
 */
const COST = [2, 3, 5, 1];
const P99 = [400, 300, 100, 50];
function sweepOf(met: readonly number[], share: number) {
  const plan: SweepPlan = {
    scenario: 's.yaml',
    scenario_name: 's',
    scenario_sha256: '0'.repeat(64),
    sets: [],
    grid: [{ path: 'x', values: ['0', '1', '2', '3'] }],
    seeds: Array.from({ length: 10 }, (_, i) => i + 1),
    duration_seconds: null,
    slo: { latency_p99_ms: 500, error_rate: 0.001 },
    slo_share: share,
  };
  const zero = Object.fromEntries(COMPARE_METRICS.map((m) => [m, 0])) as Record<string, number>;
  const runs: SweepRun[] = COST.flatMap((cost, point) =>
    plan.seeds.map((seed) => ({
      point,
      seed,
      metrics: { ...zero, cost_usd: cost + 0.001 * seed, latency_p99_ms: P99[point] + seed, slo_met: seed <= met[point] ? 1 : 0 } as MetricValues,
    })),
  );
  return assembleSweep(plan, runs);
}

describe('a sweep held to the SLO', () => {
  it('by default a point meets the SLO only when every seed does; the cheapest such point is named first', () => {
    const result = sweepOf([9, 10, 10, 0], 1);
    expect(result.points.map((p) => p.meets_slo)).toEqual([false, true, true, false]);
    expect(result.cheapest_meeting_slo).toBe(1);
    // The front is drawn among the points that meet the SLO: 3 beats everything but never meets it.
    expect(result.points.map((p) => p.pareto)).toEqual([false, true, true, false]);
    const lines = pointsTable(result).split('\n');
    expect(lines[0]).toBe('Cheapest point meeting the SLO (p99 ≤ 500 ms, error rate ≤ 0.1 %, in every seed): x=1: cost $3.0055 ± $0.0022, p99 305.5 ± 3.7 ms');
    expect(lines[3]).toMatch(/^0 .* 0.9 +no$/);
    const html = sweepHtml(result);
    expect(html).toContain('<p class="answer"><strong>Cheapest point meeting the SLO (p99 ≤ 500 ms, error rate ≤ 0.1 %, in every seed): x=1:');
    // The table starts with the answer.
    expect(/<tbody>\n<tr><td class="num">(\d+)<\/td>/.exec(html)![1]).toBe('1');
  });

  it('--slo-share lowers the share of seeds a point needs, counted in whole seeds', () => {
    expect(sweepOf([9, 10, 10, 0], 0.9).cheapest_meeting_slo).toBe(0);
    // 0.7 x 10 is 7.000000000000001 in floating point; 7 seeds of 10 are still 70 %.
    expect(sweepOf([7, 10, 10, 0], 0.7).points[0].meets_slo).toBe(true);
    expect(sweepOf([6, 10, 10, 0], 0.7).points[0].meets_slo).toBe(false);
  });

  it('a point no seed of which meets the SLO is never on the front, whatever the share', () => {
    const result = sweepOf([0, 0, 0, 0], 0.01);
    expect(result.points.every((p) => !p.meets_slo && !p.pareto)).toBe(true);
    expect(result.cheapest_meeting_slo).toBeNull();
    expect(pointsTable(result).split('\n')[0]).toBe('No point meets the SLO (p99 ≤ 500 ms, error rate ≤ 0.1 %, in at least 1 % of seeds)');
  });
});
