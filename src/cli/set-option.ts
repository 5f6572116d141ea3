import { parseOverride, type Override } from '../experiment/overrides.ts';

/** `--set path=value ...` as run, compare and sweep take it: YAML values, applied in order before the scenario is checked. */
export function setOverrides(sets: readonly string[] | undefined): Override[] {
  return (sets ?? []).map((s) => parseOverride(s, '--set'));
}
