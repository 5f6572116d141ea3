import { loadScenario, type LoadedScenario } from '../scenario/load.ts';
import { ScenarioError } from '../scenario/scenario-error.ts';
import { applyOverrides, blameOverrides, type AppliedOverride, type Override } from './overrides.ts';

/** Loads a scenario file with `path=value` overrides applied before validation. */
export function loadVariant(file: string, overrides: readonly Override[]): LoadedScenario {
  let applied: AppliedOverride[] = [];
  try {
    return loadScenario(file, {
      edit: (doc) => {
        applied = applyOverrides(doc, overrides);
      },
    });
  } catch (err) {
    if (err instanceof ScenarioError && applied.length > 0) throw blameOverrides(err, applied);
    throw err;
  }
}
