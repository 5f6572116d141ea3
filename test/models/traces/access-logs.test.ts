import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAlbLine } from '../../../src/models/workload/traces/alb-log.ts';
import { parseCommonLogLine } from '../../../src/models/workload/traces/common-log.ts';
import type { LogEntry } from '../../../src/models/workload/traces/log-entry.ts';
import { readRateCsv } from '../../../src/models/workload/traces/rate-csv.ts';
import { RequestTimesReader, type RequestFileOptions } from '../../../src/models/workload/traces/request-times.ts';
import { TraceFormatError } from '../../../src/models/workload/traces/trace-error.ts';
import { tempDir } from '../../helpers/run-cli.ts';

const trace = (name: string) => new URL(`../../../scenarios/traces/${name}`, import.meta.url).pathname;
const NASA = trace('nasa_19950701_access_excerpt.log');
const ALB = trace('alb_access_sample.log');

function readAll(file: string, options: RequestFileOptions = {}) {
  const reader = new RequestTimesReader(file, options);
  const times: number[] = [];
  const service: number[] = [];
  const lines: number[] = [];
  try {
    for (let t = reader.next(); t !== Infinity; t = reader.next()) {
      times.push(t);
      service.push(reader.serviceTime);
      lines.push(reader.line);
    }
  } finally {
    reader.close();
  }
  return { reader, times, service, lines };
}

function write(name: string, text: string | Buffer): string {
  const file = join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

function errorOf(f: () => unknown): TraceFormatError {
  try {
    f();
  } catch (err) {
    if (err instanceof TraceFormatError) return err;
    throw err;
  }
  throw new Error('expected a TraceFormatError');
}

const entry = (): LogEntry => ({ time: NaN, fraction: 0, service: NaN });

describe('Common Log Format: the NASA July 1995 log excerpt', () => {
  it('has the per-minute counts of the shipped 60 s trace, taken from an independent copy of the same log', () => {
    const { reader, times } = readAll(NASA);
    expect(reader.format).toBe('clf');
    // 00:00 EDT (-0400): the trace's t0 in scenarios/traces/README.md.
    expect(new Date(reader.origin * 1000).toISOString()).toBe('1995-07-01T04:00:00.000Z');
    const perMinute = [0, 0, 0];
    for (const t of times) perMinute[Math.floor(t / 60)]++;
    const csv = readFileSync(trace('nasa_jul95_60s.csv'), 'utf8').trim().split('\n').slice(1, 4);
    expect(perMinute).toEqual(csv.map((row) => Number(row.split(',')[1])));
    // One request per line, in the file's (sorted) order, with no service time recorded.
    expect(times).toHaveLength(readFileSync(NASA, 'utf8').trim().split('\n').length);
    expect(times[0]).toBe(1);
  });

  it('reads the zone offset, Combined Log Format tails and malformed request strings', () => {
    const e = entry();
    expect(parseCommonLogLine('h - - [01/Jul/1995:00:00:01 -0400] "GET / HTTP/1.0" 200 6245', e)).toBeUndefined();
    expect(e.time).toBe(Date.UTC(1995, 6, 1, 4, 0, 1) / 1000);
    expect(parseCommonLogLine('h - bob [13/Jul/1995:08:30:00 +0530] "GET /a HTTP/1.1" 200 1 "http://r/" "Mozilla/4.0 (compatible)"', e)).toBeUndefined();
    expect(e.time).toBe(Date.UTC(1995, 6, 13, 3, 0, 0) / 1000);
    // Real logs hold requests like these: the time is all that is read.
    for (const request of ['""', '"GET /shuttle/countdown/ "HTTP/1.0"', '"\u00e9\u00e8 \\x16\\x03"']) {
      expect(parseCommonLogLine(`h - - [01/Jul/1995:00:00:01 -0400] ${request} 400 -`, e)).toBeUndefined();
    }
    expect(Number.isNaN(e.service)).toBe(true);
  });

  it('rejects impossible dates and lines without a bracketed time, saying why', () => {
    const e = entry();
    expect(parseCommonLogLine('h - - [31/Jun/1995:00:00:01 -0400] "GET /" 200 1', e)).toMatch(/31\/Jun\/1995.*not a date/);
    expect(parseCommonLogLine('h - - [01/Jux/1995:00:00:01 -0400] "GET /" 200 1', e)).toMatch(/not a date/);
    expect(parseCommonLogLine('h - - [01/Jul/1995:24:00:01 -0400] "GET /" 200 1', e)).toMatch(/not a date/);
    expect(parseCommonLogLine('h - - 01/Jul/1995:00:00:01 "GET /" 200 1', e)).toMatch(/Common Log Format/);
  });
});

/** An oracle independent of the parser: the ISO time after matched_rule_priority (epoch ms), and target_processing_time. */
function albOracle(line: string): { createdMs: number; target: number } {
  const m = /^\S+ \S+ \S+ \S+ \S+ \S+ (\S+) .* (?:\d+|-1|-) (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z) "/.exec(line);
  if (!m) throw new Error(`test bug: ${line}`);
  return { createdMs: Date.parse(m[2]), target: Number(m[1]) };
}

describe('ALB access log: the hand-written sample in AWS field order', () => {
  const lines = readFileSync(ALB, 'utf8').trim().split('\n');

  it('arrivals are request_creation_time in arrival order, service times are target_processing_time (-1: none)', () => {
    const { reader, times, service, lines: lineOf } = readAll(ALB);
    expect(reader.format).toBe('alb');
    const t0 = Date.parse('2026-03-02T14:00:00Z');
    expect(reader.origin).toBe(t0 / 1000);
    // The file is in answer order; the requests come out sorted by arrival, each with its own line's service time.
    const expected = lines.map((l, i) => ({ ...albOracle(l), line: i + 1 })).sort((a, b) => a.createdMs - b.createdMs || a.line - b.line);
    expect(lineOf).toEqual(expected.map((x) => x.line));
    expect(lineOf).not.toEqual([...lineOf].sort((a, b) => a - b));
    times.forEach((t, i) => expect(t).toBeCloseTo((expected[i].createdMs - t0) / 1000, 9));
    service.forEach((s, i) => (expected[i].target < 0 ? expect(s).toBeNaN() : expect(s).toBe(expected[i].target)));
    // Every request type of the sample is read: HTTP, HTTPS, HTTP/2, WebSockets.
    expect(new Set(lines.map((l) => l.split(' ')[0]))).toEqual(new Set(['http', 'https', 'h2', 'wss']));
    expect(service.filter((s) => Number.isNaN(s))).toHaveLength(lines.filter((l) => albOracle(l).target < 0).length);
  });

  it('ignores fields AWS appends later, and reads older entries that end at request_creation_time', () => {
    const full = lines[0];
    const e = entry();
    expect(parseAlbLine(`${full} "newfield" 42`, e)).toBeUndefined();
    const older = full.slice(0, full.indexOf(' "forward"'));
    expect(parseAlbLine(older, e)).toBeUndefined();
    expect(e.time * 1000 + e.fraction * 1000).toBeCloseTo(albOracle(full).createdMs, 3);
  });

  it('rejects an entry with too few fields or a bad time, saying what was expected', () => {
    const e = entry();
    const fields = lines[0].split(' ');
    expect(parseAlbLine(fields.slice(0, 12).join(' '), e)).toMatch(/found 12 fields; expected at least 22/);
    expect(parseAlbLine(lines[0].replace('2026-03-02T14:00:00.412000Z', '2026-02-30T14:00:00.412000Z'), e)).toMatch(/request_creation_time .* not an ISO 8601/);
    expect(parseAlbLine(lines[0].replace(' 0.043 ', ' fast '), e)).toMatch(/target_processing_time "fast"/);
  });
});

describe('order, bad lines and gzip', () => {
  const clf = (second: number, request = '"GET / HTTP/1.0"') => `h - - [01/Jul/1995:00:00:${String(second).padStart(2, '0')} -0400] ${request} 200 1`;

  it('sorts lines back within the reorder window, keeping the file order of equal times, and rejects one further back with its line', () => {
    const file = write('a.log', [clf(10), clf(5), clf(12), clf(5), clf(40)].join('\n'));
    const { times, lines } = readAll(file);
    expect(times).toEqual([5, 5, 10, 12, 40]);
    expect(lines).toEqual([2, 4, 1, 3, 5]);
    const err = errorOf(() => readAll(file, { reorderWindow: 4 }));
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/earlier than line 1 .*reorder window \(4 s\)/);
  });

  it('a malformed line stops the read with its number; with skipBadLines it is counted instead', () => {
    const text = [clf(1), 'garbage', clf(2), clf(3).replace('[01/Jul', '[41/Jul'), clf(4), ''].join('\n');
    const file = write('b.log', text);
    const err = errorOf(() => readAll(file));
    expect(err.line).toBe(2);
    expect(err.message).toContain(`${file}:2:`);
    const { reader, times } = readAll(file, { skipBadLines: true });
    expect(times).toEqual([1, 2, 4]);
    expect(reader.badLines).toBe(2);
  });

  it('reads a gzip file as a stream, known by its first bytes whatever its name, with the same requests as the plain file', () => {
    const plain = readAll(NASA).times;
    const bytes = gzipSync(readFileSync(NASA));
    for (const name of ['nasa.log.gz', 'nasa.log']) {
      const { reader, times } = readAll(write(name, bytes));
      expect(reader.gzip).toBe(true);
      expect(times).toEqual(plain);
    }
  });

  it('reads a gzip rate CSV the same as the plain one', () => {
    const csv = trace('nasa_jul95_60s.csv');
    const packed = readRateCsv(write('rates.csv.gz', gzipSync(readFileSync(csv))));
    const plain = readRateCsv(csv);
    expect(packed.bucket).toBe(plain.bucket);
    expect(packed.counts).toEqual(plain.counts);
  });

  it('a gzip file cut short is an error naming the file', () => {
    const bytes = gzipSync(readFileSync(NASA));
    const file = write('cut.log.gz', bytes.subarray(0, Math.floor(bytes.length / 2)));
    const err = errorOf(() => readAll(file));
    expect(err.file).toBe(file);
    expect(err.message).toMatch(/cannot decompress/);
  });

  it('a gzip file cut or corrupted anywhere gives its requests or a TraceFormatError, never a hang', () => {
    const bytes = gzipSync(readFileSync(NASA));
    const plain = readAll(NASA).times;
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.option(fc.nat(255)), (at, flip) => {
        const damaged = Buffer.from(flip === null ? bytes.subarray(0, at) : bytes);
        if (flip !== null) damaged[at] ^= flip || 1;
        const start = performance.now();
        try {
          const { times } = readAll(write('damaged.log.gz', damaged));
          // No error: the gzip CRC-32 held, so these are the log's requests.
          expect(times).toEqual(plain);
        } catch (err) {
          if (!(err instanceof TraceFormatError)) throw err;
        }
        expect(performance.now() - start).toBeLessThan(2000);
      }),
      { numRuns: 15 },
    );
  });

  it('tells the format from the first non-empty line, and names that line when none fits', () => {
    expect(readAll(write('c.txt', '\n\ntime_s\n1\n')).reader.format).toBe('times');
    const err = errorOf(() => readAll(write('d.txt', '\n  \nhello world\n')));
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/found "hello world"; expected the header "time_s".*Common Log Format.*ALB access log/);
  });
});
