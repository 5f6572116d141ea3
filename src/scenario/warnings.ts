import { formatDuration } from './duration.ts';
import type { Scenario } from './schema.ts';

/**
 * Something in a scenario that runs, but most likely not as its author meant: printed on stderr,
 * listed in summary.json's `warnings` and at the top of report.html.
 */
export interface RunWarning {
  /** Stable name of the check, for scripts. */
  readonly code: 'trace_ends_before_run' | 'service_time_without_unit' | 'warm_pool_above_min_size' | 'metrics_csv_cut';
  /** Key path in the scenario, as in error messages. */
  readonly path: string;
  readonly message: string;
}

/** One line for stderr. */
export function warningLine(w: RunWarning): string {
  return `fleetsim: warning: ${w.path}: ${w.message}`;
}

/** Above this many seconds, a service time written as a bare number was most likely meant in milliseconds. */
const BARE_SERVICE_TIME_LIMIT = 10;

/**
 * Service-time parameters written as bare numbers above 10: a bare number is seconds, so `mean: 200`
 * asks for 200 s per request, where 200 ms was most likely meant. Reads the document as written
 * (before durations become seconds), since only it tells a number from a string with a unit.
 */
export function serviceTimeUnitWarnings(data: unknown): RunWarning[] {
  const serviceTime = at(data, ['workload', 'service_time']);
  const warnings: RunWarning[] = [];
  const visit = (node: unknown, path: string) => {
    if (typeof node === 'number' && node > BARE_SERVICE_TIME_LIMIT) {
      warnings.push({
        code: 'service_time_without_unit',
        path,
        message:
          `${node} has no unit, and a bare number is seconds: each request takes ${formatDuration(node)} of a vCPU. ` +
          `Write "${node}ms" if milliseconds were meant, or "${node}s" to keep seconds and silence this warning.`,
      });
    } else if (Array.isArray(node)) {
      node.forEach((v, i) => visit(v, `${path}[${i}]`));
    } else if (isRecord(node)) {
      // `scale` multiplies logged times and `sigma`/`mu` are of the log: none of them is a duration.
      for (const [key, v] of Object.entries(node)) if (key !== 'scale' && key !== 'mu' && key !== 'sigma') visit(v, `${path}.${key}`);
    }
  };
  visit(serviceTime, 'workload.service_time');
  return warnings;
}

/**
 * Checks of the validated scenario: a warm pool that AWS's default sizes above its min_size
 * (section 5: with MaxGroupPreparedCapacity unset the pool holds MaxSize - desired). `written`
 * maps a key path of the general form to where the document wrote it (shorthand.ts).
 */
export function scenarioWarnings(scenario: Scenario, written: (path: readonly string[]) => readonly PropertyKey[] = (path) => path): RunWarning[] {
  return Object.entries(scenario.auto_scaling_groups).flatMap(([name, asg]): RunWarning[] => {
    const pool = asg.warm_pool;
    if (!pool || pool.max_group_prepared_capacity !== undefined) return [];
    const desired = asg.desired ?? asg.min;
    if (asg.max - desired <= pool.min_size) return [];
    return [
      {
        code: 'warm_pool_above_min_size',
        path: written(['auto_scaling_groups', name, 'warm_pool']).join('.'),
        message:
          `the pool starts with ${asg.max - desired} instances (max ${asg.max} - desired ${desired}), not min_size ${pool.min_size}: ` +
          'with max_group_prepared_capacity unset, AWS sizes a warm pool to MaxSize - desired capacity, and min_size is only its floor. ' +
          `Set max_group_prepared_capacity (e.g. to ${desired + pool.min_size}) to keep it at min_size.`,
      },
    ];
  });
}

/** A replayed trace that ends by itself (no `loop`). */
export interface FiniteTrace {
  /** Key path of its arrivals in the scenario. */
  readonly path: string;
  readonly file: string;
  /**
   * Simulated time its traffic ends: a rate trace's span, known before the run; a request file's
   * last arrival, known once it has been read to its end (NaN before).
   */
  readonly end: () => number;
  /** True for a rate trace, whose end is exact; a request file ends somewhere after its last line. */
  readonly exactEnd: boolean;
}

/**
 * Traces whose traffic stops part-way through the run. A request file's own end is unknown (its last
 * line may come well before the log closed), so it is flagged only when more than one output period
 * of the run is left after its last arrival.
 */
export function traceEndWarnings(traces: readonly FiniteTrace[], runEnd: number, period: number): RunWarning[] {
  const warnings: RunWarning[] = [];
  for (const trace of traces) {
    const end = trace.end();
    if (!(end < runEnd - (trace.exactEnd ? 0 : period))) continue;
    const what = trace.exactEnd ? `ends ${formatDuration(end)} into the run` : `has its last request ${formatDuration(end)} into the run`;
    warnings.push({
      code: 'trace_ends_before_run',
      path: trace.path,
      message:
        `the trace ${trace.file} ${what}, which lasts ${formatDuration(runEnd)}: no requests arrive from it in the last ${formatDuration(runEnd - end)}. ` +
        'Shorten duration (or leave it out to run to the trace\'s end), or set loop: true on a rate trace.',
    });
  }
  return warnings;
}

/** metrics.csv keeps its first rows only: a run of more periods than that leaves the rest out. */
export function metricsLogWarnings(log: { readonly leftOut: number; readonly series: { readonly length: number } }, maxRows: number): RunWarning[] {
  if (log.leftOut === 0) return [];
  return [
    {
      code: 'metrics_csv_cut',
      // The run's length, not the period, is what a user can change: metrics periods are 10 to 60 s.
      path: 'duration',
      message:
        `metrics.csv holds the first ${log.series.length} metrics periods (at most ${maxRows}); the ${log.leftOut} after them are left out. ` +
        'The alarms and policies read every period; only the file is cut.',
    },
  ];
}

function at(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
