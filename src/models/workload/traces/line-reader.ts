import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { notRegularFile, textProblem } from '../../../text/text-file.ts';
import { quoteExcerpt } from '../../../text/truncate.ts';
import { GunzipSource, type ByteSource } from './gunzip-source.ts';
import { TraceFormatError } from './trace-error.ts';
import { MAX_LINE_CHARS } from './trace-limits.ts';

const CHUNK = 1 << 16;

/**
 * Reads a text file line by line in fixed-size chunks, synchronously, so that the event loop can
 * pull arrivals from a file of any length while holding only one chunk in memory. A gzip file
 * (known by its first two bytes, whatever its name) is decompressed as it streams in.
 */
export class LineReader {
  /** 1-based number of the line last returned. */
  lineNumber = 0;
  /** Whether the file is gzip-compressed. */
  readonly gzip: boolean;
  private source: ByteSource;
  private readonly buffer = Buffer.allocUnsafe(CHUNK);
  private readonly decoder = new StringDecoder('utf8');
  /** Bytes already in the buffer from sniffing the file's start. */
  private sniffed: number;
  /** The start of a line still without its end; appended to as a rope, split once its end comes. */
  private pending = '';
  private checkedText = false;
  private lines: string[] = [];
  private index = 0;
  private eof = false;

  constructor(readonly file: string) {
    const plain = new FileSource(file);
    this.sniffed = plain.read(this.buffer);
    this.gzip = this.sniffed >= 2 && this.buffer[0] === 0x1f && this.buffer[1] === 0x8b;
    if (this.gzip) {
      plain.close();
      this.sniffed = 0;
      this.source = new GunzipSource(file, CHUNK);
    } else {
      this.source = plain;
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
    this.source.close();
  }

  /** Refuses a line (of the next line number) past MAX_LINE_CHARS, quoting its start. */
  private checkLength(line: string): void {
    if (line.length - (line.endsWith('\r') ? 1 : 0) <= MAX_LINE_CHARS) return;
    this.close();
    throw new TraceFormatError(
      this.file,
      this.lineNumber + 1,
      `line longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters (the limit for one line; is this a trace file?); it starts ${quoteExcerpt(line)}`,
    );
  }

  /** Drops the UTF-8 byte-order mark (read as U+FEFF) that some editors write first. */
  private stripBom(): void {
    if (this.lineNumber === 0 && this.lines.length > 0 && this.lines[0].charCodeAt(0) === 0xfeff) this.lines[0] = this.lines[0].slice(1);
  }

  private fill(): void {
    let n = this.sniffed;
    this.sniffed = 0;
    // A source closes itself before it throws.
    if (n === 0) n = this.source.read(this.buffer);
    this.index = 0;
    this.lines = [];
    if (n === 0) {
      this.eof = true;
      this.close();
      const rest = this.pending + this.decoder.end();
      this.pending = '';
      this.checkLength(rest);
      if (rest.length > 0) this.lines = [stripCr(rest)];
      this.stripBom();
      return;
    }
    if (!this.checkedText) {
      this.checkedText = true;
      const problem = textProblem(this.buffer.subarray(0, n));
      if (problem !== undefined) {
        this.close();
        throw new TraceFormatError(this.file, undefined, problem);
      }
    }
    // The decoder keeps a character split across two chunks whole.
    const chunk = this.decoder.write(this.buffer.subarray(0, n));
    // Without a newline the chunk only lengthens the pending line: splitting the whole of it
    // again for each chunk would take time quadratic in the line's length.
    if (chunk.indexOf('\n') < 0) {
      this.pending += chunk;
      this.checkLength(this.pending);
      return;
    }
    const parts = (this.pending + chunk).split('\n');
    this.pending = parts.pop() ?? '';
    this.checkLength(parts[0]);
    for (let i = 0; i < parts.length; i++) parts[i] = stripCr(parts[i]);
    this.lines = parts;
    this.stripBom();
  }
}

/** A plain file, read with readSync. */
class FileSource implements ByteSource {
  private fd: number;

  constructor(private readonly file: string) {
    try {
      // Checked before opening: opening a FIFO waits for a writer, and a device never ends.
      const kind = notRegularFile(statSync(file));
      if (kind !== undefined) throw new TraceFormatError(file, undefined, `is ${kind}; expected a trace file (a regular file)`);
      this.fd = openSync(file, 'r');
    } catch (err) {
      if (err instanceof TraceFormatError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      throw new TraceFormatError(file, undefined, code === 'ENOENT' ? 'file not found' : `cannot open (${code ?? String(err)})`);
    }
  }

  read(buffer: Buffer): number {
    try {
      return readSync(this.fd, buffer, 0, buffer.length, null);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      this.close();
      throw new TraceFormatError(this.file, undefined, `cannot read (${code ?? String(err)})`);
    }
  }

  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
