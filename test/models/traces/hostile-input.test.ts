import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineReader } from '../../../src/models/workload/traces/line-reader.ts';
import { readRateCsv } from '../../../src/models/workload/traces/rate-csv.ts';
import { RequestTimesReader } from '../../../src/models/workload/traces/request-times.ts';
import { TraceFormatError } from '../../../src/models/workload/traces/trace-error.ts';
import { MAX_LINE_CHARS, MAX_TRACE_REQUESTS, MAX_TRACE_TIME } from '../../../src/models/workload/traces/trace-limits.ts';
import { loadScenario } from '../../../src/scenario/load.ts';
import { ScenarioError } from '../../../src/scenario/scenario-error.ts';
import { tempDir } from '../../helpers/run-cli.ts';

/*
 * Rule: a hostile or extreme trace file (a line of megabytes, a gzip bomb, a device, UTF-16 text,
 * counts near the largest double) gets a clear TraceFormatError in bounded time and memory.
 */

function write(name: string, text: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

/** The error reading `file` whole with `read` throws; fails when it reads without one. */
function errorOf(read: () => void): TraceFormatError {
  try {
    read();
  } catch (err) {
    if (err instanceof TraceFormatError) return err;
    throw err;
  }
  throw new Error('read without an error');
}

const readLines = (file: string) => () => {
  const reader = new LineReader(file);
  try {
    while (reader.next() !== undefined);
  } finally {
    reader.close();
  }
};

const readRequests = (file: string) => () => {
  const reader = new RequestTimesReader(file);
  try {
    while (reader.next() !== Infinity);
  } finally {
    reader.close();
  }
};

describe('long lines', () => {
  it('a line of 5 MB is refused at the line limit, with its number and a short excerpt', () => {
    const file = write('long.txt', `time_s\n1\n${'7'.repeat(5_000_000)}\n2\n`);
    const err = errorOf(readRequests(file));
    expect(err.line).toBe(3);
    expect(err.problem).toContain(`longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters`);
    expect(err.message.length).toBeLessThan(300);
  });

  it('a line just under the limit is read whole', () => {
    const line = 'x'.repeat(MAX_LINE_CHARS);
    const reader = new LineReader(write('edge.txt', `a\n${line}\r\nb`));
    expect([reader.next(), reader.next()?.length, reader.next(), reader.next()]).toEqual(['a', MAX_LINE_CHARS, 'b', undefined]);
  });

  it('a gzip bomb without a newline (50 MB of one byte) stops at the line limit', () => {
    // Gzip members may be concatenated: fifty 1 MB members make a 50 MB stream from a small file.
    const member = gzipSync(Buffer.alloc(1 << 20, 'a'));
    const file = write('bomb.gz', Buffer.concat(Array.from({ length: 50 }, () => member)));
    const err = errorOf(readLines(file));
    expect(err.line).toBe(1);
    expect(err.problem).toMatch(/longer than .* characters.*starts "a{59}…"$/);
  });

  it('a bad cell or line of 100,000 characters is quoted as a short excerpt in every format', () => {
    const long = 'z'.repeat(100_000);
    const files = [
      write('a.csv', `time_s,requests\n0,1\n${long},2\n`),
      write('b.csv', `time_s,requests\n0,${long}\n`),
      write('c.csv', `time_s,requests\n0,1,${long}\n`),
      write('d.csv', `${long}\n0,1\n`),
      write('e.txt', `time_s\n${long}\n`),
      write('f.log', `h - - [01/Jul/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 1\n${long}\n`),
    ];
    for (const file of files) {
      const err = errorOf(file.endsWith('.csv') ? () => readRateCsv(file) : readRequests(file));
      expect(err.message.length, err.message.slice(0, 200)).toBeLessThan(400);
    }
  });

  it('control characters in a quoted excerpt are escaped', () => {
    const err = errorOf(readRequests(write('esc.txt', 'time_s\n\u001b[2J\n')));
    expect(err.problem).toContain('"\\x1b[2J"');
  });
});

describe('fuzz: the line reader gives the lines of a plain split, across chunk boundaries, or refuses an over-long line', () => {
  // Runs of 20,000 to 300,000 characters cross the reader's 64 KB chunks; a few pass the line limit.
  const piece = fc.oneof(
    fc.constantFrom('\n', '\r\n', '\r', ',', 'é', '😀', '\uFEFF', 'time_s'),
    fc.string({ maxLength: 5 }),
    fc.tuple(fc.constantFrom('x', 'é', '😀', '\r'), fc.integer({ min: 20_000, max: 300_000 })).map(([c, n]) => c.repeat(n)),
  );
  it('arbitrary text with long runs', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const file = write('lines.txt', text);
        const expected = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n').map((l) => l.replace(/\r$/, ''));
        if (text === '') expected.pop();
        if (expected.length > 0) expected[0] = expected[0].replace(/^\uFEFF/, '');
        const tooLong = expected.findIndex((l) => l.length > MAX_LINE_CHARS);
        const reader = new LineReader(file);
        const lines: string[] = [];
        try {
          for (let l = reader.next(); l !== undefined; l = reader.next()) lines.push(l);
        } catch (err) {
          if (!(err instanceof TraceFormatError)) throw err;
          expect(err.line).toBe(tooLong + 1);
          return;
        } finally {
          reader.close();
        }
        expect(tooLong).toBe(-1);
        expect(lines.length).toBe(expected.length);
        expect(lines.every((l, i) => l === expected[i])).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('files that are not regular text files', () => {
  it('/dev/zero is named a character device and refused before it is read', () => {
    expect(errorOf(readLines('/dev/zero')).problem).toMatch(/^is a character device; expected a trace file/);
    expect(errorOf(() => readRateCsv('/dev/zero')).problem).toMatch(/character device/);
  });

  it('a named pipe is refused without waiting for a writer', () => {
    const fifo = join(tempDir(), 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(errorOf(readLines(fifo)).problem).toMatch(/^is a named pipe \(FIFO\)/);
  });

  it('a scenario file or a scenario trace file that is a device is named as such', () => {
    const problemsOf = (f: () => void) => {
      try {
        f();
      } catch (err) {
        if (err instanceof ScenarioError) return err.problems.map((p) => p.message).join('\n');
        throw err;
      }
      throw new Error('loaded without an error');
    };
    expect(problemsOf(() => loadScenario('/dev/zero'))).toBe('is a character device; expected a scenario file');
    const scenario = write(
      's.yaml',
      'name: s\nworkload:\n  arrivals: { type: trace, file: /dev/null }\n  service_time: { dist: constant, value: 1ms }\nfleet: { instance_type: m7g.large, instances: 1 }\n',
    );
    const message = problemsOf(() => loadScenario(scenario));
    expect(message).toContain('is a character device; expected a trace file');
    expect(message).not.toContain('folder');
  });

  const utf16 = (text: string, bom: boolean, order: 'le' | 'be') => {
    const le = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
    return order === 'le' ? le : Buffer.from(le.map((_, i) => le[i ^ 1]));
  };

  it.each([
    ['LE with a byte-order mark', true, 'le', 'UTF-16 LE text (by its byte-order mark)'],
    ['BE with a byte-order mark', true, 'be', 'UTF-16 BE text (by its byte-order mark)'],
    ['LE without one', false, 'le', 'UTF-16 LE text (every other byte NUL)'],
    ['BE without one', false, 'be', 'UTF-16 BE text (every other byte NUL)'],
  ] as const)('UTF-16 %s is named as such, in traces, gzip traces and scenario files', (_name, bom, order, words) => {
    const csv = utf16('time_s,requests\r\n0,1\r\n60,2\r\n', bom, order);
    expect(errorOf(() => readRateCsv(write('u.csv', csv))).problem).toContain(words);
    expect(errorOf(() => readRateCsv(write('u.csv.gz', gzipSync(csv)))).problem).toContain(words);
    expect(errorOf(readRequests(write('u.txt', utf16('time_s\n1\n2\n', bom, order)))).problem).toContain(words);
    const yaml = write('s.yaml', utf16('name: s\nduration: 1m\n', bom, order));
    expect(() => loadScenario(yaml)).toThrow(words);
  });

  it('a UTF-8 byte-order mark is skipped, even on a file of one line without a newline', () => {
    expect(readRateCsv(write('bom.csv', '\uFEFFtime_s,requests\n0,5\n')).counts).toEqual(Float64Array.of(5));
    const reader = new LineReader(write('bom.txt', '\uFEFFtime_s'));
    expect(reader.next()).toBe('time_s');
  });

  it('a binary file is refused by its NUL bytes', () => {
    expect(errorOf(readLines(write('bin', Buffer.from([0x74, 0x69, 0, 0x01, 0x02, 0x03, 0x0a])))).problem).toBe(
      'holds NUL bytes (the first at byte 3): a binary file, not text',
    );
  });
});

describe('numbers at the limits', () => {
  it('rate CSV counts that would sum past the limit are refused at the row that passes it, naming the limit and why', () => {
    const err = errorOf(() => readRateCsv(write('big.csv', 'time_s,requests\n0,1e308\n1,1e308\n')));
    expect(err.line).toBe(2);
    expect(err.problem).toContain(`at most ${MAX_TRACE_REQUESTS} are accepted`);
    expect(err.problem).toContain('ten days');
    const sum = errorOf(() => readRateCsv(write('sum.csv', 'time_s,requests\n0,6e11\n1,6e11\n')));
    expect(sum.line).toBe(3);
    expect(readRateCsv(write('ok.csv', 'time_s,requests\n0,5e11\n1,5e11\n')).counts).toEqual(Float64Array.of(5e11, 5e11));
  });

  it('times past the time limit are refused in rate CSVs and time_s files; times at it are read', () => {
    for (const t of [1e308, -1.7e308, 2 * MAX_TRACE_TIME]) {
      expect(errorOf(() => readRateCsv(write('t.csv', `time_s,requests\n0,1\n${t},1\n`))).problem).toContain('out of range');
      expect(errorOf(readRequests(write('t.txt', `time_s\n-1\n${t}\n`))).problem).toContain(`at most ${MAX_TRACE_TIME} s`);
    }
    const reader = new RequestTimesReader(write('edge.txt', `time_s\n${-MAX_TRACE_TIME}\n${MAX_TRACE_TIME}\n`));
    expect([reader.next(), reader.next(), reader.next()]).toEqual([-MAX_TRACE_TIME, MAX_TRACE_TIME, Infinity]);
  });

  it('an ALB target_processing_time of 400 digits (Infinity as a double) is refused', () => {
    const entry =
      'http 2018-07-02T22:23:00.186641Z app/lb/50dc 192.168.131.39:2817 10.0.0.1:80 0.000 X 0.000 200 200 34 366 ' +
      '"GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:tg "Root=1-5" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward"';
    expect(readRequests(write('ok.log', `${entry.replace('X', '0.001')}\n`))).not.toThrow();
    const err = errorOf(readRequests(write('alb.log', `${entry.replace('X', '0.001')}\n${entry.replace('X', '9'.repeat(400))}\n`)));
    expect(err.line).toBe(2);
    expect(err.problem).toMatch(/^target_processing_time "9{59}…" is too large/);
  });

  it('fuzz: rate CSVs of extreme numbers give a trace of finite counts summing within the limit, or a TraceFormatError', () => {
    const extreme = fc.oneof(
      fc.double({ noNaN: true }),
      fc.constantFrom(0, 1, 1e11, 1e12, 1e13, 1e300, Number.MAX_VALUE, Number.MIN_VALUE, -0, 2 ** 53 + 1),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(extreme, extreme), { minLength: 1, maxLength: 8 }), (rows) => {
        const text = `time_s,requests\n${rows.map(([t, c]) => `${t},${c}`).join('\n')}\n`;
        let trace;
        try {
          trace = readRateCsv(write('x.csv', text));
        } catch (err) {
          if (!(err instanceof TraceFormatError)) throw err;
          expect(err.message.length).toBeLessThan(400);
          return;
        }
        const total = trace.counts.reduce((a, b) => a + b, 0);
        expect(Number.isFinite(total) && total <= MAX_TRACE_REQUESTS).toBe(true);
        expect(Number.isFinite(trace.bucket) && trace.bucket > 0).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('memory', () => {
  /** Peak resident memory of a child node process that reads `file` with `reader`; and what it printed. */
  function readInChild(file: string, reader: 'readRateCsv' | 'requests'): { maxRssMB: number; result: string } {
    const source = new URL(reader === 'readRateCsv' ? '../../../src/models/workload/traces/rate-csv.ts' : '../../../src/models/workload/traces/request-times.ts', import.meta.url).pathname;
    const script = `
      const m = await import(${JSON.stringify(source)});
      let result;
      try {
        if (${JSON.stringify(reader)} === 'readRateCsv') result = 'buckets ' + m.readRateCsv(process.argv[1]).counts.length;
        else result = 'requests ' + m.scanRequestFile(process.argv[1]).requests;
      } catch (err) {
        result = err.name + ': ' + err.message;
      }
      console.log(JSON.stringify({ maxRssMB: process.resourceUsage().maxRSS / 1024, result }));
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], { encoding: 'utf8' });
    expect(child.stderr).toBe('');
    return JSON.parse(child.stdout);
  }

  /** A sparse file of `bytes` bytes starting with `head`: the rest reads as NUL bytes and takes no disk space. */
  function sparseFile(name: string, head: string, bytes: number): string {
    const file = join(tempDir(), name);
    const fd = openSync(file, 'w');
    writeSync(fd, head);
    ftruncateSync(fd, bytes);
    closeSync(fd);
    return file;
  }

  // Budget: node with the TypeScript loader takes about 60 MB before reading anything; a reader
  // holds a 64 KB chunk and at most one line of MAX_LINE_CHARS (2 MB as a string, a few copies while split).
  const BUDGET_MB = 150;
  const rows = Array.from({ length: 20_000 }, (_, i) => `${i},${i % 7}`).join('\n');

  it(`a 10 GB rate CSV (valid rows, then NUL bytes) is refused at its line limit within ${BUDGET_MB} MB`, () => {
    const { maxRssMB, result } = readInChild(sparseFile('big.csv', `time_s,requests\n${rows}\n`, 10e9), 'readRateCsv');
    expect(result).toMatch(/big\.csv:20002: line longer than 1,000,000 characters/);
    expect(maxRssMB).toBeLessThan(BUDGET_MB);
  });

  it(`a 10 GB per-request file of NUL bytes is refused at its first chunk within ${BUDGET_MB} MB`, () => {
    const { maxRssMB, result } = readInChild(sparseFile('big.txt', '', 10e9), 'requests');
    expect(result).toContain('big.txt: holds NUL bytes (the first at byte 1)');
    expect(maxRssMB).toBeLessThan(BUDGET_MB);
  });
});
