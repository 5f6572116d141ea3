import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isNode, LineCounter, parseDocument, visit, type Document } from 'yaml';
import { notRegularFile, textProblem } from '../text/text-file.ts';
import { dataShapeProblem, textShapeProblem } from './document-limits.ts';
import { describeIssue } from './issue-text.ts';
import { keysAccepted } from './known-keys.ts';
import { MAX_SCENARIO_BYTES } from './limits.ts';
import { outOfRangeNumbers, outOfRangeText } from './number-range.ts';
import { ScenarioError, type ScenarioProblem } from './scenario-error.ts';
import { scenarioSchema, type Scenario } from './schema.ts';
import { shorthandPath, writtenInShorthand } from './shorthand.ts';
import { scenarioWarnings, serviceTimeUnitWarnings, type RunWarning } from './warnings.ts';

/** A validated scenario and where it came from. */
export interface LoadedScenario {
  readonly scenario: Scenario;
  /** Path of the scenario file (or the name given for text parsed from elsewhere). */
  readonly source: string;
  /** What runs, but most likely not as meant (pass them on to `simulate`). */
  readonly warnings: readonly RunWarning[];
}

/** Reads and validates a scenario file (YAML or JSON); throws ScenarioError listing every problem. */
export function loadScenario(file: string, options: Pick<ParseOptions, 'edit'> = {}): LoadedScenario {
  let text = '';
  let problem: string | undefined;
  try {
    // Checked before reading: a device such as /dev/zero never ends, and a file of many megabytes
    // would be held whole, then parsed whole.
    const stat = statSync(file);
    const kind = notRegularFile(stat);
    if (kind !== undefined) {
      problem = `is ${kind}; expected a scenario file`;
    } else if (stat.size > MAX_SCENARIO_BYTES) {
      problem = tooBigText(stat.size);
    } else {
      const bytes = readFileSync(file);
      problem = textProblem(bytes);
      text = bytes.toString('utf8');
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problem = code === 'ENOENT' ? 'file not found' : `cannot read (${code})`;
  }
  if (problem !== undefined) throw new ScenarioError([{ file, path: '', message: problem }]);
  return parseScenario(text, { file, baseDir: dirname(file), edit: options.edit });
}

export interface ParseOptions {
  /** Name used in messages. */
  readonly file: string;
  /** Folder that relative trace paths resolve against. */
  readonly baseDir: string;
  /** Changes the parsed document before validation (`--set path=value`). */
  readonly edit?: (doc: Document) => void;
}

/** Validates scenario text (YAML or JSON). */
export function parseScenario(text: string, options: ParseOptions): LoadedScenario {
  const { file } = options;
  if (text.length > MAX_SCENARIO_BYTES) throw new ScenarioError([{ file, path: '', message: tooBigText(Buffer.byteLength(text)) }]);
  const shape = textShapeProblem(text);
  if (shape) throw new ScenarioError([{ file, line: lineAt(text, shape.offset ?? 0), path: '', message: shape.message }]);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => ({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        path: '',
        message: e.code === 'MULTIPLE_DOCS' ? 'expected one YAML document; found several' : `not valid YAML or JSON: ${firstLine(e.message)}`,
      })),
    );
  }
  const unresolved: ScenarioProblem[] = [];
  visit(doc, {
    Alias(_, alias) {
      if (alias.resolve(doc) === undefined) {
        unresolved.push({
          file,
          line: alias.range ? lineCounter.linePos(alias.range[0]).line : undefined,
          path: '',
          message: `not valid YAML: alias *${alias.source} refers to no anchor &${alias.source} above it`,
        });
      }
    },
  });
  if (unresolved.length > 0) throw new ScenarioError(unresolved);
  const outOfRange = outOfRangeNumbers(doc).map((n) => ({
    file,
    line: n.offset === undefined ? undefined : lineCounter.linePos(n.offset).line,
    path: formatPath(n.path),
    message: outOfRangeText(n.source),
  }));
  if (outOfRange.length > 0) throw new ScenarioError(outOfRange);
  options.edit?.(doc);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    // Unresolved or exponentially expanding aliases (*name) are only found when the document is built.
    throw new ScenarioError([{ file, path: '', message: `not valid YAML: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  if (!isMap(doc.contents)) {
    throw new ScenarioError([{ file, line: 1, path: '', message: 'expected a mapping of scenario keys (name, duration, workload, fleet, ...)' }]);
  }
  return validateScenario(data, options, (path) => lineOf(doc, lineCounter, path));
}

/** Validates a scenario given as a plain object (as a library caller builds it). */
export function validateScenario(
  data: unknown,
  options: ParseOptions,
  lineOfPath: (path: readonly PropertyKey[]) => number | undefined = () => undefined,
): LoadedScenario {
  const { file } = options;
  // zod recurses once per level of nesting: bound it first (a --set value or a library caller's object).
  const shape = dataShapeProblem(data);
  if (shape) throw new ScenarioError([{ file, line: lineOfPath(shape.path ?? []), path: formatPath(shape.path ?? []), message: shape.message }]);
  const result = scenarioSchema.safeParse(data, { reportInput: true });
  if (!result.success) {
    const problems: ScenarioProblem[] = result.error.issues.map((issue) => {
      // An unknown key is shown at the key itself, not at the mapping that holds it.
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
      const accepted = issue.code === 'unrecognized_keys' ? keysAccepted(scenarioSchema, issue.path, data) : undefined;
      return { file, line: lineOfPath(path), path: formatPath(path), message: describeIssue(issue, (issue as { input?: unknown }).input, accepted) };
    });
    problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
    throw new ScenarioError(problems);
  }
  const scenario = result.data;
  const arrivals = scenario.workload.arrivals;
  const withFiles: Array<{ part: { file: string }; path: PropertyKey[] }> = [];
  if (arrivals.type === 'trace' || arrivals.type === 'requests') withFiles.push({ part: arrivals, path: ['workload', 'arrivals', 'file'] });
  if (arrivals.type === 'combined') {
    arrivals.parts.forEach((p, i) => {
      if (p.type === 'trace' || p.type === 'requests') withFiles.push({ part: p, path: ['workload', 'arrivals', 'parts', i, 'file'] });
    });
  }
  for (const { part, path } of withFiles) {
    const resolved = resolve(options.baseDir, part.file);
    const kind = existsSync(resolved) ? notRegularFile(statSync(resolved)) : undefined;
    const problem = !existsSync(resolved) ? 'trace file not found' : kind && `is ${kind}; expected a trace file (a regular file)`;
    if (problem) {
      throw new ScenarioError([{ file, line: lineOfPath(path), path: formatPath(path), message: `${problem}: ${resolved}` }]);
    }
    part.file = resolved;
  }
  const warnings = [...serviceTimeUnitWarnings(data), ...scenarioWarnings(scenario, writtenInShorthand(data) ? shorthandPath : undefined)];
  return { scenario, source: file, warnings };
}

/** `workload.arrivals.rate`, `autoscaling.policies[0].target`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Line of the deepest node that exists along `path` (a missing key points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      // A key's line is more telling than its value's (a nested mapping starts on the next line).
      if (n > 0) {
        const parent = doc.getIn(path.slice(0, n - 1) as unknown[], true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === path[n - 1]);
          if (pair && isNode(pair.key) && pair.key.range) return counter.linePos(pair.key.range[0]).line;
        }
      }
      return counter.linePos(node.range[0]).line;
    }
  }
  return undefined;
}

function tooBigText(bytes: number): string {
  return `is ${bytes} bytes; a scenario file may hold at most ${MAX_SCENARIO_BYTES} bytes (MAX_SCENARIO_BYTES, 1 MiB): keep long series in a trace file`;
}

/** 1-based line of an offset in the text. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
