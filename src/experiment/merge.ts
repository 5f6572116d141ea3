import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseTempName } from '../report/temp-files.ts';
import { formatPath } from '../scenario/load.ts';
import { gridPoints } from './grid.ts';
import { shardJobs } from './shard.ts';
import { shardPartSchema } from './shard-schema.ts';
import { assembleSweep } from './sweep.ts';
import { SHARD_FORMAT, type SweepPlan, type SweepResult, type SweepRun, type SweepShardPart } from './sweep-result.ts';

/** A shard set that cannot be merged: which file, and what is wrong. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

const SHARD_FILE = /^sweep-shard-\d+-of-\d+\.json$/;
const UNCOMMITTED = 'an uncommitted shard file (fleetsim sweep --shard is still writing it, or was killed while it did)';

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
    if (!isDir) {
      if (parseTempName(basename(p)) !== undefined) throw new MergeError(`${p}: ${UNCOMMITTED}; give the committed sweep-shard-<i>-of-<N>.json`);
      files.push(p);
    } else {
      const names = readdirSync(p);
      const found = names.filter((f) => SHARD_FILE.test(f)).sort();
      for (const name of names) {
        const final = parseTempName(name)?.final;
        if (final !== undefined && SHARD_FILE.test(final) && !found.includes(final)) {
          throw new MergeError(`${join(p, name)}: ${UNCOMMITTED}, and ${final} is not there; merge when every shard has finished`);
        }
      }
      if (found.length === 0) throw new MergeError(`${p}: no sweep-shard-<i>-of-<N>.json file in this folder`);
      files.push(...found.map((f) => join(p, f)));
    }
  }
  return files;
}

/**
 * Checks that the shards belong to one sweep (same plan, same shard count), that each shard
 * appears once, none is missing and each holds exactly its jobs; then assembles sweep.json as an
 * unsharded sweep would, with the plan of shard 0. Shards may name the scenario file differently
 * (run from other folders, `./x.yaml` or `x.yaml`): the same file name and content is the same
 * scenario.
 */
export function mergeShards(files: readonly string[]): SweepResult {
  const parts = files.map((file) => ({ file, part: readPart(file) }));
  if (parts.length === 0) throw new MergeError('no shard files to merge');
  const first = parts[0];
  const plan = planKey(first.part.plan);
  const count = first.part.shard.count;
  const byIndex = new Map<number, string>();
  for (const { file, part } of parts) {
    if (planKey(part.plan) !== plan) {
      throw new MergeError(`${file}: from a different sweep than ${first.file} (${planDifference(first.part, part)})`);
    }
    if (part.shard.count !== count) throw new MergeError(`${file}: shard ${part.shard.index} of ${part.shard.count}, but ${first.file} is one of ${count}`);
    const seen = byIndex.get(part.shard.index);
    if (seen !== undefined) throw new MergeError(`${file}: shard ${part.shard.index} of ${count} appears twice (also ${seen})`);
    byIndex.set(part.shard.index, file);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) throw new MergeError(`missing shard(s) ${missing.join(', ')} of ${count} (found ${[...byIndex.keys()].sort((a, b) => a - b).join(', ')})`);
  const shardZero = parts.find(({ part }) => part.shard.index === 0)!.part.plan;
  const n = shardZero.seeds.length;
  const total = gridPoints(shardZero.grid).length * n;
  const runs: SweepRun[] = new Array<SweepRun>(total);
  for (const { file, part } of parts) {
    const jobs = shardJobs(total, part.shard);
    const ok = part.runs.length === jobs.length && jobs.every((j, k) => part.runs[k].point === Math.floor(j / n) && part.runs[k].seed === shardZero.seeds[j % n]);
    if (!ok) throw new MergeError(`${file}: its runs are not the jobs of shard ${part.shard.index} of ${count} (an incomplete or edited file?)`);
    jobs.forEach((j, k) => (runs[j] = part.runs[k]));
  }
  return assembleSweep(shardZero, runs);
}

function readPart(file: string): SweepShardPart {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new MergeError(`${file}: ${err instanceof SyntaxError ? 'not valid JSON (an incomplete copy?)' : `cannot read (${(err as NodeJS.ErrnoException).code})`}; expected a sweep shard file`);
  }
  const format = data !== null && typeof data === 'object' ? (data as { format?: unknown }).format : undefined;
  if (format !== SHARD_FORMAT) throw new MergeError(`${file}: not a sweep shard file (expected "format": "${SHARD_FORMAT}", written by fleetsim sweep --shard)`);
  const checked = shardPartSchema.safeParse(data);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new MergeError(`${file}: ${formatPath(issue.path)}: ${issue.message}; expected a sweep shard file as fleetsim sweep --shard writes it`);
  }
  // The file's own object, not zod's copy, so that merged files keep the key order of the unsharded sweep.
  return data as SweepShardPart;
}

/** A plan with its scenario path reduced to the file name, which is all that must agree. */
function comparable(plan: SweepPlan): SweepPlan {
  return { ...plan, scenario: basename(plan.scenario) };
}

function planKey(plan: SweepPlan): string {
  return JSON.stringify(comparable(plan));
}

function planDifference(a: SweepShardPart, b: SweepShardPart): string {
  const [pa, pb] = [comparable(a.plan), comparable(b.plan)];
  const keys = Object.keys(pa) as Array<keyof SweepPlan>;
  const differing = keys.filter((k) => JSON.stringify(pa[k]) !== JSON.stringify(pb[k]));
  return differing.length === 1 ? `${differing[0]} differs` : `${differing.slice(0, -1).join(', ')} and ${differing.at(-1)} differ`;
}
