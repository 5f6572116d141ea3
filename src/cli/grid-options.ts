import { parseGrid, type GridAxis } from '../experiment/grid.ts';
import { UsageError } from './io.ts';

/** The options sweep and optimize share: the grid and the SLO share. */
export interface GridCommandOptions {
  readonly grid?: readonly string[];
  readonly sloShare?: string;
}

/** The `--grid` axes: at least one, each path once. */
export function gridOption(texts: readonly string[] | undefined): GridAxis[] {
  if (!texts || texts.length === 0) throw new UsageError(`--grid: expected at least one, e.g. --grid 'fleet.instances=2,4,8'`);
  const axes = texts.map(parseGrid);
  const paths = new Set<string>();
  for (const a of axes) {
    if (paths.has(a.path)) throw new UsageError(`--grid: ${a.path} is given twice; list all its values in one --grid`);
    paths.add(a.path);
  }
  return axes;
}

/** `--slo-share Q`: the share of a point's seeds that must meet the SLO, above 0 and at most 1; default 1, every seed. */
export function sloShareOption(text: string | undefined): number {
  if (text === undefined) return 1;
  const q = Number(text);
  if (text.trim() === '' || !Number.isFinite(q) || q <= 0 || q > 1) throw new UsageError(`--slo-share: found "${text}"; expected a share above 0 and at most 1, e.g. 0.9`);
  return q;
}
