import type { TimeSeries } from '../engine/index.ts';
import type { RunResult } from '../scenario/simulate.ts';
import { writeAll } from './atomic-write.ts';
import { jsonText } from './json-text.ts';
import { toSummary, type Summary } from './summary.ts';
import { activityCsv, metricsCsv, targetsCsv, timeSeriesCsv } from './csv.ts';
import { runReportHtml } from './html/run-report.ts';

/**
 * Writes summary.json, timeseries.csv, activity.csv, metrics.csv, targets.csv, report.html and a
 * time series per resource (timeseries/<kind>.<name>.csv) of a run into `dir`, all or nothing.
 */
export async function writeRunOutputs(run: RunResult, dir: string): Promise<{ summary: Summary; files: string[] }> {
  const summary = toSummary(run);
  const files = await writeAll(dir, 'run', async (out) => [
    out.write('summary.json', jsonText(summary)),
    out.write('timeseries.csv', await timeSeriesCsv(run.timeSeries)),
    out.write('activity.csv', await activityCsv(run.activity)),
    out.write('metrics.csv', await metricsCsv(run.metrics)),
    out.write('targets.csv', await targetsCsv(run.targets)),
    out.write('report.html', runReportHtml(run, summary)),
    ...(await Promise.all(resourceSeries(run).map(async ([name, series]) => out.write(name, await timeSeriesCsv(series))))),
  ]);
  return { summary, files };
}

/**
 * Each resource's time series and its file: `timeseries/<kind>.<name>.csv`, the name as in
 * summary.json `resources`, percent-encoded where it holds a character other than letters, digits
 * and `-._!~*'()` (a `/` would name another folder).
 */
export function resourceSeries(run: RunResult): Array<[string, TimeSeries<string>]> {
  const file = (kind: string, name: string) => `timeseries/${kind}.${encodeURIComponent(name)}.csv`;
  const r = run.resources;
  return [
    ...r.autoScalingGroups.map((g): [string, TimeSeries<string>] => [file('auto_scaling_group', g.name), g.timeSeries]),
    ...r.targetGroups.map((tg): [string, TimeSeries<string>] => [file('target_group', tg.name), tg.timeSeries]),
    ...r.loadBalancers.map((lb): [string, TimeSeries<string>] => [file('load_balancer', lb.name), lb.timeSeries]),
  ];
}
