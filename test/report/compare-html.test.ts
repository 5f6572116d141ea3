import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS, METRIC_INFO, type CompareResult } from '../../src/experiment/compare-result.ts';
import { compareTable } from '../../src/experiment/compare-table.ts';
import { compareHtml } from '../../src/experiment/compare-html.ts';
import { runCompare } from './report-scenario.ts';

/** A variant named by its override: the scenario's description, free text. */
const EVIL = `description=</script><img src=x onerror=alert(1)>&<!--`;

let compared: Promise<string> | undefined;
/** One comparison for every test here. */
const comparison = () => (compared ??= runCompare(EVIL));

describe('compare.html', () => {
  it('is written with compare.json and compare.csv, escapes variant names, and charts every variant', async () => {
    const out = await comparison();
    expect(readdirSync(out).sort()).toEqual(['compare.csv', 'compare.html', 'compare.json']);
    const result = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')) as CompareResult;
    expect(result.variants[1].name).toBe(EVIL);
    const html = readFileSync(join(out, 'compare.html'), 'utf8');
    expect(html.match(/<script/gi)).toHaveLength(3);
    expect(html.match(/<\/script/gi)).toHaveLength(3);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<!--');
    expect(html).toContain('description=&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;&lt;!--');

    const data = JSON.parse(/<script type="application\/json" id="fleetsim-data">([^<]*)<\/script>/.exec(html)![1]) as {
      charts: Array<{ id: string; series: Array<{ label: string; values: Array<number | null> }> }>;
    };
    expect(data.charts.map((c) => c.id)).toEqual(['latency-p99', 'capacity', 'cost']);
    for (const chart of data.charts) expect(chart.series.map((s) => s.label)).toEqual(result.variants.map((v) => v.name));
    // The cost overlay ends at each variant's cost for the first seed (charts keep 6 significant digits).
    const cost = data.charts.find((c) => c.id === 'cost')!;
    result.variants.forEach((v, i) => {
      const total = v.runs[0].metrics.cost_usd!;
      expect(Math.abs(cost.series[i].values.at(-1)! - total) / total).toBeLessThanOrEqual(5e-6);
    });
    // One interval chart per key figure, one bar per variant in each.
    const figures = html.split('<figure class="interval">').slice(1);
    expect(figures).toHaveLength(4);
    for (const f of figures) expect(f.match(/<rect /g)).toHaveLength(result.variants.length);
  });

  it('colours exactly the differences the terminal table stars', async () => {
    const read = JSON.parse(readFileSync(join(await comparison(), 'compare.json'), 'utf8')) as CompareResult;
    // Scaling activities are neither better nor worse, and a difference in them is still one the seeds tell.
    const scaling = { n: read.seeds.length, mean: 2, half_width: 1, low: 1, high: 3 };
    const result: CompareResult = {
      ...read,
      variants: read.variants.map((v, i) => (i === 0 ? v : { ...v, difference_to_baseline: { ...v.difference_to_baseline!, scaling_activities: scaling } })),
    };
    const lines = compareTable(result).split('\n');
    const differences = lines.slice(lines.findIndex((l) => l.startsWith('paired difference')) + 2);
    const starred = COMPARE_METRICS.filter((m) => differences.find((l) => l.startsWith(`${METRIC_INFO[m].label} `))!.endsWith(' *'));
    const rows = [...compareHtml(result).matchAll(/<tr><th scope="row"[^>]*>([^<]*)<\/th><td[^>]*>.*?<\/td><td[^>]*>(.*?)<\/td><\/tr>/g)];
    const coloured = COMPARE_METRICS.filter((m) => /<span class="(better|worse|differs)">/.test(rows.find((r) => r[1] === METRIC_INFO[m].label.trim())![2]));
    expect(starred).toContain('scaling_activities');
    expect(coloured).toEqual(starred);
  });
});
