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
