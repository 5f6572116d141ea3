import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ScenarioError } from '../scenario/scenario-error.ts';
import { TraceFormatError } from '../models/workload/traces/trace-error.ts';
import { ExitCode, UsageError, type CliIO } from './io.ts';
import { runCommand, type RunCommandOptions } from './run-command.ts';
import { compareCommand, type CompareCommandOptions } from './compare-command.ts';
import { mergeCommand } from './merge-command.ts';
import { sweepCommand, type SweepCommandOptions } from './sweep-command.ts';
import { optimizeCommand, type OptimizeCommandOptions } from './optimize-command.ts';
import { schemaCommand } from './schema-command.ts';
import { PROGRESS_LINE_SECONDS } from './progress.ts';
import { traceConvertCommand, traceInspectCommand, type TraceReadOptions } from './trace-command.ts';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const PROGRESS_HELP = `a progress line on stderr every ${PROGRESS_LINE_SECONDS} s (share done, time left), terminal or not; --quiet turns it off`;

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Runs the fleetsim command line with `args` (without node and script) and returns the exit code. */
export async function runCli(args: readonly string[], io: CliIO): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = new Command('fleetsim')
    .description('Discrete-event simulator of AWS compute: where should my code run, and how should it scale?')
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });

  program
    .command('run')
    .description('run a scenario and write summary.json, timeseries.csv, activity.csv and report.html')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--seed <n>', 'random seed (overrides the scenario)')
    .option('--set <path=value>', 'override of the scenario, as compare and sweep take it, e.g. fleet.instances=4 (repeatable)', collect, [])
    .option('--duration <d>', 'simulated time, e.g. 2h (overrides the scenario)')
    .option('--out <dir>', 'output folder (default: out/<scenario name>)')
    .option('--quiet', 'print nothing but errors')
    .option('--progress', PROGRESS_HELP)
    .option('--json', 'print summary.json to stdout instead of the text summary')
    .option('--assert <bound>', "a bound on summary.json, e.g. 'latency_ms.p99 < 500' (repeatable); exit 1 if one fails", collect, [])
    .option('--skip-bad-lines', 'count malformed lines of per-request trace files and access logs (summary.json: requests.skipped_trace_lines) instead of stopping; not rows of rate CSVs')
    .action(async (file: string, options: RunCommandOptions) => {
      exitCode = await runCommand(file, options, io);
    });

  const trace = program.command('trace').description('look at and convert traffic traces');
  trace
    .command('inspect')
    .description('span, request count, mean and peak rates and a sparkline of a trace file')
    .argument('<file>', 'a rate CSV (time_s,requests), a per-request file (time_s), a Common Log Format log or an ALB access log; gzip or not')
    .option('--json', 'print the figures as JSON')
    .option('--format <format>', 'per-request file format: times, clf or alb (default: told by the first line)')
    .option('--skip-bad-lines', 'count malformed lines of per-request files and access logs (on stderr) instead of stopping at the first; not rows of rate CSVs')
    .action((file: string, options: TraceReadOptions & { json?: boolean }) => traceInspectCommand(file, options, io));
  trace
    .command('convert')
    .description('write a normalized rate CSV (time_s,requests) from a per-request file, an access log or a finer rate CSV')
    .argument('<file>', 'a rate CSV, a per-request file, a Common Log Format log or an ALB access log; gzip or not')
    .requiredOption('--bucket <d>', 'bucket width, e.g. 60s')
    .option('--out <file>', 'output file (default: stdout)')
    .option('--format <format>', 'per-request file format: times, clf or alb (default: told by the first line)')
    .option('--skip-bad-lines', 'count malformed lines of per-request files and access logs (on stderr) instead of stopping at the first; not rows of rate CSVs')
    .action((file: string, options: TraceReadOptions & { bucket: string; out?: string }) => traceConvertCommand(file, options, io));

  program
    .command('compare')
    .description('run scenarios (or variants of one) on the same seeds; means, 95 % intervals and paired differences')
    .argument('<scenarios...>', 'scenario files; with --variant, one file')
    .option('--variant <spec>', "a variant of the one scenario, 'name: path=value, path=value' (repeatable)", collect, [])
    .option('--set <path=value>', 'override applied to every scenario and variant, e.g. fleet.instances=4 (repeatable)', collect, [])
    .option('--seeds <n>', 'seeds per variant (default 10)')
    .option('--seed-base <n>', 'first seed (default 1)')
    .option('--duration <d>', 'simulated time of every run, e.g. 2h (overrides the scenarios)')
    .option('--workers <k>', 'worker threads (default: one per core; no more than the cores, nor than the runs)')
    .option('--force-workers', 'start --workers threads even when that is more than the cores')
    .option('--out <dir>', 'output folder (default: out/compare-<names>)')
    .option('--json', 'print compare.json to stdout instead of the table')
    .option('--quiet', 'print nothing but errors')
    .option('--progress', PROGRESS_HELP)
    .action(async (files: string[], options: CompareCommandOptions) => {
      exitCode = await compareCommand(files, options, io);
    });

  program
    .command('sweep')
    .description('run a grid of overrides x seeds on all cores; per-point 95 % intervals, the cheapest point that meets the SLO and the Pareto front of cost and p99')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--grid <path=values>', "an axis of the grid, e.g. 'fleet.instances=2,4,8' (repeatable)", collect, [])
    .option('--set <path=value>', 'override applied to every point (repeatable)', collect, [])
    .option('--seeds <n>', 'seeds per point (default 10)')
    .option('--seed-base <n>', 'first seed (default 1)')
    .option('--duration <d>', 'simulated time of every run (overrides the scenario)')
    .option('--workers <k>', 'worker threads (default: one per core; no more than the cores, nor than the runs)')
    .option('--force-workers', 'start --workers threads even when that is more than the cores')
    .option('--slo-share <q>', "share of a point's seeds that must meet the scenario's slo (default 1: every seed)")
    .option('--shard <i/N>', 'run shard i (from 0) of N and write its part for fleetsim merge')
    .option('--shards <n>', 'number of shards of an AWS Batch array job or Kubernetes Indexed Job')
    .option('--out <dir>', 'output folder (default: out/sweep-<scenario name>)')
    .option('--json', 'print sweep.json to stdout instead of the table')
    .option('--quiet', 'print nothing but errors')
    .option('--progress', PROGRESS_HELP)
    .action(async (file: string, options: SweepCommandOptions) => {
      exitCode = await sweepCommand(file, options, io);
    });

  program
    .command('optimize')
    .description('race the points of a grid for the cheapest one that meets the SLO, adding seeds only where the decision is open; exit 1 when none is shown to')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--grid <path=values>', "an axis of the grid, e.g. 'fleet.instances=2,4,8' (repeatable)", collect, [])
    .option('--set <path=value>', 'override applied to every point (repeatable)', collect, [])
    .option('--slo-share <q>', "share of a point's seeds that must meet the scenario's slo (default 1: every seed)")
    .option('--budget <n>', 'most runs in all (default: the full grid, points x max seeds)')
    .option('--max-seeds <n>', 'most seeds per point (default 10)')
    .option('--initial-seeds <n>', 'seeds every point starts with (default 3)')
    .option('--seed-base <n>', 'first seed (default 1)')
    .option('--duration <d>', 'simulated time of every run (overrides the scenario)')
    .option('--workers <k>', 'worker threads (default: one per core; no more than the cores, nor than the runs)')
    .option('--force-workers', 'start --workers threads even when that is more than the cores')
    .option('--out <dir>', 'output folder (default: out/optimize-<scenario name>)')
    .option('--json', 'print optimize.json to stdout instead of the text')
    .option('--quiet', 'print nothing but errors')
    .option('--progress', PROGRESS_HELP)
    .action(async (file: string, options: OptimizeCommandOptions) => {
      exitCode = await optimizeCommand(file, options, io);
    });

  program
    .command('merge')
    .description("combine the shards of a sweep into the unsharded sweep's files")
    .argument('<paths...>', 'folders holding sweep-shard-<i>-of-<N>.json files, or the files')
    .requiredOption('--out <dir>', 'output folder')
    .option('--quiet', 'print nothing but errors')
    .action(async (paths: string[], options: { out: string; quiet?: boolean }) => {
      exitCode = await mergeCommand(paths, options, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editors)')
    .action(() => schemaCommand(io));

  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err, io);
  }
}

function reportError(err: unknown, io: CliIO): number {
  if (err instanceof CommanderError) {
    // Help and version exit through here with code 0; commander has already printed the message.
    return err.exitCode === 0 ? ExitCode.ok : ExitCode.badInput;
  }
  if (err instanceof ScenarioError || err instanceof TraceFormatError || err instanceof UsageError) {
    io.stderr.write(`fleetsim: ${err.message.split('\n').join('\nfleetsim: ')}\n`);
    return ExitCode.badInput;
  }
  io.stderr.write(`fleetsim: internal error, please report it with the scenario that caused it\n${err instanceof Error ? err.stack : String(err)}\n`);
  return ExitCode.internalError;
}
