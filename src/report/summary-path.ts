import { SUMMARY_SHAPE, type ShapeNode } from './summary-shape.ts';

/**
 * A path into summary.json as `--assert` and the report write it: keys joined by dots, and a key
 * that is not a plain name (an instance type such as `m7g.xlarge`) in brackets and quotes:
 * `cost_usd.by_instance_type["m7g.xlarge"]`.
 */
export const SUMMARY_PATH_SOURCE = String.raw`[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\s*"[^"]*"\s*\]|\[\s*'[^']*'\s*\])*`;

const NAME = /^[A-Za-z_]\w*$/;

/** The keys of a path that matches SUMMARY_PATH_SOURCE. */
export function pathKeys(path: string): string[] {
  return [...path.matchAll(/([A-Za-z_]\w*)|\[\s*"([^"]*)"\s*\]|\[\s*'([^']*)'\s*\]/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The keys written as a path, brackets only where a key is not a plain name. */
export function formatPath(keys: readonly string[]): string {
  return keys.map((k, i) => (!NAME.test(k) ? `[${JSON.stringify(k)}]` : i === 0 ? k : `.${k}`)).join('');
}

/**
 * Why a path cannot name a number in any summary.json (a phrase that follows the path), or
 * undefined when it can; checked against SUMMARY_SHAPE before a run, so that a mistyped bound
 * does not wait for the run to end.
 */
export function shapeProblem(keys: readonly string[]): string | undefined {
  let node: ShapeNode = SUMMARY_SHAPE;
  let anyKey = false;
  for (let i = 0; i < keys.length; i++) {
    const at = formatPath(keys.slice(0, i));
    if (typeof node === 'string') {
      const hint = anyKey ? `; a key with dots goes in brackets and quotes: ${formatPath([...keys.slice(0, i - 1), keys.slice(i - 1).join('.')])}` : '';
      return `is not in summary.json: ${at} is ${SCALAR[node]}, with no keys under it${hint}`;
    }
    anyKey = !Object.hasOwn(node, keys[i]);
    const next: ShapeNode | undefined = anyKey ? node['*'] : node[keys[i]];
    if (next === undefined) return `is not in summary.json: no key "${keys[i]}" ${at === '' ? 'at the top' : `under ${at}`}; ${keysOf(node)}`;
    node = next;
  }
  if (node === 'text' || node === 'list') return `is not a number in summary.json but ${SCALAR[node]}`;
  if (typeof node !== 'string') return `is not a number in summary.json but a section; ${keysOf(node)}`;
  return undefined;
}

const SCALAR = { number: 'a number', text: 'text', list: 'a list' } as const;

function keysOf(section: { readonly [key: string]: ShapeNode }): string {
  return '*' in section ? 'its keys depend on the scenario; write one in brackets and quotes, ["key"]' : `its keys: ${Object.keys(section).join(', ')}`;
}
