import { workerCount } from '../experiment/job-pool.ts';
import { UsageError, type CliIO } from './io.ts';
import { parseWhole, seedRange } from './whole-number.ts';

/** The options compare and sweep share. */
export interface ExperimentCommandOptions {
  /** `path=value` overrides applied to every run. */
  readonly set?: readonly string[];
  readonly seeds?: string;
  readonly seedBase?: string;
  readonly duration?: string;
  readonly workers?: string;
  /** Start `--workers` threads even when that is more than the cores. */
  readonly forceWorkers?: boolean;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  /** A progress line on stderr every few seconds, terminal or not. */
  readonly progress?: boolean;
}

/**
 * Most seeds per variant or point: each is a run kept in memory until the end, and 100000 runs
 * already narrow a 95 % interval to 0.6 % of a standard deviation (1.96 / sqrt(100000)).
 */
export const MAX_SEEDS = 100_000;

/** `--seeds N` and `--seed-base B`: the seeds B, B + 1, ..., B + N - 1. */
export function seedsOption(count: string | undefined, base: string | undefined): number[] {
  const n = count === undefined ? 10 : parseWhole('--seeds', count, 1, MAX_SEEDS);
  const first = base === undefined ? 1 : parseWhole('--seed-base', base, 0);
  return seedRange(first, n, '--seed-base', '--seeds');
}

/**
 * `--workers K` for `jobs` jobs (default: one per core): no more threads than cores unless
 * `--force-workers`, nor than jobs; says so on stderr when it starts fewer than asked for.
 */
export function workersOption(options: Pick<ExperimentCommandOptions, 'workers' | 'forceWorkers' | 'quiet'>, jobs: number, io: CliIO): number {
  if (options.forceWorkers && options.workers === undefined) throw new UsageError('--force-workers: give the number of threads with --workers K');
  const requested = options.workers === undefined ? undefined : parseWhole('--workers', options.workers, 1);
  const { workers, limitedBy } = workerCount(requested, jobs, options.forceWorkers);
  if (limitedBy !== null && !options.quiet) {
    const why =
      limitedBy === 'cores'
        ? `one per core (threads past the cores only take turns on them; --force-workers starts ${requested})`
        : `one per job (${jobs} job${jobs === 1 ? '' : 's'})`;
    io.stderr.write(`fleetsim: --workers ${requested}: starting ${workers} worker thread${workers === 1 ? '' : 's'}, ${why}\n`);
  }
  return workers;
}

/** A folder name made of the names of what ran: letters, digits, . _ - only. */
export function folderName(prefix: string, names: readonly string[]): string {
  const joined = names.map((n) => n.replace(/[^A-Za-z0-9._-]+/g, '_')).join('-');
  return `${prefix}-${joined}`.slice(0, 100);
}
