import { LineReader } from './line-reader.ts';
import { TraceFormatError } from './trace-error.ts';

export const REQUESTS_HEADER = 'time_s';

/** Streams the arrival times of a per-request file (header `time_s`, one time per line, sorted). */
export class RequestTimesReader {
  private readonly reader: LineReader;
  private last = -Infinity;

  constructor(readonly file: string) {
    this.reader = new LineReader(file);
    const header = this.reader.next();
    if (header === undefined) throw new TraceFormatError(file, undefined, `empty file; expected the header "${REQUESTS_HEADER}"`);
    if (header.trim() !== REQUESTS_HEADER) {
      throw new TraceFormatError(file, 1, `found header "${header}"; expected "${REQUESTS_HEADER}"`);
    }
  }

  /** The next arrival time in trace seconds, or Infinity at the end of the file. */
  next(): number {
    for (;;) {
      const line = this.reader.next();
      if (line === undefined) return Infinity;
      const s = line.trim();
      if (s === '') continue;
      const t = Number(s);
      if (!Number.isFinite(t)) throw new TraceFormatError(this.file, this.reader.lineNumber, `time_s "${s}" is not a number`);
      if (t < this.last) {
        throw new TraceFormatError(this.file, this.reader.lineNumber, `time_s ${t} is earlier than the line before (${this.last}); times must be sorted`);
      }
      this.last = t;
      return t;
    }
  }

  close(): void {
    this.reader.close();
  }
}

/**
 * The last arrival time in a per-request file. Reads the whole file through the same checks as
 * the replay, so that a run without a duration finds every bad line, with its number, before it starts.
 */
export function lastRequestTime(file: string): number {
  const reader = new RequestTimesReader(file);
  let last = -Infinity;
  try {
    for (let t = reader.next(); t !== Infinity; t = reader.next()) last = t;
  } finally {
    reader.close();
  }
  if (last === -Infinity) throw new TraceFormatError(file, undefined, 'no arrival times after the header');
  return last;
}
