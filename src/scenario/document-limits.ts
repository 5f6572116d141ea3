import { Parser, type CST } from 'yaml';
import { MAX_LIST_ITEMS, MAX_NESTING_DEPTH } from './limits.ts';

/** Where a document breaks a bound on its shape, and how. */
export interface ShapeProblem {
  /** Offset in the text (text checks) or key path (data checks). */
  readonly offset?: number;
  readonly path?: readonly PropertyKey[];
  readonly message: string;
}

const TOO_DEEP = `nested more than ${MAX_NESTING_DEPTH} lists or mappings deep (MAX_NESTING_DEPTH); a scenario needs about eight levels`;
const tooLong = (n: number) => `a list or mapping of ${n} items; at most ${MAX_LIST_ITEMS} (MAX_LIST_ITEMS)`;

/**
 * The first list or mapping in YAML or JSON text that is nested too deep or holds too many items.
 * It walks the parser's syntax tree with its own stack, before the composer, which recurses once
 * per level, builds anything.
 */
export function textShapeProblem(text: string): ShapeProblem | undefined {
  const stack: Array<{ token: CST.Token; depth: number }> = [];
  for (const token of new Parser().parse(text)) stack.push({ token, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > MAX_NESTING_DEPTH) return { offset: token.offset, message: TOO_DEEP };
    if (token.items.length > MAX_LIST_ITEMS) return { offset: token.offset, message: tooLong(token.items.length) };
    for (const item of token.items) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/**
 * The same bounds on a plain value (a parsed document after `--set`, or an object a library
 * caller built), walked with its own stack before zod, which recurses once per level. A value
 * that contains itself is found too deep.
 */
export function dataShapeProblem(data: unknown): ShapeProblem | undefined {
  const stack: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length + 1 > MAX_NESTING_DEPTH) return { path, message: TOO_DEEP };
    const size = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (size > MAX_LIST_ITEMS) return { path, message: tooLong(size) };
    if (Array.isArray(value)) value.forEach((v: unknown, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [key, v] of Object.entries(value)) stack.push({ value: v, path: [...path, key] });
  }
  return undefined;
}
