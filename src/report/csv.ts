import type { TimeSeries } from '../engine/index.ts';
import { ACTIVITY_COLUMNS, type ActivityRecord } from '../models/telemetry/activity-log.ts';
import { FAILURE_CAUSES } from '../models/requests/outcomes.ts';
import type { TargetRecord } from '../scenario/simulate.ts';
import { round } from './summary.ts';

/** A CSV file's text: the header row, then `rows`, each line ended by a newline; a file without rows is one newline. */
export async function csvText(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<number | string | boolean>>): Promise<string> {
  if (rows.length === 0) return '\n';
  const lines = [headers.map(csvField).join(',')];
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < headers.length; i++) line += (i > 0 ? ',' : '') + csvField(row[i]);
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

/** Quoted when it holds a quote (doubled), a comma, a line break or a "|"; NULs dropped: fast-csv's rule, which wrote these files before. */
function csvField(value: number | string | boolean | undefined): string {
  if (typeof value === 'number') return String(value);
  const text = `${value ?? ''}`.replace(/\0/g, '');
  if (text.includes('"')) return `"${text.replaceAll('"', '""')}"`;
  return /[,\r\n|]/.test(text) ? `"${text}"` : text;
}

const DECIMALS: Readonly<Record<string, number>> = {
  utilization: 6,
  latency_p50_ms: 4,
  latency_p99_ms: 4,
  cost_usd: 6,
};

/** Metric values are rounded alike: readable, and stable across platforms' last bits. */
const METRIC_DECIMALS = 6;

/**
 * timeseries.csv (and metrics.csv, every column rounded to METRIC_DECIMALS): one row per period; an
 * empty cell where a period has no value (no completions, no datapoint).
 */
export async function timeSeriesCsv(series: TimeSeries<string>, decimals: (column: string) => number | undefined = (c) => DECIMALS[c]): Promise<string> {
  const columns = series.columns;
  const data = columns.map((c) => series.column(c));
  const rows: Array<Array<number | string>> = [];
  for (let r = 0; r < series.length; r++) {
    rows.push(
      columns.map((c, i) => {
        const v = data[i][r];
        if (Number.isNaN(v)) return '';
        const d = decimals(c);
        return d === undefined ? v : round(v, d);
      }),
    );
  }
  return csvText(columns, rows);
}

/** metrics.csv: the datapoints of each metrics period. */
export function metricsCsv(series: TimeSeries<string>): Promise<string> {
  return timeSeriesCsv(series, () => METRIC_DECIMALS);
}

const TARGET_COLUMNS = [
  'instance_id',
  'availability_zone',
  'instance_type',
  'requests',
  'completed',
  'failed',
  ...FAILURE_CAUSES.map((c) => `failed_${c}`),
  'in_flight_at_end',
  'latency_mean_ms',
];

/** targets.csv: one row per instance the run launched, in launch order; mean latency empty when it completed none. */
export async function targetsCsv(targets: readonly TargetRecord[]): Promise<string> {
  const rows = targets.map((t) => [
    t.id,
    t.availabilityZone,
    t.instanceType,
    t.requests,
    t.completed,
    t.failed,
    ...FAILURE_CAUSES.map((c) => t.failedByCause[c]),
    t.inFlightAtEnd,
    t.completed > 0 ? round((t.latencySum / t.completed) * 1000, 4) : '',
  ]);
  return csvText(TARGET_COLUMNS, rows);
}

/** activity.csv: every lifecycle and target-health change, like AWS's activity history. */
export async function activityCsv(records: readonly ActivityRecord[]): Promise<string> {
  const rows = records.map((r) => [round(r.time, 6), r.source, r.subject, r.from, r.to, r.cause]);
  return csvText(ACTIVITY_COLUMNS, rows);
}
