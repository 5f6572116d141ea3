import { closeSync, openSync, readSync } from 'node:fs';
import { TraceFormatError } from './trace-error.ts';

const CHUNK = 1 << 16;

/**
 * Reads a text file line by line in fixed-size chunks, synchronously, so that the event loop can
 * pull arrivals from a file of any length while holding only one chunk in memory.
 */
export class LineReader {
  /** 1-based number of the line last returned. */
  lineNumber = 0;
  private fd: number;
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private pending = '';
  private lines: string[] = [];
  private index = 0;
  private eof = false;

  constructor(readonly file: string) {
    try {
      this.fd = openSync(file, 'r');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new TraceFormatError(file, undefined, code === 'ENOENT' ? 'file not found' : `cannot open (${code ?? String(err)})`);
    }
  }

  /** The next line without its line ending, or undefined at the end of the file. */
  next(): string | undefined {
    while (this.index >= this.lines.length) {
      if (this.eof) return undefined;
      this.fill();
    }
    this.lineNumber++;
    return this.lines[this.index++];
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  private fill(): void {
    let n: number;
    try {
      n = readSync(this.fd, this.buffer, 0, CHUNK, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.close();
      throw new TraceFormatError(this.file, undefined, code === 'EISDIR' ? 'is a folder; expected a trace file' : `cannot read (${code ?? String(err)})`);
    }
    this.index = 0;
    if (n === 0) {
      this.eof = true;
      this.close();
      this.lines = this.pending.length > 0 ? [stripCr(this.pending)] : [];
      this.pending = '';
      return;
    }
    const text = this.pending + this.buffer.toString('utf8', 0, n);
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    for (let i = 0; i < parts.length; i++) parts[i] = stripCr(parts[i]);
    if (this.lineNumber === 0 && parts.length > 0) parts[0] = parts[0].replace(/^\uFEFF/, '');
    this.lines = parts;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
