import type { RunWarning } from '../scenario/warnings.ts';
import { warningLine } from '../scenario/warnings.ts';
import type { CliIO } from './io.ts';

/**
 * The warnings of many runs (compare, sweep, optimize), each distinct one printed once on stderr
 * after the runs, with how many runs gave it: the same scenario warns alike on every seed.
 */
export class WarningPrinter {
  /** Keyed by the line up to its run count: `<warning> (<label>`. */
  private readonly counts = new Map<string, number>();

  /** Takes a run's warnings, `label` naming what ran (a variant, a grid point). */
  add(warnings: readonly RunWarning[], label: string): void {
    for (const w of warnings) {
      const key = `${warningLine(w)} (${label}`;
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  /** Printed even with --quiet, as `run` prints its warnings. */
  print(io: CliIO): void {
    for (const [key, runs] of this.counts) io.stderr.write(`${key}, ${runs} run${runs === 1 ? '' : 's'})\n`);
  }
}
