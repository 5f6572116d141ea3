import { LineReader } from './line-reader.ts';
import { TraceFormatError } from './trace-error.ts';

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
 * the first two rows); rows missing from the grid count as empty buckets.
 */
export function readRateCsv(file: string): RateTrace {
  const reader = new LineReader(file);
  try {
    const header = reader.next();
    if (header === undefined) throw new TraceFormatError(file, undefined, `empty file; expected the header "${RATE_CSV_HEADER}"`);
    if (header.replace(/\s+/g, '') !== RATE_CSV_HEADER) {
      throw new TraceFormatError(file, 1, `found header "${header}"; expected "${RATE_CSV_HEADER}"`);
    }
    const times: number[] = [];
    const counts: number[] = [];
    const lines: number[] = [];
    for (let line = reader.next(); line !== undefined; line = reader.next()) {
      // One comma found by position rather than a split into cells: a week of 1-second buckets is
      // 600,000 rows, and splitting and trimming each took most of the time spent reading it.
      const comma = line.indexOf(',');
      if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
        if (line.trim() === '') continue;
        const fields = line.split(',').length;
        throw new TraceFormatError(file, reader.lineNumber, `found ${fields} fields in "${line}"; expected 2 (time_s,requests)`);
      }
      const t = parseNumber(line.slice(0, comma));
      const c = parseNumber(line.slice(comma + 1));
      if (!Number.isFinite(t)) throw new TraceFormatError(file, reader.lineNumber, `time_s "${line.slice(0, comma).trim()}" is not a number`);
      if (!Number.isFinite(c) || c < 0) {
        throw new TraceFormatError(file, reader.lineNumber, `requests "${line.slice(comma + 1).trim()}" is not a non-negative number`);
      }
      if (times.length > 0 && t <= times[times.length - 1]) {
        throw new TraceFormatError(file, reader.lineNumber, `time_s ${t} does not increase (previous row: ${times[times.length - 1]})`);
      }
      times.push(t);
      counts.push(c);
      lines.push(reader.lineNumber);
    }
    if (times.length === 0) throw new TraceFormatError(file, undefined, 'no data rows after the header');
    return toGrid(file, times, counts, lines);
  } finally {
    reader.close();
  }
}

/** Most buckets a rate trace may span: a year at 1-second buckets, 250 MB in memory. */
const MAX_BUCKETS = 366 * 86400;

function toGrid(file: string, times: number[], counts: number[], lines: number[]): RateTrace {
  const start = times[0];
  if (times.length === 1) return { file, start, bucket: 1, counts: Float64Array.of(counts[0]) };
  const bucket = times[1] - times[0];
  const n = Math.round((times[times.length - 1] - start) / bucket) + 1;
  if (!(n <= MAX_BUCKETS)) {
    throw new TraceFormatError(
      file,
      lines[lines.length - 1],
      `time_s ${times[times.length - 1]} puts the trace ${n} buckets of ${bucket} s long (the step of the first two rows); at most ${MAX_BUCKETS} are accepted: use wider buckets`,
    );
  }
  const grid = new Float64Array(n);
  for (let i = 0; i < times.length; i++) {
    const k = (times[i] - start) / bucket;
    const slot = Math.round(k);
    if (Math.abs(k - slot) > 1e-6) {
      throw new TraceFormatError(file, lines[i], `time_s ${times[i]} is not on the ${bucket} s grid that the first two rows set`);
    }
    grid[slot] = counts[i];
  }
  return { file, start, bucket, counts: grid };
}

/** The cell's number, surrounding blanks allowed; NaN for a blank cell (which Number() reads as 0). */
function parseNumber(cell: string): number {
  const v = Number(cell);
  return v === 0 && cell.trim() === '' ? NaN : v;
}
