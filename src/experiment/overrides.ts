import { isMap, isNode, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { textShapeProblem } from '../scenario/document-limits.ts';
import { MAX_NESTING_DEPTH } from '../scenario/limits.ts';
import { formatPath } from '../scenario/load.ts';
import { outOfRangeNumbers, outOfRangeText } from '../scenario/number-range.ts';
import { ScenarioError, type ScenarioProblem } from '../scenario/scenario-error.ts';
import { SCENARIO_KEYS } from '../scenario/schema.ts';
import { nearestWord } from '../text/edit-distance.ts';
import { truncate } from '../text/truncate.ts';

/** One `path=value` override of a scenario document, applied before validation. */
export interface Override {
  /** As the user wrote it, and the option that gave it (`--set`, `--variant`, `--grid`), for messages. */
  readonly text: string;
  readonly option: string;
  /** Key path as written (`autoscaling.policies[0].target`); it may leave out leading sections. */
  readonly path: readonly (string | number)[];
  /** The value parsed as YAML (a number, boolean, string, [list] or {mapping}); null removes the key. */
  readonly value: unknown;
}

const TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(SCENARIO_KEYS);
/** Keys joined by dots, list indices and quoted keys (a name with a dot: `auto_scaling_groups["web.v2"]`) in brackets. */
const PATH_PATTERN = /^(?:[\w][\w-]*|\["[^"\]]+"\])(?:\.[\w][\w-]*|\[\d+\]|\["[^"\]]+"\])*$/;

/** Parses `path=value`; `option` names where it came from in messages (`--set`, `--grid`). */
export function parseOverride(text: string, option = '--set'): Override {
  const eq = text.indexOf('=');
  if (eq < 0) throw overrideError(text, option, '', `expected path=value, e.g. fleet.instances=4`);
  return { text, option, path: parsePath(text.slice(0, eq).trim(), text, option), value: parseValue(text.slice(eq + 1).trim(), text, option) };
}

/** `a.b[0].c` -> ['a', 'b', 0, 'c']. */
export function parsePath(path: string, text: string, option: string): Array<string | number> {
  if (!PATH_PATTERN.test(path)) {
    throw overrideError(text, option, path, `"${path}" is not a key path; expected keys joined by dots and [index], e.g. fleet.autoscaling.policies[0].target`);
  }
  const keys = [...path.matchAll(/([\w][\w-]*)|\[(\d+)\]|\["([^"\]]+)"\]/g)].map((m) => m[1] ?? m[3] ?? Number(m[2]));
  // The path's mappings are created, then built recursively: bounded like the file's nesting.
  if (keys.length > MAX_NESTING_DEPTH) throw overrideError(text, option, '', `a key path of ${keys.length} keys; at most ${MAX_NESTING_DEPTH} (MAX_NESTING_DEPTH)`);
  return keys;
}

/**
 * A YAML scalar or flow collection: `40`, `true`, `c7g.large`, `5m`, `[1, 2]`,
 * `{dist: constant, value: 1}`; `null` removes the key (back to its default, or to make room for
 * another choice, as `fleet.autoscaling=null` with `fleet.instances=4`).
 */
export function parseValue(value: string, text: string, option: string): unknown {
  if (value === '') throw overrideError(text, option, '', `expected a value after "="`);
  const shape = textShapeProblem(value);
  if (shape) throw overrideError(text, option, '', shape.message);
  const notAValue = () => overrideError(text, option, '', `"${value}" is not a value; expected a number, true/false, a string, [a, list], {a: mapping} or null`);
  const doc = parseDocument(value);
  if (doc.errors.length > 0) throw notAValue();
  const outOfRange = outOfRangeNumbers(doc);
  if (outOfRange.length > 0) throw overrideError(text, option, '', outOfRangeText(outOfRange[0].source));
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch {
    // An alias with no anchor (*b), or aliases expanding past the bound, are only found as the value is built.
    throw notAValue();
  }
}

/**
 * Applies the overrides to a parsed scenario document, in order. A path that leaves out leading
 * sections (`autoscaling.policies[0].target`) is completed when exactly one place in the document
 * has its first key. Missing mappings along the path are created; list indices must exist.
 */
export function applyOverrides(doc: Document, overrides: readonly Override[]): AppliedOverride[] {
  const applied: AppliedOverride[] = [];
  if (!isMap(doc.contents)) return applied; // the loader reports a document that is not a mapping
  for (const o of overrides) {
    const option = o.option;
    const path = completePath(doc, o);
    for (let n = 0; n < path.length; n++) {
      const parent = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      const key = path[n];
      const at = formatPath(path.slice(0, n + 1));
      if (parent === undefined) {
        // doc.setIn creates the missing mappings, but a list index needs a list that exists.
        const index = path.findIndex((k, i) => i >= n && typeof k === 'number');
        if (index >= 0) throw overrideError(o.text, option, formatPath(path.slice(0, index + 1)), `${formatPath(path.slice(0, index))} is not in the scenario; an index needs a list written in the file`);
        break;
      }
      if (typeof key === 'number') {
        if (!isSeq(parent)) throw overrideError(o.text, option, at, `${formatPath(path.slice(0, n)) || 'the scenario'} is not a list`);
        if (key >= parent.items.length) {
          throw overrideError(o.text, option, at, `${formatPath(path.slice(0, n))} has ${parent.items.length} item(s); index ${key} is out of range`);
        }
      } else if (!isMap(parent)) {
        const what = isScalar(parent) ? `a value (${String(parent.value)})` : 'a list';
        throw overrideError(o.text, option, at, `${formatPath(path.slice(0, n))} is ${what}, not a section with keys`);
      }
    }
    if (o.value !== null) {
      const node = doc.createNode(o.value);
      // The new value takes the place of the old one, so that messages give the line of its key.
      const old = doc.getIn(path, true);
      if (isNode(old)) node.range = old.range;
      doc.setIn(path, node);
    } else if (doc.hasIn(path)) doc.deleteIn(path);
    applied.push({ path: formatPath(path), text: o.text, option });
  }
  return applied;
}

/** An override as applied: its full key path. */
export interface AppliedOverride {
  readonly path: string;
  readonly text: string;
  readonly option: string;
}

/** The full path of an override: as written, or with the leading sections it left out. */
function completePath(doc: Document, o: Override): ReadonlyArray<string | number> {
  const option = o.option;
  const first = o.path[0];
  if (typeof first !== 'string' || TOP_LEVEL_KEYS.has(first)) return o.path;
  const found: Array<ReadonlyArray<string | number>> = [];
  const keys = new Set<string>(TOP_LEVEL_KEYS);
  const walk = (node: unknown, at: ReadonlyArray<string | number>) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key !== 'string') continue;
        keys.add(key);
        if (key === first) found.push(at);
        walk(pair.value, [...at, key]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, [...at, i]));
    }
  };
  walk(doc.contents, []);
  const written = formatPath(o.path);
  if (found.length === 1) return [...found[0], ...o.path];
  if (found.length === 0) {
    const near = nearestWord(first, keys);
    const hint = near ? ` (did you mean "${near}"?)` : '';
    throw overrideError(o.text, option, written, `no key "${first}" in the scenario${hint}; expected a path from the top (${[...TOP_LEVEL_KEYS].join(', ')}) or one whose first key appears once in the file`);
  }
  throw overrideError(o.text, option, written, `"${first}" appears in several places (${found.map((p) => formatPath([...p, first])).join(', ')}); write the full path`);
}

/**
 * Validation problems caused by an override name it: a problem at or above or below an
 * overridden path says which `--set` put the value there.
 */
export function blameOverrides(err: ScenarioError, applied: readonly AppliedOverride[]): ScenarioError {
  const problems: ScenarioProblem[] = err.problems.map((p) => {
    // The last override of a path put the value there that the problem is about.
    const culprit = [...applied].reverse().find((a) => related(a.path, p.path));
    return culprit ? { ...p, message: `${p.message} (after ${culprit.option} '${culprit.text}')` } : p;
  });
  return new ScenarioError(problems);
}

/** Overrides of `duration` count for `warmup`, whose bound is the duration. */
const BOUNDED_BY: Readonly<Record<string, string>> = { warmup: 'duration' };

function related(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  if (BOUNDED_BY[b] === a || BOUNDED_BY[a] === b) return true;
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
  return within(a, b) || within(b, a);
}

function overrideError(text: string, option: string, path: string, message: string): ScenarioError {
  // A value may be long (a list nested deep); the message quotes its start.
  return new ScenarioError([{ file: `${option} '${truncate(text, 80)}'`, path, message }]);
}
