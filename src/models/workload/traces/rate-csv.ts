import { quoteExcerpt } from '../../../text/truncate.ts';
import { LineReader } from './line-reader.ts';
import { TraceFormatError } from './trace-error.ts';
import { MAX_BUCKETS, MAX_TRACE_REQUESTS, MAX_TRACE_TIME, timeOutOfRange } from './trace-limits.ts';

/** A rate trace: how many requests arrived in each of a run of equal buckets. */
export interface RateTrace {
  readonly file: string;
  /** Trace time of the first bucket's start, seconds. */
  readonly start: number;
  /** Bucket width, seconds. */
  readonly bucket: number;
  /** Requests per bucket; buckets missing from the file are 0. */
  readonly counts: Float64Array;
}

export const RATE_CSV_HEADER = 'time_s,requests';

/**
 * Reads a `time_s,requests` CSV. Bucket starts must increase and sit on one grid (the step between
 * the first two rows); rows missing from the grid count as empty buckets. Rows go straight into
 * the grid as they stream in, so a file past a limit is refused at the row that passes it,
 * holding at most the grid in memory.
 */
export function readRateCsv(file: string): RateTrace {
  const reader = new LineReader(file);
  try {
    const header = reader.next();
    if (header === undefined) throw new TraceFormatError(file, undefined, `empty file; expected the header "${RATE_CSV_HEADER}"`);
    if (header.replace(/\s+/g, '') !== RATE_CSV_HEADER) {
      throw new TraceFormatError(file, 1, `found header ${quoteExcerpt(header)}; expected "${RATE_CSV_HEADER}"`);
    }
    let grid = new Float64Array(1024);
    let buckets = 0;
    let start = NaN;
    let bucket = NaN;
    let previous = NaN;
    let total = 0;
    for (let line = reader.next(); line !== undefined; line = reader.next()) {
      // One comma found by position rather than a split into cells: a week of 1-second buckets is
      // 600,000 rows, and splitting and trimming each took most of the time spent reading it.
      const comma = line.indexOf(',');
      if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
        if (line.trim() === '') continue;
        const fields = line.split(',').length;
        throw new TraceFormatError(file, reader.lineNumber, `found ${fields} fields in ${quoteExcerpt(line)}; expected 2 (time_s,requests)`);
      }
      const t = parseNumber(line.slice(0, comma));
      const c = parseNumber(line.slice(comma + 1));
      if (!Number.isFinite(t)) throw new TraceFormatError(file, reader.lineNumber, `time_s ${quoteExcerpt(line.slice(0, comma).trim())} is not a number`);
      if (Math.abs(t) > MAX_TRACE_TIME) throw new TraceFormatError(file, reader.lineNumber, timeOutOfRange(t));
      if (!Number.isFinite(c) || c < 0) {
        throw new TraceFormatError(file, reader.lineNumber, `requests ${quoteExcerpt(line.slice(comma + 1).trim())} is not a non-negative number`);
      }
      if (t <= previous) throw new TraceFormatError(file, reader.lineNumber, `time_s ${t} does not increase (previous row: ${previous})`);
      if (Number.isNaN(start)) start = t;
      else if (Number.isNaN(bucket)) bucket = t - start;
      const slot = buckets === 0 ? 0 : gridSlot(file, reader.lineNumber, t, start, bucket);
      total += c;
      if (total > MAX_TRACE_REQUESTS) {
        throw new TraceFormatError(
          file,
          reader.lineNumber,
          `requests ${c} brings the trace to ${total} requests; at most ${MAX_TRACE_REQUESTS} are accepted (at about a million simulated requests a second, a replay of more would take over ten days): scale the counts down`,
        );
      }
      if (slot >= grid.length) {
        const wider = new Float64Array(Math.min(MAX_BUCKETS, Math.max(slot + 1, grid.length * 2)));
        wider.set(grid);
        grid = wider;
      }
      grid[slot] = c;
      buckets = slot + 1;
      previous = t;
    }
    if (buckets === 0) throw new TraceFormatError(file, undefined, 'no data rows after the header');
    return { file, start, bucket: buckets === 1 ? 1 : bucket, counts: grid.subarray(0, buckets) };
  } finally {
    reader.close();
  }
}

/** The bucket that a row at `t` fills on the grid of the first two rows; an error when off the grid or past MAX_BUCKETS. */
function gridSlot(file: string, line: number, t: number, start: number, bucket: number): number {
  const k = (t - start) / bucket;
  const slot = Math.round(k);
  if (!(slot < MAX_BUCKETS)) {
    throw new TraceFormatError(
      file,
      line,
      `time_s ${t} puts the trace ${slot + 1} buckets of ${bucket} s long (the step of the first two rows); at most ${MAX_BUCKETS} are accepted: use wider buckets`,
    );
  }
  if (Math.abs(k - slot) > 1e-6) throw new TraceFormatError(file, line, `time_s ${t} is not on the ${bucket} s grid that the first two rows set`);
  return slot;
}

/** The cell's number, surrounding blanks allowed; NaN for a blank cell (which Number() reads as 0). */
function parseNumber(cell: string): number {
  const v = Number(cell);
  return v === 0 && cell.trim() === '' ? NaN : v;
}
