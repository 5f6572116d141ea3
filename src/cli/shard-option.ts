import type { Shard } from '../experiment/shard.ts';
import { UsageError } from './io.ts';
import { parseWhole } from './whole-number.ts';

/**
 * `--shard i/N`; otherwise an array job's index: AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX (N from
 * --shards or AWS_BATCH_JOB_ARRAY_SIZE) or a Kubernetes Indexed Job's JOB_COMPLETION_INDEX (N
 * from --shards). Indices count from 0, as both services number them.
 */
export function shardOption(shard: string | undefined, shards: string | undefined, env: NodeJS.ProcessEnv): Shard | null {
  const count = shards === undefined ? undefined : parseWhole('--shards', shards, 1);
  if (shard !== undefined) {
    const slash = shard.indexOf('/');
    if (slash < 0) throw new UsageError(`--shard: found "${shard}"; expected i/N with 0 <= i < N, e.g. 0/4`);
    const n = parseWhole(`--shard ${shard}, N`, shard.slice(slash + 1), 1);
    const index = parseWhole(`--shard ${shard}, i`, shard.slice(0, slash), 0, n - 1);
    if (count !== undefined && count !== n) throw new UsageError(`--shard ${shard} and --shards ${count} disagree`);
    return { index, count: n };
  }
  const fromEnv = (name: string, countName: string | null): Shard => {
    const n = count ?? (countName !== null && env[countName] !== undefined ? parseWhole(countName, env[countName], 1) : undefined);
    if (n === undefined) throw new UsageError(`${name} is set: give the number of shards with --shards N`);
    return { index: parseWhole(name, env[name], 0, n - 1), count: n };
  };
  if (env.AWS_BATCH_JOB_ARRAY_INDEX !== undefined) return fromEnv('AWS_BATCH_JOB_ARRAY_INDEX', 'AWS_BATCH_JOB_ARRAY_SIZE');
  if (env.JOB_COMPLETION_INDEX !== undefined) return fromEnv('JOB_COMPLETION_INDEX', null);
  if (count !== undefined) throw new UsageError('--shards: no shard index; give --shard i/N, or run as an AWS Batch array job or a Kubernetes Indexed Job');
  return null;
}
