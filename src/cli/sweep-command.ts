import { join } from 'node:path';
import { loadVariant } from '../experiment/load-variant.ts';
import { shardJobs } from '../experiment/shard.ts';
import { assembleSweep, jobCount, planSweep, runSweepJobs } from '../experiment/sweep.ts';
import { pointsTable } from '../experiment/sweep-table.ts';
import { writeShardOutput, writeSweepOutputs } from '../experiment/sweep-output.ts';
import { jsonText } from '../report/json-text.ts';
import { folderName, seedsOption, workersOption, type ExperimentCommandOptions } from './experiment-options.ts';
import { gridOption, sloShareOption, type GridCommandOptions } from './grid-options.ts';
import { UsageError, type CliIO } from './io.ts';
import { progressOf } from './progress.ts';
import { setOverrides } from './set-option.ts';
import { shardOption } from './shard-option.ts';
import { shownPaths } from './shown-paths.ts';
import { WarningPrinter } from './warning-printer.ts';
import { checkOut, parseDurationOption, writingInto } from './options.ts';

export interface SweepCommandOptions extends ExperimentCommandOptions, GridCommandOptions {
  readonly shard?: string;
  readonly shards?: string;
}

/**
 * Runs the Cartesian grid of `--grid` values times the seeds, or one shard of it; a shard writes
 * its part for `fleetsim merge`.
 */
export async function sweepCommand(file: string, options: SweepCommandOptions, io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const axes = gridOption(options.grid);
  const sets = options.set ?? [];
  const { scenario } = loadVariant(file, setOverrides(sets));
  const shard = shardOption(options.shard, options.shards, env);
  if (shard && options.json) throw new UsageError(`--json: shard ${shard.index} of ${shard.count} writes no sweep.json; merge the shards with fleetsim merge`);
  const plan = planSweep({
    scenario: file,
    sets,
    grid: axes,
    seeds: seedsOption(options.seeds, options.seedBase),
    duration: options.duration === undefined ? undefined : parseDurationOption(options.duration),
    sloShare: sloShareOption(options.sloShare),
  });
  const dir = options.out ?? join('out', folderName('sweep', [scenario.name]));
  checkOut(dir);
  const total = jobCount(plan);
  const jobs = shard ? shardJobs(total, shard) : Array.from({ length: total }, (_, j) => j);
  const label = shard ? `sweep ${shard.index}/${shard.count}` : 'sweep';
  const progress = progressOf(io, label, options, !options.json);
  const warnings = new WarningPrinter();
  const runs = await runSweepJobs(plan, jobs, { workers: workersOption(options, jobs.length, io), onProgress: progress?.update, onWarnings: (w, point) => warnings.add(w, point) });
  progress?.done();
  warnings.print(io);
  if (shard) {
    const files = await writingInto(dir, () => writeShardOutput(plan, shard, runs, dir));
    if (!options.quiet) io.stdout.write(`shard ${shard.index} of ${shard.count}: ${runs.length} of ${total} runs; merge the shards with fleetsim merge\nfiles: ${shownPaths(files)}\n`);
    return 0;
  }
  const result = assembleSweep(plan, runs);
  const files = await writingInto(dir, () => writeSweepOutputs(result, dir));
  if (options.json) io.stdout.write(jsonText(result));
  else if (!options.quiet) io.stdout.write(`${pointsTable(result)}\nfiles: ${shownPaths(files)}\n`);
  return 0;
}
