import { defaultWorkers } from '../experiment/job-pool.ts';
import { UsageError } from './io.ts';
import { parseSeed } from './options.ts';

/** The options compare and sweep share. */
export interface ExperimentCommandOptions {
  /** `path=value` overrides applied to every run. */
  readonly set?: readonly string[];
  readonly seeds?: string;
  readonly seedBase?: string;
  readonly duration?: string;
  readonly workers?: string;
  readonly out?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/** `--seeds N` and `--seed-base B`: the seeds B, B + 1, ..., B + N - 1. */
export function seedsOption(count: string | undefined, base: string | undefined): number[] {
  const n = count === undefined ? 10 : positiveWhole('--seeds', count);
  const first = base === undefined ? 1 : parseSeed(base, '--seed-base');
  return Array.from({ length: n }, (_, i) => first + i);
}

/** `--workers K`; default: one per core. */
export function workersOption(text: string | undefined): number {
  return text === undefined ? defaultWorkers() : positiveWhole('--workers', text);
}

export function positiveWhole(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${option}: found "${text}"; expected a whole number >= 1`);
  return n;
}

/** A folder name made of the names of what ran: letters, digits, . _ - only. */
export function folderName(prefix: string, names: readonly string[]): string {
  const joined = names.map((n) => n.replace(/[^A-Za-z0-9._-]+/g, '_')).join('-');
  return `${prefix}-${joined}`.slice(0, 100);
}
