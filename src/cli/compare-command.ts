import { join } from 'node:path';
import { compareTable } from '../experiment/compare-table.ts';
import { compare, type CompareVariant } from '../experiment/compare.ts';
import { writeCompareOutputs } from '../experiment/compare-output.ts';
import { loadVariant } from '../experiment/load-variant.ts';
import { parseOverride } from '../experiment/overrides.ts';
import { splitTopLevel } from '../experiment/split-list.ts';
import { folderName, seedsOption, workersOption, type ExperimentCommandOptions } from './experiment-options.ts';
import { UsageError, type CliIO } from './io.ts';
import { jsonText } from '../report/json-text.ts';
import { progressOf } from './progress.ts';
import { setOverrides } from './set-option.ts';
import { shownPaths } from './shown-paths.ts';
import { WarningPrinter } from './warning-printer.ts';
import { checkOut, parseDurationOption, writingInto } from './options.ts';

export interface CompareCommandOptions extends ExperimentCommandOptions {
  readonly variant?: readonly string[];
}

/**
 * `fleetsim compare A.yaml B.yaml ...` compares scenario files; `fleetsim compare S.yaml --variant
 * 'name: path=value, ...' ...` compares S as written (the baseline) with each variant of it.
 * `--set` applies to every scenario and variant, before a variant's own overrides.
 */
export async function compareCommand(files: readonly string[], options: CompareCommandOptions, io: CliIO): Promise<number> {
  const shared = options.set ?? [];
  const variants = variantsOf(files, shared, options.variant ?? []);
  const seeds = seedsOption(options.seeds, options.seedBase);
  const duration = options.duration === undefined ? undefined : parseDurationOption(options.duration);
  const workers = workersOption(options, variants.length * seeds.length, io);
  const dir = options.out ?? join('out', folderName('compare', variants.map((v) => v.name)));
  checkOut(dir);
  const progress = progressOf(io, 'compare', options, !options.json);
  const warnings = new WarningPrinter();
  const result = await compare(variants, { seeds, duration, workers, onProgress: progress?.update, onWarnings: (w, name) => warnings.add(w, name) });
  progress?.done();
  warnings.print(io);
  const written = await writingInto(dir, () => writeCompareOutputs(result, dir));
  if (options.json) io.stdout.write(jsonText(result));
  else if (!options.quiet) {
    io.stdout.write(`${compareTable(result)}\n`);
    io.stdout.write(`files: ${shownPaths(written)}\n`);
  }
  return 0;
}

function variantsOf(files: readonly string[], shared: readonly string[], specs: readonly string[]): CompareVariant[] {
  const nameOf = (file: string, sets: readonly string[]) => loadVariant(file, setOverrides(sets)).scenario.name;
  if (specs.length === 0) {
    return unique(files.map((file) => ({ name: nameOf(file, shared), file, sets: shared })));
  }
  if (files.length !== 1) throw new UsageError(`--variant: found ${files.length} scenario files; variants take exactly one`);
  const file = files[0];
  const baseline = { name: nameOf(file, shared), file, sets: shared };
  const taken = new Map<string, string>([[baseline.name, `the baseline, ${file}`]]);
  const variants = specs.map((spec) => {
    const { name, sets } = parseVariant(spec);
    if (name !== undefined) {
      // A name the user chose is how they read the table: renaming it would mislead.
      const owner = taken.get(name);
      if (owner !== undefined) throw new UsageError(`--variant '${spec}': the name "${name}" is already taken by ${owner}; give each variant its own name`);
      taken.set(name, `--variant '${spec}'`);
    }
    // Validated here so that a bad override is reported before anything runs.
    loadVariant(file, [...setOverrides(shared), ...sets.map((s) => parseOverride(s, '--variant'))]);
    return { name: name ?? sets.join(', '), file, sets: [...shared, ...sets] };
  });
  return unique([baseline, ...variants]);
}

const VARIANT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * `name: path=value, path=value` or `path=value, ...` (named by its overrides). A key path has no
 * ":", so a ":" before the first "=" ends a name, whatever characters that name holds.
 */
function parseVariant(spec: string): { name: string | undefined; sets: string[] } {
  const colon = spec.indexOf(':');
  const eq = spec.indexOf('=');
  const named = colon >= 0 && (eq < 0 || colon < eq);
  const name = named ? spec.slice(0, colon).trim() : undefined;
  if (name !== undefined && !VARIANT_NAME.test(name)) {
    throw new UsageError(
      `--variant '${spec}': ${name === '' ? 'the name before ":" is empty' : `the name "${name}" has characters a name cannot take`}; expected letters, digits, ".", "_" and "-", from a letter or digit, e.g. 'cpu40: autoscaling.policies[0].target=40'`,
    );
  }
  const body = named ? spec.slice(colon + 1) : spec;
  const sets = body.trim() === '' ? [] : splitTopLevel(body);
  if (name === undefined && sets.length === 0) throw new UsageError(`--variant '${spec}': expected 'name: path=value, path=value'`);
  for (const s of sets) {
    if (!s.includes('=')) throw new UsageError(`--variant '${spec}': "${s}" is not path=value`);
  }
  return { name, sets };
}

/** Names must tell variants apart: a repeated scenario name or override list gets -2, -3, ... */
function unique(variants: CompareVariant[]): CompareVariant[] {
  const seen = new Map<string, number>();
  return variants.map((v) => {
    const k = (seen.get(v.name) ?? 0) + 1;
    seen.set(v.name, k);
    return k === 1 ? v : { ...v, name: `${v.name}-${k}` };
  });
}
