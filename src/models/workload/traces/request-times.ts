import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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

/** The last arrival time in a per-request file, read from its tail (the file is sorted). */
export function lastRequestTime(file: string): number {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 1 << 16);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer.toString('utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const last = Number(lines[lines.length - 1]);
    if (lines.length === 0 || !Number.isFinite(last)) {
      throw new TraceFormatError(file, undefined, `the last line "${lines[lines.length - 1] ?? ''}" is not an arrival time; expected a number of seconds`);
    }
    return last;
  } finally {
    closeSync(fd);
  }
}
