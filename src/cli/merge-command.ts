import { findShardFiles, mergeShards, MergeError } from '../experiment/merge.ts';
import { pointsTable } from '../experiment/sweep-table.ts';
import { writeSweepOutputs } from '../experiment/sweep-output.ts';
import { UsageError, type CliIO } from './io.ts';
import { writingInto } from './options.ts';
import { shownPaths } from './shown-paths.ts';

/** Combines the shard files of a sweep into the sweep.json, sweep.csv, sweep-points.csv and sweep.html of the unsharded sweep. */
export async function mergeCommand(paths: readonly string[], options: { out: string; quiet?: boolean }, io: CliIO): Promise<number> {
  let result;
  try {
    result = mergeShards(findShardFiles(paths));
  } catch (err) {
    if (err instanceof MergeError) throw new UsageError(`merge: ${err.message}`);
    throw err;
  }
  const files = await writingInto(options.out, () => writeSweepOutputs(result, options.out));
  if (!options.quiet) io.stdout.write(`${pointsTable(result)}\nfiles: ${shownPaths(files)}\n`);
  return 0;
}
