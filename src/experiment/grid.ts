import { ScenarioError } from '../scenario/scenario-error.ts';
import { parsePath, parseValue } from './overrides.ts';
import { splitTopLevel } from './split-list.ts';

/** One `--grid path=v1,v2,v3`: the values as written, each parsed when it is applied. */
export interface GridAxis {
  readonly path: string;
  readonly values: readonly string[];
}

export function parseGrid(text: string): GridAxis {
  const eq = text.indexOf('=');
  const fail = (message: string) => new ScenarioError([{ file: `--grid '${text}'`, path: eq > 0 ? text.slice(0, eq).trim() : '', message }]);
  if (eq < 0) throw fail('expected path=v1,v2,v3, e.g. fleet.instances=2,4,8');
  const path = text.slice(0, eq).trim();
  parsePath(path, text, '--grid');
  const values = splitTopLevel(text.slice(eq + 1));
  // Compared as parsed, so that 2 and 2.0 are one value.
  const parsed = values.map((v) => JSON.stringify(parseValue(v, text, '--grid')));
  const twice = values.find((_, i) => parsed.indexOf(parsed[i]) !== i);
  if (twice !== undefined) throw fail(`the value ${twice} appears twice`);
  return { path, values };
}

/** Every combination of one value per axis, the first axis varying slowest. */
export function gridPoints(axes: readonly GridAxis[]): string[][] {
  let points: string[][] = [[]];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => [...p, v]));
  return points;
}

/** The point's overrides, `path=value` per axis. */
export function pointSets(axes: readonly GridAxis[], values: readonly string[]): string[] {
  return axes.map((a, i) => `${a.path}=${values[i]}`);
}
