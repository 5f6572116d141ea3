import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS, type MetricValues } from '../../src/experiment/compare-result.ts';
import { gridPoints } from '../../src/experiment/grid.ts';
import { assembleSweep } from '../../src/experiment/sweep.ts';
import type { SweepPlan, SweepResult, SweepRun } from '../../src/experiment/sweep-result.ts';
import { sweepHtml } from '../../src/experiment/sweep-html.ts';
import { lineChart } from '../../src/report/html/line-chart.ts';
import { scatterChart } from '../../src/report/html/scatter-chart.ts';
import { fittingAxis, intervalAxis, place } from '../../src/report/html/svg-axes.ts';
import { runSweep } from './sweep-scenario.ts';

const EVIL = `</script><img src=x onerror=alert(1)>&<!--`;
const ESCAPED = '&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&lt;!--';
/** A file name holds no slash. */
const EVIL_FILE = `<img src=x onerror=alert(1)>"'&<!--`;

/**
 * A sweep assembled from made-up runs (sweep.html reads nothing else): cost grows with the
 * instances and p99 falls, both varying by seed; the point (1 instance, "plain") has no p99. A run
 * meets the SLO when its p99 is at most 800 ms.
 */
function madeUpSweep(grid: SweepPlan['grid']): SweepResult {
  const plan: SweepPlan = { scenario: `/tmp/${EVIL_FILE}.yaml`, scenario_name: EVIL, scenario_sha256: '0'.repeat(64), sets: [`description=${EVIL}`], grid, seeds: [1, 2, 3], duration_seconds: 600, slo: { latency_p99_ms: 800, error_rate: 0.001 }, slo_share: 1 };
  const runs: SweepRun[] = gridPoints(grid).flatMap((values, point) =>
    plan.seeds.map((seed) => {
      const instances = Number(values[0]);
      const zero = Object.fromEntries(COMPARE_METRICS.map((m) => [m, 0])) as Record<string, number | null>;
      const p99 = instances === 1 && values[1] === 'plain' ? null : 900 / instances + 40 * point + seed;
      return { point, seed, metrics: { ...zero, cost_usd: 0.5 * instances + 0.01 * seed + 0.1 * point, latency_p99_ms: p99, slo_met: p99 !== null && p99 <= 800 ? 1 : 0 } as MetricValues };
    }),
  );
  return assembleSweep(plan, runs);
}

const points = (html: string) =>
  [...html.matchAll(/<g class="point" data-point="(\d+)" data-front="(true|false)" data-slo="(true|false)"><title>([^<]*)<\/title>/g)].map((m) => ({
    point: Number(m[1]),
    front: m[2] === 'true',
    meets: m[3] === 'true',
    title: m[4],
  }));

describe('sweep.html', () => {
  const result = madeUpSweep([
    { path: 'fleet.instances', values: ['1', '2', '4'] },
    { path: 'description', values: [EVIL, 'plain'] },
  ]);
  const html = sweepHtml(result);

  it('escapes the scenario name and file, the overrides and the grid values, and needs no script', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html).toContain(`<h1>${ESCAPED}</h1>`);
    expect(html).toContain('<code>/tmp/&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;&lt;!--.yaml</code>');
    expect(html).toContain(`<code>--set description=${ESCAPED}</code>`);
    expect(html).toContain(`<td>${ESCAPED}</td>`);
    expect(html).toContain(`description=${ESCAPED}`);
  });

  it('draws one mark per grid point with a cost and p99, the front highlighted and joined by a step line', () => {
    const drawn = points(html);
    const plotted = result.points.filter((p) => p.estimates.latency_p99_ms.mean !== null);
    expect(plotted.length).toBe(result.points.length - 1);
    expect(drawn.map((d) => d.point).sort()).toEqual(plotted.map((p) => p.point).sort());
    for (const d of drawn) expect(d.front, `point ${d.point}`).toBe(result.points[d.point].pareto);
    // Points that miss the SLO (one instance: p99 of 900 ms and more) are drawn, off the front.
    expect(drawn.filter((d) => !d.meets).map((d) => d.point)).toEqual([0]);
    expect(drawn.map((d) => d.meets)).toEqual(drawn.map((d) => result.points[d.point].meets_slo));
    const front = result.points.filter((p) => p.pareto);
    expect(front.length).toBeGreaterThan(1);
    expect(front.length).toBeLessThan(plotted.length);
    const step = /<path class="front" d="([^"]*)"/.exec(html)![1];
    expect(step.match(/H/g)).toHaveLength(front.length - 1);
    const missing = result.points.find((p) => p.estimates.latency_p99_ms.mean === null)!;
    expect(html).toContain(`Not drawn, for want of a mean cost or p99 (no request completed after the warmup): point ${missing.point}.`);
    // Hover tells the grid values of each mark.
    const second = drawn.find((d) => d.point === 3)!;
    expect(second.title).toContain('point 3: fleet.instances=2, description=plain');
  });

  it('lists every point in its table, the front first and each group by mean cost', () => {
    const rows = [...html.matchAll(/<tr><td class="num">(\d+)<\/td>/g)].map((m) => result.points[Number(m[1])]);
    expect(rows).toHaveLength(result.points.length);
    const firstOther = rows.findIndex((p) => !p.pareto);
    expect(rows.slice(firstOther).every((p) => !p.pareto)).toBe(true);
    for (const group of [rows.slice(0, firstOther), rows.slice(firstOther)]) {
      const costs = group.map((p) => p.estimates.cost_usd.mean!);
      expect(costs).toEqual([...costs].sort((a, b) => a - b));
    }
  });

  it('charts p99 and cost against the first axis, one line per value of the second, for grids of up to two axes', () => {
    expect(html.match(/<g class="line">/g)).toHaveLength(2 * 2);
    const one = sweepHtml(madeUpSweep([{ path: 'fleet.instances', values: ['1', '2', '4'] }]));
    expect(one.match(/<g class="line">/g)).toHaveLength(2);
    const three = sweepHtml(
      madeUpSweep([
        { path: 'fleet.instances', values: ['2', '4'] },
        { path: 'description', values: ['a', 'b'] },
        { path: 'fleet.instance_type', values: ['m7g.large', 'c7g.large'] },
      ]),
    );
    expect(three).not.toContain('<g class="line">');
    expect(points(three)).toHaveLength(8);
  });

  it('puts values spanning ten times or more on a logarithmic axis of 1-2-5 ticks that covers them all', () => {
    const isOneTwoFive = (v: number) => [1, 2, 5].some((m) => Math.abs(Math.log10(v / m) - Math.round(Math.log10(v / m))) < 1e-9);
    for (const values of [[453, 8440], [0.004, 0.09], [460, 31000.5], [0.5, 2e5]]) {
      const axis = fittingAxis(values);
      expect(axis.log, String(values)).toBe(true);
      expect(axis.min).toBeLessThanOrEqual(Math.min(...values));
      expect(axis.max).toBeGreaterThanOrEqual(Math.max(...values));
      expect(axis.ticks.every(isOneTwoFive), String(axis.ticks)).toBe(true);
      // The geometric mean of the ends sits halfway.
      expect(place(axis, Math.sqrt(axis.min * axis.max), 0, 100)).toBeCloseTo(50, 1);
    }
    for (const values of [[100, 900], [-3, 400], [0, 50]]) expect(fittingAxis(values).log, String(values)).toBeUndefined();
  });

  it('is the same page for the same sweep, and for it read back from sweep.json', async () => {
    expect(sweepHtml(result)).toBe(html);
    expect(sweepHtml(JSON.parse(JSON.stringify(result)) as SweepResult)).toBe(html);
    const out = await runSweep();
    const written = readFileSync(join(out, 'sweep.html'), 'utf8');
    expect(sweepHtml(JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as SweepResult)).toBe(written);
    const real = JSON.parse(readFileSync(join(out, 'sweep.json'), 'utf8')) as SweepResult;
    expect(points(written).filter((p) => p.front).map((p) => p.point).sort()).toEqual(real.points.filter((p) => p.pareto).map((p) => p.point).sort());
  });
});

describe('the charts of sweep.html', () => {
  // An under-provisioned point's p99 is a hundred times the others', and over 3 seeds its
  // interval reaches below zero: the means still span ten times and more.
  const marks = [
    { key: 0, x: { mean: 1, low: 0.9, high: 1.1 }, y: { mean: 9000, low: -2000, high: 20000 }, front: false, meets: false, label: '1', title: '1' },
    { key: 1, x: { mean: 2, low: 1.9, high: 2.1 }, y: { mean: 90, low: 80, high: 100 }, front: true, meets: true, label: '2', title: '2' },
    { key: 2, x: { mean: 3, low: 2.9, high: 3.1 }, y: { mean: 60, low: 55, high: 65 }, front: true, meets: true, label: '3', title: '3' },
  ];
  const axes = { x: { title: 'cost', format: String }, y: { title: 'p99', format: String } };

  it('puts means spanning ten times or more on a logarithmic axis even when a whisker reaches below zero, the whisker ending at the foot', () => {
    const svg = scatterChart(marks, axes);
    expect(svg).toContain('>p99, log scale</text>');
    expect(svg).toContain('>cost</text>');
    expect(svg).not.toContain('NaN');
    const axis = intervalAxis(marks.map((m) => m.y));
    expect(axis.log).toBe(true);
    expect(axis.min).toBeLessThanOrEqual(55);
    expect(place(axis, -2000, 0, 100)).toBe(0);
    // Means within ten times of each other keep a linear axis that shows the negative whisker.
    const near = intervalAxis([{ mean: 50, low: -3, high: 100 }, { mean: 400, low: 390, high: 410 }]);
    expect(near.log).toBeUndefined();
    expect(near.min).toBeLessThanOrEqual(-3);
  });

  it('draws the trend lines on the same axis', () => {
    const line = lineChart('p99', { labels: ['1', '2', '3'], title: 'instances' }, { title: 'p99', format: String }, [
      { color: '#000', points: marks.map((m) => ({ ...m.y, title: m.label })) },
    ]);
    expect(line).toContain('>p99, log scale</text>');
    expect(line).not.toContain('NaN');
  });
});
