import type { RunResult } from '../scenario/simulate.ts';
import { writeAll } from './atomic-write.ts';
import { jsonText } from './json-text.ts';
import { toSummary, type Summary } from './summary.ts';
import { activityCsv, metricsCsv, targetsCsv, timeSeriesCsv } from './csv.ts';
import { runReportHtml } from './html/run-report.ts';

/** Writes summary.json, timeseries.csv, activity.csv, metrics.csv, targets.csv and report.html of a run into `dir`, all or nothing. */
export async function writeRunOutputs(run: RunResult, dir: string): Promise<{ summary: Summary; files: string[] }> {
  const summary = toSummary(run);
  const files = await writeAll(dir, 'run', async (out) => [
    out.write('summary.json', jsonText(summary)),
    out.write('timeseries.csv', await timeSeriesCsv(run.timeSeries)),
    out.write('activity.csv', await activityCsv(run.activity)),
    out.write('metrics.csv', await metricsCsv(run.metrics)),
    out.write('targets.csv', await targetsCsv(run.targets)),
    out.write('report.html', runReportHtml(run, summary)),
  ]);
  return { summary, files };
}
