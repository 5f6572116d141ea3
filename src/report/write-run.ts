import type { RunResult } from '../scenario/simulate.ts';
import { AtomicOutput } from './atomic-write.ts';
import { toSummary, type Summary } from './summary.ts';
import { timeSeriesCsv } from './timeseries-csv.ts';

/** Writes summary.json and timeseries.csv of a run into `dir`, all or nothing. */
export async function writeRunOutputs(run: RunResult, dir: string): Promise<{ summary: Summary; files: string[] }> {
  const summary = toSummary(run);
  const out = new AtomicOutput(dir);
  try {
    const files = [
      out.write('summary.json', `${JSON.stringify(summary, null, 2)}\n`),
      out.write('timeseries.csv', await timeSeriesCsv(run.timeSeries)),
    ];
    out.commit();
    return { summary, files };
  } catch (err) {
    out.abort();
    throw err;
  }
}
