import { SHARD_FORMAT, type SweepPlan, type SweepResult, type SweepRun, type SweepShardPart } from './sweep-result.ts';
import type { Shard } from './shard.ts';
import { writeAll } from '../report/atomic-write.ts';
import { csvText } from '../report/csv.ts';
import { sweepHtml } from './sweep-html.ts';
import { jsonText } from '../report/json-text.ts';

/** sweep.csv: one row per point and seed, its grid values and figures. */
async function sweepCsv(result: SweepResult): Promise<string> {
  const headers = ['point', ...result.plan.grid.map((a) => a.path), 'seed', ...result.metrics];
  const rows = result.runs.map((r) => [r.point, ...result.points[r.point].values, r.seed, ...result.metrics.map((m) => r.metrics[m] ?? '')]);
  return csvText(headers, rows);
}

/**
 * sweep-points.csv: one row per point, the mean and 95 % interval of each figure, whether it meets
 * the SLO, whether it is the cheapest that does, and the Pareto flag.
 */
async function sweepPointsCsv(result: SweepResult): Promise<string> {
  const headers = [
    'point',
    ...result.plan.grid.map((a) => a.path),
    'seeds',
    ...result.metrics.flatMap((m) => [`${m}_mean`, `${m}_low`, `${m}_high`]),
    'meets_slo',
    'cheapest_meeting_slo',
    'pareto',
  ];
  const rows = result.points.map((p) => [
    p.point,
    ...p.values,
    result.plan.seeds.length,
    ...result.metrics.flatMap((m) => [p.estimates[m].mean ?? '', p.estimates[m].low ?? '', p.estimates[m].high ?? '']),
    p.meets_slo,
    p.point === result.cheapest_meeting_slo,
    p.pareto,
  ]);
  return csvText(headers, rows);
}

/** Writes sweep.json, sweep.csv, sweep-points.csv and sweep.html into `dir`, all or nothing. */
export async function writeSweepOutputs(result: SweepResult, dir: string): Promise<string[]> {
  return writeAll(dir, 'sweep', async (out) => [
    out.write('sweep.json', jsonText(result)),
    out.write('sweep.csv', await sweepCsv(result)),
    out.write('sweep-points.csv', await sweepPointsCsv(result)),
    out.write('sweep.html', sweepHtml(result)),
  ]);
}

/** A shard's file name: all shards of a sweep may write into one folder. */
function shardFileName(shard: Shard): string {
  return `sweep-shard-${shard.index}-of-${shard.count}.json`;
}

export async function writeShardOutput(plan: SweepPlan, shard: Shard, runs: readonly SweepRun[], dir: string): Promise<string[]> {
  const part: SweepShardPart = { format: SHARD_FORMAT, plan, shard, runs };
  return writeAll(dir, shardFileName(shard), async (out) => [out.write(shardFileName(shard), jsonText(part))]);
}
