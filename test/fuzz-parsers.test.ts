import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readRateCsv } from '../src/models/workload/traces/rate-csv.ts';
import { RequestTimesReader, scanRequestFile } from '../src/models/workload/traces/request-times.ts';
import { TraceFormatError } from '../src/models/workload/traces/trace-error.ts';
import { parseDuration } from '../src/scenario/duration.ts';
import { parseScenario } from '../src/scenario/load.ts';
import { ScenarioError } from '../src/scenario/scenario-error.ts';

/*
 * Rule: bad input gets a clear error, never a crash. Whatever bytes a trace or scenario file holds,
 * its parser either returns a sound value or throws its own error type (TraceFormatError,
 * ScenarioError) that says where the problem is; any other exception is a fleetsim bug.
 */

const RUNS = 200;
/** A single parse of a small file must never take long (no runaway allocation or loop). */
const MAX_MS_PER_FILE = 500;

const dir = mkdtempSync(join(tmpdir(), 'fleetsim-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `text` to a fresh file in the temporary folder. */
let fileCount = 0;
function writeTemp(text: string, ext: string): string {
  const file = join(dir, `f${fileCount++}.${ext}`);
  writeFileSync(file, text);
  return file;
}

/** Lines in a file as a 1-based line number can address them. */
function lineCount(text: string): number {
  return text.split('\n').length;
}

/** Checks an error thrown while reading a trace: our own type, naming the file, a line in the file. */
function expectTraceError(err: unknown, file: string, text: string): void {
  if (!(err instanceof TraceFormatError)) throw err; // let fast-check report the foreign error as is
  expect(err.file).toBe(file);
  expect(err.message).toContain(file);
  expect(err.problem.trim()).not.toBe('');
  if (err.line !== undefined) {
    expect(Number.isInteger(err.line)).toBe(true);
    expect(err.line).toBeGreaterThanOrEqual(1);
    expect(err.line).toBeLessThanOrEqual(lineCount(text));
  }
}

function timed<T>(f: () => T): T {
  const start = performance.now();
  try {
    return f();
  } finally {
    expect(performance.now() - start).toBeLessThan(MAX_MS_PER_FILE);
  }
}

// ---------------------------------------------------------------------------------------------
// Text generators: raw noise, and near-valid files with a few corruptions.

/** Pieces that matter to the line and CSV parsers, mixed with arbitrary text. */
const TOKENS = [
  '\n', '\n', '\r\n', '\r', ',', ',', ' ', '\t', '\uFEFF', '0', '1', '7', '.', '-', '+', 'e', 'e5', 'e-3',
  '1e12', '1e400', 'NaN', 'Infinity', '-Infinity', '0x1F', '0b11', '-0', 'abc', '"', 'time_s', 'requests',
  'time_s,requests', '\u00A0', '\u2028', 'é', '😀',
];
const noisyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 3 })), { maxLength: 60 }).map((parts) => parts.join('')),
);

/** Replacements a corruption may put in a cell or line. */
const BAD_CELLS = ['', ' ', 'abc', '-1', '-0', '1.5', '2.0000001', '1e12', '1e-9', '1e400', 'NaN', 'Infinity', '0x10', '1,2', '"3"', ' 4 '];

/** Times a corruption may put in the first cell of a row. */
const TIMES = ['-1', '0', '0.5', '3', '1e-9', '1e6', '1e12', '1e300', '-1e300', '9007199254740993'];

interface Corruption {
  readonly kind: 'replaceLine' | 'replaceCell' | 'replaceTime' | 'deleteLine' | 'duplicateLine' | 'swapLines' | 'insertText' | 'truncate';
  readonly at: number;
  readonly other: number;
  readonly text: string;
}
const corruption: fc.Arbitrary<Corruption> = fc.record({
  kind: fc.constantFrom('replaceLine', 'replaceCell', 'replaceTime', 'deleteLine', 'duplicateLine', 'swapLines', 'insertText', 'truncate'),
  at: fc.nat(),
  other: fc.nat(),
  text: fc.oneof(fc.constantFrom(...BAD_CELLS), fc.string({ maxLength: 6 })),
});

function corrupt(text: string, corruptions: readonly Corruption[]): string {
  let lines = text.split('\n');
  for (const c of corruptions) {
    const i = c.at % lines.length;
    const j = c.other % lines.length;
    switch (c.kind) {
      case 'replaceLine':
        lines[i] = c.text;
        break;
      case 'replaceCell': {
        const cells = lines[i].split(',');
        cells[c.other % cells.length] = c.text;
        lines[i] = cells.join(',');
        break;
      }
      case 'replaceTime': {
        // A time far off the others: out of order, off the grid, or stretching the grid.
        const cells = lines[i].split(',');
        cells[0] = TIMES[c.other % TIMES.length];
        lines[i] = cells.join(',');
        break;
      }
      case 'deleteLine':
        lines.splice(i, 1);
        if (lines.length === 0) lines = [''];
        break;
      case 'duplicateLine':
        lines.splice(i, 0, lines[i]);
        break;
      case 'swapLines':
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      case 'insertText': {
        const k = c.other % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, k) + c.text + lines[i].slice(k);
        break;
      }
      case 'truncate':
        lines = lines.slice(0, Math.max(1, i));
        break;
    }
  }
  return lines.join('\n');
}

/** A valid rate CSV: rows on a grid, some buckets skipped, optional CRLF and final newline. */
const validRateCsv = fc
  .record({
    start: fc.integer({ min: -100, max: 1000 }),
    step: fc.constantFrom(1, 0.5, 10, 60, 0.25),
    rows: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 3 }), count: fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1e6, noNaN: true })) }), {
      minLength: 2,
      maxLength: 20,
    }),
    crlf: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ start, step, rows, crlf, finalNewline }) => {
    // The first two rows set the grid, so the second one sits exactly one step after the first.
    let k = 0;
    const body = rows.map((r, n) => {
      if (n > 0) k += n === 1 ? 1 : r.gap;
      return `${start + k * step},${r.count}`;
    });
    const eol = crlf ? '\r\n' : '\n';
    return ['time_s,requests', ...body].join(eol) + (finalNewline ? eol : '');
  });

/** A valid per-request file: sorted times, duplicates allowed, blank lines allowed. */
const validRequests = fc
  .record({
    times: fc.array(fc.oneof(fc.nat(100_000), fc.double({ min: 0, max: 1e5, noNaN: true })), { maxLength: 30 }),
    blank: fc.boolean(),
    crlf: fc.boolean(),
  })
  .map(({ times, blank, crlf }) => {
    const body = [...times].sort((a, b) => a - b).map(String);
    if (blank && body.length > 1) body.splice(1, 0, '');
    return ['time_s', ...body].join(crlf ? '\r\n' : '\n') + '\n';
  });

const corrupted = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(valid, fc.array(corruption, { minLength: 1, maxLength: 3 })).map(([text, cs]) => corrupt(text, cs));

// ---------------------------------------------------------------------------------------------

describe('fuzz: readRateCsv returns a sound trace or throws TraceFormatError with a line in the file', () => {
  const property = (text: string): void => {
    const file = writeTemp(text, 'csv');
    let trace;
    try {
      trace = timed(() => readRateCsv(file));
    } catch (err) {
      expectTraceError(err, file, text);
      return;
    }
    expect(trace.counts.length).toBeGreaterThan(0);
    expect(Number.isFinite(trace.start)).toBe(true);
    expect(trace.bucket).toBeGreaterThan(0);
    // One tight loop, not an expect per bucket: a sparse file can make a long grid of empty buckets.
    const bad = trace.counts.findIndex((c) => !(Number.isFinite(c) && c >= 0));
    expect(bad, `bucket ${bad} holds ${trace.counts[bad]}`).toBe(-1);
  };

  it('valid files parse to the rows written, on their grid', () => {
    fc.assert(
      fc.property(validRateCsv, (text) => {
        const trace = readRateCsv(writeTemp(text, 'csv'));
        const rows = text.trim().split(/\r?\n/).slice(1).map((l) => l.split(',').map(Number));
        expect(trace.start).toBe(rows[0][0]);
        expect(trace.bucket).toBe(rows[1][0] - rows[0][0]);
        expect(trace.counts.length).toBe((rows[rows.length - 1][0] - rows[0][0]) / trace.bucket + 1);
        for (const [time, count] of rows) expect(trace.counts[(time - trace.start) / trace.bucket]).toBe(count);
      }),
      { numRuns: 50 },
    );
  });
  it('arbitrary text', () => fc.assert(fc.property(noisyText, property), { numRuns: RUNS }));
  it('near-valid files with corruptions', () =>
    fc.assert(fc.property(corrupted(validRateCsv), property), {
      numRuns: RUNS,
      // Found by this test before; always tried first so that it fails every time until fixed.
      examples: [['time_s,requests\n0,0\n1,0\n1e12,0\n']],
    }));
});

/**
 * Reads every request time of `file` (made of `text`), checking that times are finite and in order;
 * undefined when the reader rejected the file, after checking that it named a line in it.
 */
function readOrdered(file: string, text: string, options: { skipBadLines?: boolean }): { times: number[]; reader: RequestTimesReader } | undefined {
  const times: number[] = [];
  let reader: RequestTimesReader | undefined;
  try {
    timed(() => {
      reader = new RequestTimesReader(file, options);
      try {
        for (let t = reader.next(); t !== Infinity; t = reader.next()) {
          times.push(t);
          if (times.length > lineCount(text)) throw new Error('the reader returned more times than the file has lines');
        }
      } finally {
        reader.close();
      }
    });
  } catch (err) {
    expectTraceError(err, file, text);
    return undefined;
  }
  for (let i = 0; i < times.length; i++) {
    expect(Number.isFinite(times[i])).toBe(true);
    if (i > 0) expect(times[i]).toBeGreaterThanOrEqual(times[i - 1]);
  }
  return { times, reader: reader! };
}

describe('fuzz: RequestTimesReader yields sorted finite times or throws TraceFormatError with a line in the file', () => {
  const property = (text: string): void => {
    const file = writeTemp(text, 'txt');
    const read = readOrdered(file, text, {});
    if (read === undefined) return;
    const { times } = read;
    // The run's length and an offset's check come from the file's span; it must agree with the times streamed.
    if (times.length > 0) expect(scanRequestFile(file)).toMatchObject({ first: times[0], last: times[times.length - 1], requests: times.length });
  };

  it('valid files parse to the times written', () => {
    fc.assert(
      fc.property(validRequests, (text) => {
        const reader = new RequestTimesReader(writeTemp(text, 'txt'));
        const times: number[] = [];
        for (let t = reader.next(); t !== Infinity; t = reader.next()) times.push(t);
        reader.close();
        expect(times).toEqual(text.split(/\r?\n/).slice(1).filter((l) => l !== '').map(Number));
      }),
      { numRuns: 50 },
    );
  });
  it('arbitrary text', () => fc.assert(fc.property(noisyText.map((t) => `time_s\n${t}`), property), { numRuns: RUNS }));
  it('arbitrary text without a header', () => fc.assert(fc.property(noisyText, property), { numRuns: RUNS / 2 }));
  it('near-valid files with corruptions', () => fc.assert(fc.property(corrupted(validRequests), property), { numRuns: RUNS }));
});

// ---------------------------------------------------------------------------------------------
// Access logs: Common/Combined Log Format and ALB entries, read through the same reader.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A valid Common (or Combined) Log Format file: times that may step back within the reorder window, odd request strings. */
const validClfLog = fc
  .record({
    start: fc.integer({ min: 0, max: 3e8 }),
    steps: fc.array(fc.integer({ min: -50, max: 120 }), { minLength: 1, maxLength: 25 }),
    zone: fc.integer({ min: -12, max: 14 }),
    request: fc.constantFrom('"GET / HTTP/1.0"', '""', '"GET /a"b HTTP/1.0"', '"\\x16\\x03"', '"POST /cgi-bin/q?x=1,2 HTTP/1.1"'),
    combined: fc.boolean(),
    crlf: fc.boolean(),
  })
  .map(({ start, steps, zone, request, combined, crlf }) => {
    let t = start + 1e9;
    let latest = t;
    const lines = steps.map((step, i) => {
      // Never more than the default reorder window (60 s) before the latest time so far.
      t = Math.max(t + step, latest - 60);
      latest = Math.max(latest, t);
      const d = new Date((t + zone * 3600) * 1000);
      const stamp = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      const tail = combined ? ' "http://example.com/" "Mozilla/4.0 (compatible; MSIE 5.0)"' : '';
      return `host${i}.example.com - - [${stamp} ${zone < 0 ? '-' : '+'}${pad(Math.abs(zone))}00] ${request} 200 ${i}${tail}`;
    });
    return lines.join(crlf ? '\r\n' : '\n') + '\n';
  });

/** A valid ALB access log: lines of the shipped sample, in their order (which is out of order by up to a minute). */
const albSample = readFileSync(new URL('../scenarios/traces/alb_access_sample.log', import.meta.url), 'utf8').trim().split('\n');
const validAlbLog = fc.subarray(albSample, { minLength: 1 }).map((lines) => `${lines.join('\n')}\n`);

/** Pieces of access log lines, mixed with arbitrary text. */
const LOG_TOKENS = [
  '\n', '\n', ' ', ' ', '"', '"', '[', ']', '-', '-1', '0.000', '200', 'h - - ', '01/Jul/1995:00:00:01 -0400', '31/Feb/1995:24:61:61 +9999',
  '2018-07-02T22:23:00.186641Z', '2018-13-02T22:23:00Z', 'http', 'h2', 'https', '"GET / HTTP/1.1"', 'time_s', '\u0000', '\u00e9',
];
const noisyLog = fc.array(fc.oneof(fc.constantFrom(...LOG_TOKENS), fc.string({ maxLength: 3 })), { maxLength: 80 }).map((parts) => parts.join(''));

describe('fuzz: access logs yield arrivals in order or throw TraceFormatError with a line in the file', () => {
  const property =
    (skipBadLines: boolean) =>
    (text: string): void => {
      const file = writeTemp(text, 'log');
      const read = readOrdered(file, text, { skipBadLines });
      if (read === undefined) return;
      const { times, reader } = read;
      expect(times.length + reader.badLines).toBeLessThanOrEqual(lineCount(text));
    };

  it('valid logs parse whole', () => {
    fc.assert(
      fc.property(fc.oneof(validClfLog, validAlbLog), (text) => {
        const reader = new RequestTimesReader(writeTemp(text, 'log'));
        let n = 0;
        while (reader.next() !== Infinity) n++;
        reader.close();
        expect(n).toBe(text.trim().split('\n').length);
      }),
      { numRuns: 50 },
    );
  });
  it('arbitrary log-like text', () => fc.assert(fc.property(noisyLog, property(false)), { numRuns: RUNS }));
  it('near-valid logs with corruptions', () =>
    fc.assert(fc.property(corrupted(fc.oneof(validClfLog, validAlbLog)), property(false)), { numRuns: RUNS }));
  it('near-valid logs with corruptions, skipping bad lines', () =>
    fc.assert(fc.property(corrupted(fc.oneof(validClfLog, validAlbLog)), property(true)), { numRuns: RUNS }));
});

// ---------------------------------------------------------------------------------------------

describe('fuzz: parseScenario returns or throws ScenarioError whose every problem says something', () => {
  const traceFile = writeTemp('time_s,requests\n0,1\n60,2\n', 'csv');
  const requestsFile = writeTemp('time_s\n1\n2\n', 'txt');
  const SCENARIO_FILE = join(dir, 'fuzz.yaml');

  const property = (text: string): void => {
    try {
      timed(() => parseScenario(text, { file: SCENARIO_FILE, baseDir: dir }));
    } catch (err) {
      if (!(err instanceof ScenarioError)) throw err;
      expect(err.problems.length).toBeGreaterThan(0);
      for (const p of err.problems) {
        expect(p.file).toBe(SCENARIO_FILE);
        expect(typeof p.message).toBe('string');
        expect(p.message.trim()).not.toBe('');
        if (p.line !== undefined) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lineCount(text));
        }
      }
    }
  };

  /** Valid scenarios that between them use most keys of the format. */
  const BASES: readonly Record<string, unknown>[] = [
    {
      name: 'fuzz-poisson',
      description: 'all the optional keys',
      seed: 7,
      duration: '1h',
      warmup: '5m',
      workload: {
        arrivals: { type: 'poisson', rate: 20 },
        service_time: { dist: 'lognormal', median: '80ms', p99: '400ms' },
      },
      fleet: {
        instance_type: 'c7g.large',
        instances: 3,
        workers: 2,
        queue_limit: 100,
        request_timeout: '30s',
        availability_zones: ['us-east-1a', 'us-east-1b'],
      },
      load_balancer: { algorithm: 'random' },
      output: { period: '1m' },
    },
    {
      name: 'fuzz-trace',
      workload: {
        arrivals: { type: 'trace', file: traceFile, scale: 2, speedup: 1.5, loop: false, exact: true, offset: 0 },
        service_time: { dist: 'uniform', min: '10ms', max: '20ms' },
      },
      fleet: { instance_type: 'm7g.large', instances: 1 },
    },
    {
      name: 'fuzz-requests',
      duration: 90,
      workload: {
        arrivals: { type: 'requests', file: requestsFile, speedup: 1, offset: '1s' },
        service_time: { dist: 'empirical', values: [0.01, '20ms', '1s'] },
      },
      fleet: { instance_type: 't3.micro', instances: 1 },
    },
  ];

  type Json = unknown;
  type Mutation = { kind: 'replace' | 'delete' | 'add'; at: number; key: string; value: Json };
  const mutation: fc.Arbitrary<Mutation> = fc.record({
    kind: fc.constantFrom('replace', 'delete', 'add'),
    at: fc.nat(),
    key: fc.oneof(fc.constantFrom('name', 'duration', 'type', 'dist', 'instances', 'file', '__proto__', 'constructor', ''), fc.string({ maxLength: 8 })),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom('2 hours', '-5s', '0', '1e400', 'poisson', 'lognormal', 'm7g.xlarge', 'nowhere.csv', '', null, -1, 0, 0.5, 1e308),
    ),
  });

  /** Every container (object or array) in `value` with the path to it. */
  function containers(value: Json, path: (string | number)[] = []): { node: Record<string, Json> | Json[]; path: (string | number)[] }[] {
    if (value === null || typeof value !== 'object') return [];
    const out: { node: Record<string, Json> | Json[]; path: (string | number)[] }[] = [{ node: value as Record<string, Json>, path }];
    for (const [k, v] of Object.entries(value)) out.push(...containers(v, [...path, Array.isArray(value) ? Number(k) : k]));
    return out;
  }

  function mutate(base: Record<string, unknown>, mutations: readonly Mutation[]): Json {
    let root: Json = structuredClone(base);
    for (const m of mutations) {
      const all = containers(root);
      if (all.length === 0) {
        root = m.value;
        continue;
      }
      const { node } = all[m.at % all.length];
      const keys = Object.keys(node);
      if (m.kind === 'add' || keys.length === 0) {
        if (Array.isArray(node)) node.push(m.value);
        else Object.defineProperty(node, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
        continue;
      }
      const key = keys[m.at % keys.length];
      if (m.kind === 'delete') {
        if (Array.isArray(node)) node.splice(Number(key), 1);
        else delete node[key];
      } else if (Array.isArray(node)) {
        node[Number(key)] = m.value;
      } else {
        node[key] = m.value;
      }
    }
    return root;
  }

  /** Pieces of YAML syntax and scenario words. */
  const YAML_TOKENS = [
    '\n', '\n', '  ', '    ', ': ', ':', '- ', ', ', '[', ']', '{', '}', '"', "'", '#', '&a ', '*a', '*b', '!!str ', '!!int ', '!foo ',
    '? ', '|', '>', '---\n', '...\n', '%YAML 1.2\n', '<<: ', '~', 'null', 'true', '.inf', '.nan', '-1', '0', '2.5', '1e400', '10m', '2 hours',
    'name', 'duration', 'warmup', 'workload', 'arrivals', 'type', 'poisson', 'trace', 'requests', 'rate', 'file', 'service_time',
    'dist', 'lognormal', 'median', 'uniform', 'min', 'max', 'fleet', 'instance_type', 'm7g.xlarge', 'instances', '__proto__',
  ];
  const yamlish = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 120 }),
    fc.array(fc.oneof(fc.constantFrom(...YAML_TOKENS), fc.string({ maxLength: 3 })), { maxLength: 50 }).map((parts) => parts.join('')),
  );

  it('the unmutated bases are valid', () => {
    for (const base of BASES) {
      expect(() => parseScenario(JSON.stringify(base), { file: SCENARIO_FILE, baseDir: dir })).not.toThrow();
    }
  });
  it('random YAML-ish text', () =>
    // The examples were found by this test before; always tried first so that it fails every time until fixed.
    fc.assert(fc.property(yamlish, property), { numRuns: RUNS, examples: [['*a'], ['a: &a [1, 1]\nb: [*a, *a]\n']] }));
  it('random YAML-ish text after a valid scenario', () =>
    fc.assert(fc.property(fc.constantFrom(...BASES), yamlish, (base, tail) => property(`${JSON.stringify(base)}\n${tail}`)), {
      numRuns: RUNS / 2,
    }));
  it('valid scenarios with replaced, deleted and added keys', () =>
    fc.assert(
      fc.property(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (base, ms, pretty) =>
        property(JSON.stringify(mutate(base, ms), null, pretty ? 2 : undefined)),
      ),
      { numRuns: RUNS },
    ));
});

// ---------------------------------------------------------------------------------------------

describe('fuzz: parseDuration reads "<n><unit>" as n times the unit', () => {
  // Rule: durations are written as a number of seconds or a string with a unit (ms, s, m, h, d).
  const UNIT_SECONDS = { '': 1, ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 } as const;
  const unit = fc.constantFrom(...(Object.keys(UNIT_SECONDS) as (keyof typeof UNIT_SECONDS)[]));
  /** Non-negative numbers whose String() has no exponent (the format has none). */
  const n = fc.oneof(
    fc.nat(),
    fc.constantFrom(0, 0.5, 1.25, 90, 1e20),
    fc.double({ min: 1e-6, max: 1e20, noNaN: true }),
  );

  it('round-trips', () => {
    fc.assert(
      fc.property(n, unit, fc.constantFrom('', ' '), (value, u, space) => {
        expect(parseDuration(`${value}${space}${u}`)).toBe(value * UNIT_SECONDS[u]);
      }),
      { numRuns: RUNS },
    );
  });

  it('a number is seconds as is', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, noNaN: true }), (value) => {
        expect(parseDuration(value)).toBe(value);
      }),
      { numRuns: 50 },
    );
  });
});
