/** A trace file that cannot be read as its format says: names the file and, where known, the line. */
export class TraceFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`);
    this.name = 'TraceFormatError';
  }
}

/** A replay's offset at or past the last arrival of a trace that spans trace time `first` to `last`. */
export function offsetPastEnd(file: string, first: number, last: number, offset: number): TraceFormatError {
  return new TraceFormatError(
    file,
    undefined,
    `offset ${offset} s is at or past the end of the trace, which spans trace time ${first} to ${last} s: nothing would be replayed; give an offset before ${last} s`,
  );
}

/** How a trace's span ends a run without a duration, for a message: the file, its span and, when it shortens the run, the offset. */
export function describeTraceSpan(file: string, first: number, last: number, offset: number): string {
  return `${file} spans trace time ${first} to ${last} s${offset > first ? `, replayed from the offset ${offset} s` : ''}`;
}
