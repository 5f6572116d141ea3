import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TimeSeries } from '../../src/engine/index.ts';
import { validateScenario } from '../../src/scenario/load.ts';
import { simulate } from '../../src/scenario/simulate.ts';
import { runReportHtml } from '../../src/report/html/run-report.ts';
import { toSummary } from '../../src/report/summary.ts';
import { writeRunOutputs } from '../../src/report/write-run.ts';
import { runScenario, tempDir } from '../helpers/run-cli.ts';
import { desiredChanges, reportScenario } from './report-scenario.ts';

const EVIL = `</script><script>alert("x")</script><img src=x onerror='alert(1)'> & <!--`;

/** The JSON the page script draws from. */
function pageData(html: string): {
  charts: Array<{ id: string; markers?: Array<{ text: string }>; series: Array<{ label: string; values: Array<number | null>; underlay?: boolean }> }>;
} {
  const m = /<script type="application\/json" id="fleetsim-data">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error('no data block in the page');
  return JSON.parse(m[1]);
}

describe('report.html', () => {
  it('escapes user text: scenario name, description and policy names never become markup', () => {
    const { scenario } = validateScenario(reportScenario({ description: EVIL, scheduledActionName: EVIL }), { file: 'evil.yaml', baseDir: '.' });
    const run = simulate(scenario);
    // The schema keeps names to letters, digits and . _ -; a library caller may still pass any Scenario.
    const evil = { ...run, scenario: { ...run.scenario, name: EVIL } };
    const html = runReportHtml(evil, toSummary(evil));
    // Exactly the page's own elements: the data, uPlot and the drawing script.
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=&#39;alert(1)&#39;&gt; &amp; &lt;!--');
    // The data block still carries the text unchanged, for the page script to show as text.
    const markers = pageData(html).charts.find((c) => c.id === 'traffic')!.markers!;
    expect(markers.some((m) => m.text.includes(`scheduled action ${EVIL}`))).toBe(true);
  });

  it("shows each group's capacity and each target group's share, with one group as with several", () => {
    const { scenario } = validateScenario(reportScenario(), { file: 'report.yaml', baseDir: '.' });
    const run = simulate(scenario, { duration: 900 });
    const one = pageData(runReportHtml(run, toSummary(run))).charts.find((c) => c.id === 'groups')!;
    expect(one.series.map((s) => s.label)).toEqual(['in service', 'desired']);
    expect(one.series[0].values).toEqual(Array.from(run.timeSeries.column('instances_in_service')));
    // A second group (a copy under another name) gets its own lines, named.
    const [g] = run.resources.autoScalingGroups;
    const [tg] = run.resources.targetGroups;
    const two = {
      ...run,
      resources: {
        ...run.resources,
        autoScalingGroups: [g, { ...g, name: 'api-green' }],
        targetGroups: [{ ...tg, name: 'blue', trafficShare: 0.9 }, { ...tg, name: 'green', trafficShare: 0.1 }],
      },
    };
    const html = runReportHtml(two, toSummary(two));
    expect(pageData(html).charts.find((c) => c.id === 'groups')!.series.map((s) => s.label)).toEqual([
      'report-demo-asg in service',
      'report-demo-asg desired',
      'api-green in service',
      'api-green desired',
    ]);
    const table = /<table class="target-groups">[\s\S]*?<\/table>/.exec(html)![0];
    expect([...table.matchAll(/<tr><th scope="row">([^<]*)<\/th><td>lb<\/td><td class="num">[^<]*<\/td><td class="num">([^<]*)<\/td>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['blue', '90 %'],
      ['green', '10 %'],
    ]);
  });

  it('is byte-identical for the same scenario and seed, and differs for another seed', async () => {
    const read = (s: { out: string }) => readFileSync(join(s.out, 'report.html'), 'utf8');
    const a = await runScenario(reportScenario(), ['--seed', '5']);
    const b = await runScenario(reportScenario(), ['--seed', '5']);
    const c = await runScenario(reportScenario(), ['--seed', '6']);
    expect(read(a)).toBe(read(b));
    expect(read(a)).not.toBe(read(c));
    // The run's wall-clock time stays in summary.json only.
    expect(read(a)).not.toContain('wall_seconds');
  });

  it('is written with the other outputs, inlines everything it needs, and marks every desired-capacity change', async () => {
    const s = await runScenario(reportScenario());
    expect(readdirSync(s.out).sort()).toEqual(['activity.csv', 'metrics.csv', 'report.html', 'summary.json', 'targets.csv', 'timeseries', 'timeseries.csv']);
    const html = readFileSync(join(s.out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/\b(src|href)="(?!data:)/);
    const uplot = readFileSync(join(import.meta.dirname, '../../node_modules/uplot/dist/uPlot.iife.min.js'), 'utf8');
    expect(html).toContain(uplot.slice(0, 2000));
    const changes = desiredChanges(s.out);
    expect(changes.length).toBeGreaterThan(1);
    expect(pageData(html).charts.find((c) => c.id === 'traffic')!.markers).toHaveLength(changes.length);
  });

  it("draws the load's need as a steady level in whole instances, and desired capacity under in service", () => {
    // 40 requests/s of 100 ms on 2-vCPU instances: the need is 2 instances on average, 3 in about every other minute.
    const noisy = {
      name: 'noisy',
      duration: '3h',
      workload: { arrivals: { type: 'poisson', rate: 40 }, service_time: { dist: 'exponential', mean: '100ms' } },
      fleet: { instance_type: 'm7g.large', instances: 3 },
    };
    const { scenario } = validateScenario(noisy, { file: 'noisy.yaml', baseDir: '.' });
    const run = simulate(scenario);
    const traffic = pageData(runReportHtml(run, toSummary(run))).charts.find((c) => c.id === 'traffic')!;
    const needed = traffic.series.find((s) => s.label.startsWith('needed for the load'))!.values as number[];
    const raw = Array.from(run.timeSeries.column('instances_needed'));
    expect(needed.every((v) => Number.isInteger(v))).toBe(true);
    const changes = (xs: readonly number[]) => xs.filter((v, i) => i > 0 && v !== xs[i - 1]).length;
    expect(changes(raw)).toBeGreaterThan(40);
    expect(changes(needed)).toBeLessThan(changes(raw) / 5);
    // A level the per-minute need reaches.
    expect(Math.max(...needed)).toBeLessThanOrEqual(Math.max(...raw));
    expect(Math.min(...needed.slice(5))).toBeGreaterThanOrEqual(Math.min(...raw));
    const labels = traffic.series.map((s) => s.label);
    expect(labels.indexOf('desired')).toBeLessThan(labels.indexOf('in service'));
    expect(traffic.series.find((s) => s.label === 'desired')!.underlay).toBe(true);
  });

  it('is not left behind, nor are the other files, when the report cannot be made', async () => {
    const { scenario } = validateScenario(reportScenario(), { file: 'report.yaml', baseDir: '.' });
    const run = simulate(scenario, { duration: 600 });
    // A time series without its cost column: the CSVs can be written, the report cannot.
    const broken = { ...run, timeSeries: new TimeSeries(run.timeSeries.columns.filter((c) => c !== 'cost_usd')) };
    const dir = join(tempDir(), 'out');
    await expect(writeRunOutputs(broken, dir)).rejects.toThrow(/cost_usd/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});
