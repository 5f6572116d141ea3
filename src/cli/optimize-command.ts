import { join } from 'node:path';
import { gridPoints } from '../experiment/grid.ts';
import { loadVariant } from '../experiment/load-variant.ts';
import { optimize } from '../experiment/optimize.ts';
import { writeOptimizeOutput } from '../experiment/optimize-output.ts';
import { optimizeText } from '../experiment/optimize-table.ts';
import { planSweep } from '../experiment/sweep.ts';
import { jsonText } from '../report/json-text.ts';
import { folderName, MAX_SEEDS, workersOption, type ExperimentCommandOptions } from './experiment-options.ts';
import { gridOption, sloShareOption, type GridCommandOptions } from './grid-options.ts';
import { ExitCode, UsageError, type CliIO } from './io.ts';
import { checkOut, parseDurationOption, writingInto } from './options.ts';
import { progressOf } from './progress.ts';
import { setOverrides } from './set-option.ts';
import { shownPaths } from './shown-paths.ts';
import { WarningPrinter } from './warning-printer.ts';
import { parseWhole, seedRange } from './whole-number.ts';

export interface OptimizeCommandOptions extends Omit<ExperimentCommandOptions, 'seeds'>, GridCommandOptions {
  readonly maxSeeds?: string;
  readonly initialSeeds?: string;
  readonly budget?: string;
}

/**
 * Races the points of the grid for the cheapest one that meets the SLO; exits 0 with an answer,
 * 1 when every point misses the SLO or the budget ran out before the answer was decided.
 */
export async function optimizeCommand(file: string, options: OptimizeCommandOptions, io: CliIO): Promise<number> {
  const axes = gridOption(options.grid);
  const sets = options.set ?? [];
  const { scenario } = loadVariant(file, setOverrides(sets));
  const maxSeeds = options.maxSeeds === undefined ? 10 : parseWhole('--max-seeds', options.maxSeeds, 1, MAX_SEEDS);
  const first = options.seedBase === undefined ? 1 : parseWhole('--seed-base', options.seedBase, 0);
  const initial = options.initialSeeds === undefined ? Math.min(3, maxSeeds) : parseWhole('--initial-seeds', options.initialSeeds, 1);
  if (initial > maxSeeds) throw new UsageError(`--initial-seeds: found ${initial}; expected at most --max-seeds (${maxSeeds})`);
  if (initial < 2 && maxSeeds >= 2) throw new UsageError(`--initial-seeds: found ${initial}; expected at least 2, so that each point's cost has an interval`);
  const pointCount = gridPoints(axes).length;
  const budget = options.budget === undefined ? undefined : parseWhole('--budget', options.budget, 1);
  if (budget !== undefined && budget < pointCount * initial) {
    throw new UsageError(`--budget: found ${budget}; expected at least ${pointCount * initial} (${initial} seeds for each of the ${pointCount} points)`);
  }
  const plan = planSweep({
    scenario: file,
    sets,
    grid: axes,
    seeds: seedRange(first, maxSeeds, '--seed-base', '--max-seeds'),
    duration: options.duration === undefined ? undefined : parseDurationOption(options.duration),
    sloShare: sloShareOption(options.sloShare),
  });
  const dir = options.out ?? join('out', folderName('optimize', [scenario.name]));
  checkOut(dir);
  const warnings = new WarningPrinter();
  const progress = progressOf(io, 'optimize', options, !options.json);
  const result = await optimize(plan, { initialSeeds: initial, budget, workers: workersOption(options, budget ?? pointCount * maxSeeds, io),
    onWarnings: (w, point) => warnings.add(w, point), onProgress: progress?.update });
  progress?.done();
  warnings.print(io);
  const files = await writingInto(dir, () => writeOptimizeOutput(result, dir));
  if (options.json) io.stdout.write(jsonText(result));
  else if (!options.quiet) io.stdout.write(`${optimizeText(result)}\nfiles: ${shownPaths(files)}\n`);
  return result.outcome === 'found' ? ExitCode.ok : ExitCode.assertionFailed;
}
