/**
 * Bounds a CI pipeline puts on a run: `latency_ms.p99 < 500`, `requests.failed / requests.arrived < 0.001`,
 * `cost_usd.by_instance_type["m7g.xlarge"] < 10`. An expression is numbers and summary paths
 * joined by + - * / (usual precedence, parentheses allowed), two of them compared with <, <=, >,
 * >=, == or !=. Parsed by hand: nothing is evaluated as code. Its length and nesting are bounded,
 * so that no text can exhaust the parser's stack.
 */
import { truncate } from '../text/truncate.ts';
import { formatPath, pathKeys, shapeProblem, SUMMARY_PATH_SOURCE } from './summary-path.ts';

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

/** Longest bound, in characters, and deepest nesting of parentheses and signs. */
export const ASSERTION_MAX_LENGTH = 1000;
export const ASSERTION_MAX_DEPTH = 32;

type Expr = { kind: 'number'; value: number } | { kind: 'path'; keys: readonly string[] } | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

export interface Assertion {
  readonly text: string;
  readonly left: Expr;
  readonly comparison: Comparison;
  readonly right: Expr;
}

export interface AssertionResult {
  readonly assertion: Assertion;
  readonly passed: boolean;
  /** The left side's value, for the message. */
  readonly actual: number;
  readonly expected: number;
}

/** A malformed assertion or a path the summary does not have. */
export class AssertionSyntaxError extends Error {}

const TOKEN = new RegExp(String.raw`\s*(<=|>=|==|!=|[<>+\-*/()]|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|${SUMMARY_PATH_SOURCE})`, 'y');

/** Reads a bound; a path that no summary.json has is an error here, before anything runs. */
export function parseAssertion(text: string): Assertion {
  if (text.length > ASSERTION_MAX_LENGTH) {
    throw new AssertionSyntaxError(`"${truncate(text, 40)}" is ${text.length} characters long; a bound takes at most ${ASSERTION_MAX_LENGTH}`);
  }
  const tokens: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw new AssertionSyntaxError(`cannot read "${text.slice(pos).trim()}" in "${text}"`);
    tokens.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  const expression = (): Expr => {
    let left = term();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[i++] as '+' | '-';
      left = { kind: 'binary', op, left, right: term() };
    }
    return left;
  };
  const term = (): Expr => {
    let left = factor();
    while (peek() === '*' || peek() === '/') {
      const op = tokens[i++] as '*' | '/';
      left = { kind: 'binary', op, left, right: factor() };
    }
    return left;
  };
  const nested = (inner: () => Expr): Expr => {
    if (++depth > ASSERTION_MAX_DEPTH) {
      throw new AssertionSyntaxError(`"${truncate(text, 40)}" nests parentheses and signs more than ${ASSERTION_MAX_DEPTH} deep, the most a bound takes`);
    }
    const e = inner();
    depth--;
    return e;
  };
  const factor = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) throw new AssertionSyntaxError(`"${text}" ends too early; expected a number or a summary path`);
    if (t === '(') {
      return nested(() => {
        const e = expression();
        if (tokens[i++] !== ')') throw new AssertionSyntaxError(`missing ")" in "${text}"`);
        return e;
      });
    }
    if (t === '-') return nested(() => ({ kind: 'binary', op: '-', left: { kind: 'number', value: 0 }, right: factor() }));
    if (/^[0-9.]/.test(t)) return { kind: 'number', value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) {
      const keys = pathKeys(t);
      const problem = shapeProblem(keys);
      if (problem !== undefined) throw new AssertionSyntaxError(`"${formatPath(keys)}" in "${text}" ${problem} (see the README for its fields)`);
      return { kind: 'path', keys };
    }
    throw new AssertionSyntaxError(`unexpected "${t}" in "${text}"`);
  };
  const left = expression();
  const comparison = tokens[i++];
  if (!['<', '<=', '>', '>=', '==', '!='].includes(comparison ?? '')) {
    throw new AssertionSyntaxError(`"${text}" needs a comparison (<, <=, >, >=, == or !=) after its left side`);
  }
  const right = expression();
  if (i < tokens.length) throw new AssertionSyntaxError(`unexpected "${tokens[i]}" at the end of "${text}"`);
  return { text, left, comparison: comparison as Comparison, right };
}

/** Checks an assertion against a summary (any JSON object). */
export function checkAssertion(assertion: Assertion, summary: object): AssertionResult {
  const actual = evaluate(assertion.left, summary, assertion.text);
  const expected = evaluate(assertion.right, summary, assertion.text);
  const passed = compare(actual, assertion.comparison, expected);
  return { assertion, passed, actual, expected };
}

function evaluate(e: Expr, summary: object, text: string): number {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'path': {
      let v: unknown = summary;
      let parent: unknown = summary;
      for (const key of e.keys) {
        parent = v;
        v = v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
      }
      if (v === null) return NaN; // a statistic with no data (no completed request)
      if (typeof v !== 'number') {
        // Only keys that depend on the scenario get here: the rest were checked against the shape.
        const has = parent !== null && typeof parent === 'object' ? Object.keys(parent).map((k) => JSON.stringify(k)).join(', ') : '';
        throw new AssertionSyntaxError(`"${formatPath(e.keys)}" in "${text}" is not in this run's summary.json (${formatPath(e.keys.slice(0, -1))} has ${has || 'no keys'})`);
      }
      return v;
    }
    case 'binary': {
      const l = evaluate(e.left, summary, text);
      const r = evaluate(e.right, summary, text);
      return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
    }
  }
}

function compare(a: number, op: Comparison, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
}
