/**
 * Small helpers for the benchmarks in bench/: a monotonic clock, repeated runs with a warm-up,
 * summary statistics, garbage collection when Node exposes it, and aligned table output.
 */

/** Monotonic clock reading, in nanoseconds. */
export function now(): bigint {
  return process.hrtime.bigint();
}

/** Nanoseconds elapsed since `start` (a value of now()), as a number. */
export function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start);
}

/** Results of timed bodies go here so that the JIT cannot drop the work as dead code. */
export let sink: unknown = undefined;

/** Nanoseconds taken by one call of `fn`. Its result is kept in `sink`. */
export function timeNs(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  sink = fn();
  return Number(process.hrtime.bigint() - start);
}

/** Keeps `value` reachable (see `sink`). */
export function keep(value: unknown): void {
  sink = value;
}

export interface Sample {
  /** Every timed run, in nanoseconds, in the order run. */
  readonly runsNs: readonly number[];
  readonly bestNs: number;
  readonly medianNs: number;
  readonly worstNs: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function summarize(runsNs: readonly number[]): Sample {
  return {
    runsNs,
    bestNs: Math.min(...runsNs),
    medianNs: median(runsNs),
    worstNs: Math.max(...runsNs),
  };
}

export interface RunOptions {
  /** Untimed-for-the-result runs first, to let the JIT settle (default 1). */
  readonly warmup?: number;
  /** Timed runs (default 5). */
  readonly runs?: number;
  /** Collect garbage before every run, when global.gc is available (default true). */
  readonly gcBetween?: boolean;
}

/**
 * Runs `run` `warmup` times and then `runs` times. `run` does its own timing and returns the
 * nanoseconds of the part it measures, so setup (say, filling a queue) can stay out of the time.
 */
export function sampleRuns(run: () => number, options: RunOptions = {}): Sample {
  const { warmup = 1, runs = 5, gcBetween = true } = options;
  for (let i = 0; i < warmup; i++) {
    if (gcBetween) collectGarbage();
    run();
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    if (gcBetween) collectGarbage();
    times.push(run());
  }
  return summarize(times);
}

/**
 * Like sampleRuns for several cases, but interleaved: warm-up of every case first, then timed
 * round r of every case before round r + 1, so that slow drift (thermal, other load) hits all
 * cases alike instead of the last ones.
 */
export function sampleRoundRobin(runs: readonly (() => number)[], options: RunOptions = {}): Sample[] {
  const { warmup = 1, runs: rounds = 5, gcBetween = true } = options;
  for (let w = 0; w < warmup; w++) {
    for (const run of runs) {
      if (gcBetween) collectGarbage();
      run();
    }
  }
  const times: number[][] = runs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    runs.forEach((run, i) => {
      if (gcBetween) collectGarbage();
      times[i].push(run());
    });
  }
  return times.map(summarize);
}

/** global.gc when Node runs with --expose-gc, else undefined. */
export function gcFunction(): (() => void) | undefined {
  const gc = (globalThis as { gc?: unknown }).gc;
  return typeof gc === 'function' ? (gc as () => void) : undefined;
}

/** Runs a full collection if global.gc is available; says whether it did. */
export function collectGarbage(): boolean {
  const gc = gcFunction();
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/** Bytes in use: the JS heap plus the backing stores of ArrayBuffers (typed arrays live there). */
export function bytesInUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Bytes retained by what `build` returns: the change in bytesInUse() across the call, with a full
 * collection before and after when global.gc is available (`exact`), otherwise a plain
 * difference that also counts garbage made while building (`exact` false).
 */
export function retainedBytes(build: () => unknown): { bytes: number; exact: boolean } {
  const exact = collectGarbage();
  const before = bytesInUse();
  const value = build();
  collectGarbage();
  const after = bytesInUse();
  keep(value);
  keep(undefined);
  return { bytes: after - before, exact };
}

// ---- Formatting -------------------------------------------------------------------------------

/** A number with `digits` decimals; NaN and infinities as "n/a". */
export function fmt(x: number, digits = 1): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

/** An integer with thousands separators: 1000000 -> "1,000,000". */
export function fmtInt(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a';
}

/** Seconds with 2 decimals. */
export function fmtSeconds(ns: number): string {
  return `${(ns / 1e9).toFixed(2)} s`;
}

export type Align = 'left' | 'right';

/**
 * Lines of an aligned text table: a header row, a rule, then the rows. Columns are right-aligned
 * unless `align` says otherwise (the first column defaults to left).
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const alignOf = (c: number): Align => align[c] ?? (c === 0 ? 'left' : 'right');
  const line = (cells: readonly string[]): string =>
    widths
      .map((w, c) => {
        const cell = cells[c] ?? '';
        return alignOf(c) === 'left' ? cell.padEnd(w) : cell.padStart(w);
      })
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function printTable(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[] = []): void {
  for (const l of formatTable(header, rows, align)) console.log(l);
}

/** A heading line underlined with `=` (level 1) or `-` (level 2), with a blank line before. */
export function heading(title: string, level: 1 | 2 = 1): void {
  console.log();
  console.log(title);
  console.log((level === 1 ? '=' : '-').repeat(title.length));
}
