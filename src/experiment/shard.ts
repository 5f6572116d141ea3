/** One slice of a sweep's jobs: shard `index` (from 0) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The jobs of a shard: every count-th job from its index. Interleaving spreads the grid's
 * expensive corners over all shards, and the slice depends only on the job list and the shard.
 */
export function shardJobs(total: number, shard: Shard): number[] {
  const jobs: number[] = [];
  for (let j = shard.index; j < total; j += shard.count) jobs.push(j);
  return jobs;
}
