import type { RunResult } from '../../scenario/simulate.ts';
import type { Summary } from '../summary.ts';
import { chartValue, paletteColor, type ChartSpec, type SeriesSpec } from './chart-spec.ts';
import { escapeHtml } from './escape.ts';
import { formatCount, formatMs, formatPercent } from './format.ts';
import { chartSection } from './page.ts';

/**
 * The run per resource: each Auto Scaling group's capacity (in service, and desired dashed, one
 * colour per group) on one chart, and each target group's share of its load balancer's traffic
 * as a table with a bar. `ends` are the periods' ends, the charts' x.
 */
export function resourcesSection(run: RunResult, summary: Summary, ends: readonly number[]): { html: string; charts: ChartSpec[] } {
  const groups = run.resources.autoScalingGroups;
  const several = groups.length > 1;
  const series: SeriesSpec[] = groups.flatMap((g, i) => {
    const values = (column: string) => Array.from(g.timeSeries.column(column), chartValue);
    const color = paletteColor(i);
    const name = several ? `${g.name} ` : '';
    return [
      { label: `${name}in service`, values: values('in_service'), color, axis: 'left' },
      { label: `${name}desired`, values: values('desired'), color, axis: 'left', dashed: true },
    ];
  });
  const chart: ChartSpec = { id: 'groups', x: ends, left: { label: 'instances' }, series };
  const names = groups.map((g) => g.name).join(', ');
  const html = [
    chartSection(
      'groups',
      several ? 'Capacity per Auto Scaling group' : `Capacity of Auto Scaling group ${names}`,
      `Instances in service (solid) and desired capacity (dashed)${several ? ', a colour per group' : ''}: ${names}.`,
    ),
    targetGroupTable(summary),
  ].join('\n');
  return { html, charts: [chart] };
}

function targetGroupTable(summary: Summary): string {
  const rows = Object.entries(summary.resources.target_groups).map(([name, tg]) => {
    const share = tg.traffic_share;
    return `<tr><th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(tg.load_balancer)}</td><td class="num">${escapeHtml(formatCount(tg.requests.arrived))}</td><td class="num">${escapeHtml(formatPercent(share))}</td><td><span class="share-bar" style="width: ${+(share * 120).toFixed(1)}px"></span></td><td class="num">${escapeHtml(formatPercent(tg.requests.arrived > 0 ? tg.requests.failed / tg.requests.arrived : null))}</td><td class="num">${escapeHtml(formatMs(tg.latency_ms.p99))}</td></tr>`;
  });
  return `<section>
<h2>Traffic per target group</h2>
<p class="caption">Requests each target group took and its share of its load balancer's routed requests.</p>
<table class="target-groups">
<thead><tr><th>target group</th><th>load balancer</th><th class="num">requests</th><th class="num">share</th><th></th><th class="num">failed</th><th class="num">p99</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}
