import { quoteExcerpt } from '../../../text/truncate.ts';
import { LineReader } from './line-reader.ts';
import type { LogEntry } from './log-entry.ts';
import { ReorderBuffer } from './reorder-buffer.ts';
import {
  DEFAULT_REORDER_WINDOW,
  detectFormat,
  FORMATS_EXPECTED,
  PARSERS,
  REQUESTS_HEADER,
  WALL_CLOCK,
  type RequestLogFormat,
} from './request-log-format.ts';
import { TraceFormatError } from './trace-error.ts';

export interface RequestFileOptions {
  /** Default: told by the first non-empty line. */
  readonly format?: RequestLogFormat;
  /** Count and skip malformed and out-of-order lines instead of stopping at the first. */
  readonly skipBadLines?: boolean;
  /** How many seconds a line's time may lie before a time already read; default per format. */
  readonly reorderWindow?: number;
}

/**
 * Streams the requests of a per-request file in arrival order: a `time_s` file (header `time_s`,
 * one time per line), a Common or Combined Log Format log, or an ALB access log. Lines out of order
 * by at most the reorder window are sorted back in bounded memory; a line further back is an error.
 * Trace time is the file's own for time_s files; for access logs, trace time 0 is the start of the
 * (UTC) minute of the earliest request.
 */
export class RequestTimesReader {
  readonly format: RequestLogFormat;
  private readonly reorderWindow: number;
  /** Whether lines carry wall-clock times (access logs). */
  readonly wallClock: boolean;
  /** Lines skipped so far (skipBadLines). */
  badLines = 0;
  /** Observed service time of the request last returned, seconds; NaN when its line records none. */
  serviceTime = NaN;
  /** Line of the request last returned. */
  line = 0;
  /** Trace time 0 relative to `base`: the start of the minute of an access log's earliest request. */
  private first = NaN;
  private readonly reader: LineReader;
  private readonly parse: (line: string, entry: LogEntry) => string | undefined;
  private readonly skipBadLines: boolean;
  private readonly pending = new ReorderBuffer();
  private readonly entry: LogEntry = { time: NaN, fraction: 0, service: NaN };
  /** Whole epoch seconds of the first line of an access log: times are kept relative to it, to the microsecond. */
  private base = NaN;
  /** Latest time read so far, and its line. */
  private latest = -Infinity;
  private latestLine = 0;
  /** A data line read to tell the format, still to be parsed. */
  private held: string | undefined;
  private eof = false;

  constructor(
    readonly file: string,
    options: RequestFileOptions = {},
  ) {
    this.reader = new LineReader(file);
    try {
      let first = this.reader.next();
      while (first !== undefined && first.trim() === '') first = this.reader.next();
      if (first === undefined) {
        throw new TraceFormatError(file, undefined, `empty file; expected ${options.format === 'times' ? `the header "${REQUESTS_HEADER}"` : FORMATS_EXPECTED}`);
      }
      const format = options.format ?? detectFormat(first);
      if (format === undefined) throw new TraceFormatError(file, this.reader.lineNumber, `found ${quoteExcerpt(first)}; expected ${FORMATS_EXPECTED}`);
      if (format === 'times') {
        if (first.trim() !== REQUESTS_HEADER) {
          throw new TraceFormatError(file, this.reader.lineNumber, `found header ${quoteExcerpt(first)}; expected "${REQUESTS_HEADER}"`);
        }
      } else {
        this.held = first;
      }
      this.format = format;
    } catch (err) {
      this.reader.close();
      throw err;
    }
    this.parse = PARSERS[this.format];
    this.wallClock = WALL_CLOCK[this.format];
    this.skipBadLines = options.skipBadLines ?? false;
    this.reorderWindow = options.reorderWindow ?? DEFAULT_REORDER_WINDOW[this.format];
  }

  /** Epoch seconds of trace time 0 (the start of the earliest request's minute) of an access log; 0 for time_s files, NaN before the first request. */
  get origin(): number {
    // For time_s files base and first are both 0 once a request has been read.
    return this.base + this.first;
  }

  /** Whether the file was gzip-compressed. */
  get gzip(): boolean {
    return this.reader.gzip;
  }

  /** The next arrival time in trace seconds, or Infinity at the end of the file. */
  next(): number {
    const pending = this.pending;
    for (;;) {
      if (pending.size > 0 && (this.eof || pending.minTime <= this.latest - this.reorderWindow)) {
        const p = pending.pop();
        // Whole minutes: `trace convert` buckets then fall on the log's own clock minutes.
        if (Number.isNaN(this.first)) this.first = this.wallClock ? Math.floor((this.base + p.time) / 60) * 60 - this.base : 0;
        this.serviceTime = p.service;
        this.line = p.line;
        return p.time - this.first;
      }
      if (this.eof) return Infinity;
      this.readLine();
    }
  }

  close(): void {
    this.reader.close();
  }

  private readLine(): void {
    let line = this.held;
    this.held = undefined;
    line ??= this.reader.next();
    if (line === undefined) {
      this.eof = true;
      return;
    }
    if (line.trim() === '') return;
    const n = this.reader.lineNumber;
    const problem = this.parse(line, this.entry);
    if (problem !== undefined) return this.bad(n, problem);
    if (Number.isNaN(this.base)) this.base = this.wallClock ? this.entry.time : 0;
    const t = this.entry.time - this.base + this.entry.fraction;
    if (t < this.latest - this.reorderWindow) {
      const w = this.reorderWindow;
      return this.bad(
        n,
        `${this.describe(t)} is earlier than line ${this.latestLine} (${this.describe(this.latest)})` +
          (w === 0 ? '; times must be sorted' : ` by more than the reorder window (${w} s): lines must be sorted to within it; sort the file or widen reorder_window`),
      );
    }
    this.pending.push(t, this.entry.service, n);
    if (t > this.latest) {
      this.latest = t;
      this.latestLine = n;
    }
  }

  private bad(line: number, problem: string): void {
    if (!this.skipBadLines) throw new TraceFormatError(this.file, line, problem);
    this.badLines++;
  }

  private describe(t: number): string {
    return this.wallClock ? new Date((this.base + t) * 1000).toISOString() : `time_s ${t}`;
  }
}

/** A per-request file read whole. */
export interface RequestFileScan {
  readonly requests: number;
  /** First arrival, trace seconds. */
  readonly first: number;
  /** Last arrival, trace seconds. */
  readonly last: number;
  /** Requests whose line records a service time, and the sum of those times. */
  readonly served: number;
  readonly serviceSum: number;
}

/**
 * Reads a whole per-request file through the same checks as the replay, so that a run without a
 * duration finds every bad line, with its number, before it starts.
 */
export function scanRequestFile(file: string, options: RequestFileOptions = {}): RequestFileScan {
  const reader = new RequestTimesReader(file, options);
  let first = NaN;
  let last = -Infinity;
  let requests = 0;
  let served = 0;
  let serviceSum = 0;
  try {
    for (let t = reader.next(); t !== Infinity; t = reader.next()) {
      if (requests === 0) first = t;
      last = t;
      requests++;
      if (!Number.isNaN(reader.serviceTime)) {
        served++;
        serviceSum += reader.serviceTime;
      }
    }
  } finally {
    reader.close();
  }
  if (requests === 0) throw new TraceFormatError(file, undefined, reader.format === 'times' ? 'no arrival times after the header' : 'no requests in the file');
  return { requests, first, last, served, serviceSum };
}
