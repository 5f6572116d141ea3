import { join } from 'node:path';
import { loadVariant } from '../experiment/load-variant.ts';
import { parseOverride } from '../experiment/overrides.ts';
import { parseShard, shardJobs, type Shard } from '../experiment/shard.ts';
import { assembleSweep, jobCount, planSweep, runSweepJobs } from '../experiment/sweep.ts';
import { pointsTable } from '../experiment/sweep-table.ts';
import { writeShardOutput, writeSweepOutputs } from '../experiment/sweep-output.ts';
import { jsonText } from '../report/json-text.ts';
import { folderName, positiveWhole, seedsOption, workersOption, type ExperimentCommandOptions } from './experiment-options.ts';
import { gridOption, sloShareOption, type GridCommandOptions } from './grid-options.ts';
import { UsageError, type CliIO } from './io.ts';
import { progressBar } from './progress.ts';
import { shownPaths } from './shown-paths.ts';
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
  const { scenario } = loadVariant(file, sets.map((s) => parseOverride(s)));
  const shard = shardOf(options, env);
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
  const progress = progressBar(io, label, !options.quiet && !options.json);
  const runs = await runSweepJobs(plan, jobs, { workers: workersOption(options.workers), onProgress: progress?.update });
  progress?.done();
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

/**
 * `--shard i/N`; otherwise an array job's index: AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX (N from
 * --shards or AWS_BATCH_JOB_ARRAY_SIZE) or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (N
 * from --shards). Indices count from 0, as both services number them.
 */
function shardOf(options: Pick<SweepCommandOptions, 'shard' | 'shards'>, env: NodeJS.ProcessEnv): Shard | null {
  const count = options.shards === undefined ? undefined : positiveWhole('--shards', options.shards);
  if (options.shard !== undefined) {
    const shard = parseShard(options.shard);
    if (!shard) throw new UsageError(`--shard: found "${options.shard}"; expected i/N with 0 <= i < N, e.g. 0/4`);
    if (count !== undefined && count !== shard.count) throw new UsageError(`--shard ${options.shard} and --shards ${count} disagree`);
    return shard;
  }
  const fromEnv = (name: string, countName: string | null): Shard => {
    const index = Number(env[name]);
    const n = count ?? (countName && env[countName] !== undefined ? Number(env[countName]) : undefined);
    if (n === undefined) throw new UsageError(`${name} is set: give the number of shards with --shards N`);
    if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${countName}: found "${env[countName!]}"; expected a whole number >= 1`);
    if (!Number.isSafeInteger(index) || index < 0 || index >= n) throw new UsageError(`${name}: found "${env[name]}"; expected a whole number from 0 to ${n - 1}`);
    return { index, count: n };
  };
  if (env.AWS_BATCH_JOB_ARRAY_INDEX !== undefined) return fromEnv('AWS_BATCH_JOB_ARRAY_INDEX', 'AWS_BATCH_JOB_ARRAY_SIZE');
  if (env.JOB_COMPLETION_INDEX !== undefined) return fromEnv('JOB_COMPLETION_INDEX', null);
  if (count !== undefined) throw new UsageError('--shards: no shard index; give --shard i/N, or run as an AWS Batch array job or a Kubernetes Indexed Job');
  return null;
}
