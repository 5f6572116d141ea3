/**
 * Bounds a CI pipeline puts on a run: `latency_ms.p99 < 500`, `requests.failed / requests.arrived < 0.001`.
 * An expression is numbers and summary paths joined by + - * / (usual precedence, parentheses
 * allowed), two of them compared with <, <=, >, >=, == or !=. Parsed by hand: nothing is evaluated
 * as code.
 */

export type Comparison = '<' | '<=' | '>' | '>=' | '==' | '!=';

type Expr = { kind: 'number'; value: number } | { kind: 'path'; path: string } | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

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

const TOKEN = /\s*(<=|>=|==|!=|[<>+\-*/()]|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|[A-Za-z_][A-Za-z0-9_.\-]*)/y;

export function parseAssertion(text: string): Assertion {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
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
  const factor = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) throw new AssertionSyntaxError(`"${text}" ends too early; expected a number or a summary path`);
    if (t === '(') {
      const e = expression();
      if (tokens[i++] !== ')') throw new AssertionSyntaxError(`missing ")" in "${text}"`);
      return e;
    }
    if (t === '-') {
      const f = factor();
      return { kind: 'binary', op: '-', left: { kind: 'number', value: 0 }, right: f };
    }
    if (/^[0-9.]/.test(t)) return { kind: 'number', value: Number(t) };
    if (/^[A-Za-z_]/.test(t)) return { kind: 'path', path: t };
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
      for (const key of e.path.split('.')) {
        v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
      }
      if (v === null) return NaN; // a statistic with no data (no completed request)
      if (typeof v !== 'number') {
        throw new AssertionSyntaxError(`"${e.path}" in "${text}" is not a number in summary.json (see the README for its fields)`);
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
