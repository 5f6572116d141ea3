import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src/experiment/compare-result.ts';
import { runCompare } from './report-scenario.ts';

/** A variant named by its override: the scenario's description, free text. */
const EVIL = `description=</script><img src=x onerror=alert(1)>&<!--`;

describe('compare.html', () => {
  it('is written with compare.json and compare.csv, escapes variant names, and charts every variant', async () => {
    const out = await runCompare(EVIL);
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
});
