import { join } from 'node:path';
import { writeRunOutputs } from '../report/write-run.ts';
import { textSummary } from '../report/text-summary.ts';
import { jsonText } from '../report/json-text.ts';
import { skippingBadLines } from '../scenario/schema.ts';
import { simulate, type RunProgress } from '../scenario/simulate.ts';
import { formatDuration } from '../scenario/duration.ts';
import { warningLine } from '../scenario/warnings.ts';
import { AssertionSyntaxError, checkAssertion, parseAssertion } from '../report/assertions.ts';
import { checkDurationPastWarmup } from '../experiment/duration-check.ts';
import { loadVariant } from '../experiment/load-variant.ts';
import { ExitCode, UsageError, type CliIO } from './io.ts';
import { checkOut, parseDurationOption, writingInto } from './options.ts';
import { parseWhole } from './whole-number.ts';
import { progressOf } from './progress.ts';
import { setOverrides } from './set-option.ts';
import { rateCsvRowsNotSkipped, rateCsvsOf } from './skip-bad-lines.ts';
import { shownPaths } from './shown-paths.ts';

export interface RunCommandOptions {
  readonly seed?: string;
  /** `path=value` overrides of the scenario, as compare and sweep take them. */
  readonly set?: readonly string[];
  readonly duration?: string;
  readonly out?: string;
  readonly quiet?: boolean;
  /** A progress line on stderr every few seconds, terminal or not. */
  readonly progress?: boolean;
  /** Bounds on summary.json, each like `latency_ms.p99 < 500`. */
  readonly assert?: readonly string[];
  /** Print summary.json to stdout instead of the text summary. */
  readonly json?: boolean;
  /** Count and skip malformed lines of per-request trace files (summary.json: requests.skipped_trace_lines). */
  readonly skipBadLines?: boolean;
}

/** Runs a scenario; returns the exit code (1 when an --assert bound failed). */
export async function runCommand(file: string, options: RunCommandOptions, io: CliIO): Promise<number> {
  const assertions = (options.assert ?? []).map((text) => asAssertOption(() => parseAssertion(text)));
  const { scenario: loaded, warnings } = loadVariant(file, setOverrides(options.set));
  const scenario = options.skipBadLines ? { ...loaded, workload: { ...loaded.workload, arrivals: skippingBadLines(loaded.workload.arrivals) } } : loaded;
  const seed = options.seed === undefined ? undefined : parseWhole('--seed', options.seed, 0);
  const duration = options.duration === undefined ? undefined : parseDurationOption(options.duration);
  checkDurationPastWarmup(duration, scenario.warmup, file);
  const dir = options.out ?? join('out', scenario.name);
  checkOut(dir);
  const progress = progressOf(io, scenario.name, options, true);
  const rateCsvs = options.skipBadLines ? rateCsvsOf(scenario.workload.arrivals) : [];
  const run = rateCsvRowsNotSkipped(rateCsvs, () => simulate(scenario, { seed, duration, onProgress: progress && ((f, r) => progress.update(f, reachedText(r))), warnings }));
  progress?.done();
  // Printed even with --quiet: a warning says the figures may not answer the question asked.
  for (const w of run.warnings) io.stderr.write(`${warningLine(w)}\n`);
  const { summary, files } = await writingInto(dir, () => writeRunOutputs(run, dir));
  if (options.json) {
    io.stdout.write(jsonText(summary));
  } else if (!options.quiet) {
    io.stdout.write(`${textSummary(summary)}\n`);
    io.stdout.write(`  files     ${shownPaths(files)}\n`);
  }
  let failed = 0;
  for (const assertion of assertions) {
    const result = asAssertOption(() => checkAssertion(assertion, summary));
    if (!result.passed) {
      failed++;
      io.stderr.write(`fleetsim: assertion failed: ${assertion.text} (left side ${result.actual}, right side ${result.expected})\n`);
    }
  }
  return failed > 0 ? ExitCode.assertionFailed : ExitCode.ok;
}

/** What a progress line says a run has reached. */
function reachedText(r: RunProgress): string {
  return `simulated ${formatDuration(r.simulatedSeconds)} of ${formatDuration(r.endSeconds)}, ${(r.events / Math.max(r.wallSeconds, 1e-9) / 1e6).toFixed(2)} M events/s`;
}

/** A malformed bound, or one naming what summary.json lacks, is bad input to --assert. */
function asAssertOption<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof AssertionSyntaxError) throw new UsageError(`--assert: ${err.message}`);
    throw err;
  }
}

