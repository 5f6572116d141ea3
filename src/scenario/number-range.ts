import { isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';

/** A number written in the document that a double cannot hold, and where. */
export interface OutOfRangeNumber {
  /** As written, e.g. `1e400`. */
  readonly source: string;
  readonly path: readonly PropertyKey[];
  /** Offset in the text, where known. */
  readonly offset?: number;
}

/** YAML's own words for infinity and not-a-number, which mean what they say. */
const SPECIAL = /^[-+]?\.(inf|Inf|INF|nan|NaN|NAN)$/;

/** The largest finite double, as a message gives it. */
const LARGEST_NUMBER_TEXT = '1.8e308';

/** `found 1e400: out of range as written; a number is at most about 1.8e308 in size`. */
export function outOfRangeText(source: string): string {
  return `found ${source}: out of range as written; a number is at most about ${LARGEST_NUMBER_TEXT} in size`;
}

/**
 * Numbers written past the range of a double (`1e400`): YAML reads them as Infinity, which would
 * be reported as if the user had written it.
 */
export function outOfRangeNumbers(doc: Document): OutOfRangeNumber[] {
  const found: OutOfRangeNumber[] = [];
  visit(doc, {
    Scalar(_, node, ancestors) {
      if (typeof node.value !== 'number' || Number.isFinite(node.value)) return;
      const source = node.source ?? String(node.value);
      if (SPECIAL.test(source.trim())) return;
      found.push({ source, path: keyPath(ancestors, node), offset: node.range?.[0] });
    },
  });
  return found;
}

/** Key path of `node` from the ancestors `visit` gives (document, mappings, pairs, lists). */
function keyPath(ancestors: readonly unknown[], node: Node): PropertyKey[] {
  const path: PropertyKey[] = [];
  ancestors.forEach((a, i) => {
    if (isPair(a) && isScalar(a.key) && (typeof a.key.value === 'string' || typeof a.key.value === 'number')) path.push(a.key.value);
    if (isSeq(a)) path.push(a.items.indexOf((ancestors[i + 1] ?? node) as never));
  });
  return path;
}
