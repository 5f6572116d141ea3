import { writeToString } from 'fast-csv';
import type { TimeSeries } from '../engine/index.ts';
import type { TimeSeriesColumn } from '../models/telemetry/period-sampler.ts';
import { round } from './summary.ts';

const DECIMALS: Partial<Record<TimeSeriesColumn, number>> = {
  utilization: 6,
  latency_p50_ms: 4,
  latency_p99_ms: 4,
};

/** timeseries.csv: one row per period; an empty cell where a period has no value (no completions). */
export async function timeSeriesCsv(series: TimeSeries<TimeSeriesColumn>): Promise<string> {
  const columns = series.columns;
  const data = columns.map((c) => series.column(c));
  const rows: Array<Array<number | string>> = [];
  for (let r = 0; r < series.length; r++) {
    rows.push(
      columns.map((c, i) => {
        const v = data[i][r];
        if (Number.isNaN(v)) return '';
        const d = DECIMALS[c];
        return d === undefined ? v : round(v, d);
      }),
    );
  }
  return writeToString(rows, { headers: [...columns], writeHeaders: true, includeEndRowDelimiter: true });
}
