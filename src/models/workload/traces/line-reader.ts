import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { GunzipSource, type ByteSource } from './gunzip-source.ts';
import { TraceFormatError } from './trace-error.ts';

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
  private pending = '';
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

  private fill(): void {
    let n = this.sniffed;
    this.sniffed = 0;
    // A source closes itself before it throws.
    if (n === 0) n = this.source.read(this.buffer);
    this.index = 0;
    if (n === 0) {
      this.eof = true;
      this.close();
      const rest = this.pending + this.decoder.end();
      this.lines = rest.length > 0 ? [stripCr(rest)] : [];
      this.pending = '';
      return;
    }
    // The decoder keeps a character split across two chunks whole.
    const text = this.pending + this.decoder.write(this.buffer.subarray(0, n));
    const parts = text.split('\n');
    this.pending = parts.pop() ?? '';
    for (let i = 0; i < parts.length; i++) parts[i] = stripCr(parts[i]);
    if (this.lineNumber === 0 && parts.length > 0) parts[0] = parts[0].replace(/^\uFEFF/, '');
    this.lines = parts;
  }
}

/** A plain file, read with readSync. */
class FileSource implements ByteSource {
  private fd: number;

  constructor(private readonly file: string) {
    try {
      this.fd = openSync(file, 'r');
    } catch (err) {
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
      throw new TraceFormatError(this.file, undefined, code === 'EISDIR' ? 'is a folder; expected a trace file' : `cannot read (${code ?? String(err)})`);
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
