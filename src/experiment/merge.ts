import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gridPoints } from './grid.ts';
import { shardJobs } from './shard.ts';
import { assembleSweep } from './sweep.ts';
import { SHARD_FORMAT, type SweepResult, type SweepRun, type SweepShardPart } from './sweep-result.ts';

/** A shard set that cannot be merged: which file, and what is wrong. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

const SHARD_FILE = /^sweep-shard-\d+-of-\d+\.json$/;

/** The shard files in `paths`: files as given, folders by their sweep-shard-*.json files. */
export function findShardFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      throw new MergeError(`${p}: not found`);
    }
    if (!isDir) files.push(p);
    else {
      const found = readdirSync(p).filter((f) => SHARD_FILE.test(f)).sort();
      if (found.length === 0) throw new MergeError(`${p}: no sweep-shard-<i>-of-<N>.json file in this folder`);
      files.push(...found.map((f) => join(p, f)));
    }
  }
  return files;
}

/**
 * Checks that the shards belong to one sweep (same plan, same shard count), that each shard
 * appears once, none is missing and each holds exactly its jobs; then assembles sweep.json as an
 * unsharded sweep would.
 */
export function mergeShards(files: readonly string[]): SweepResult {
  const parts = files.map((file) => ({ file, part: readPart(file) }));
  if (parts.length === 0) throw new MergeError('no shard files to merge');
  const first = parts[0];
  const plan = JSON.stringify(first.part.plan);
  const count = first.part.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, part } of parts) {
    if (JSON.stringify(part.plan) !== plan) {
      throw new MergeError(`${file}: from a different sweep than ${first.file} (${planDifference(first.part, part)})`);
    }
    if (part.shard.count !== count) throw new MergeError(`${file}: shard ${part.shard.index} of ${part.shard.count}, but ${first.file} is one of ${count}`);
    const seen = byIndex.get(part.shard.index);
    if (seen !== undefined) throw new MergeError(`${file}: shard ${part.shard.index} of ${count} appears twice (also ${seen})`);
    byIndex.set(part.shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new MergeError(`missing shard(s) ${missing.join(', ')} of ${count} (found ${[...byIndex.keys()].sort((a, b) => a - b).join(', ')})`);
  const n = first.part.plan.seeds.length;
  const total = gridPoints(first.part.plan.grid).length * n;
  const runs: SweepRun[] = new Array<SweepRun>(total);
  for (const { file, part } of parts) {
    const jobs = shardJobs(total, part.shard);
    const ok = part.runs.length === jobs.length && jobs.every((j, k) => part.runs[k].point === Math.floor(j / n) && part.runs[k].seed === first.part.plan.seeds[j % n]);
    if (!ok) throw new MergeError(`${file}: its runs are not the jobs of shard ${part.shard.index} of ${count} (an incomplete or edited file?)`);
    jobs.forEach((j, k) => (runs[j] = part.runs[k]));
  }
  return assembleSweep(first.part.plan, runs);
}

function readPart(file: string): SweepShardPart {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MergeError(`${file}: ${err instanceof SyntaxError ? 'not valid JSON' : `cannot read (${(err as NodeJS.ErrnoException).code})`}; expected a sweep shard file`);
  }
  const part = data as Partial<SweepShardPart> | null;
  if (part === null || typeof part !== 'object' || part.format !== SHARD_FORMAT || !part.plan || !part.shard || !Array.isArray(part.runs)) {
    throw new MergeError(`${file}: not a sweep shard file (expected "format": "${SHARD_FORMAT}", written by fleetsim sweep --shard)`);
  }
  return part as SweepShardPart;
}

function planDifference(a: SweepShardPart, b: SweepShardPart): string {
  const keys = Object.keys(a.plan) as Array<keyof SweepShardPart['plan']>;
  const differing = keys.filter((k) => JSON.stringify(a.plan[k]) !== JSON.stringify(b.plan[k]));
  return `${differing.join(', ')} differ`;
}
