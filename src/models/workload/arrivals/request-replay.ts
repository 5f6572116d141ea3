import type { RequestTimesReader } from '../traces/request-times.ts';
import { offsetPastEnd, TraceFormatError } from '../traces/trace-error.ts';
import type { ArrivalProcess } from './arrival-process.ts';

/**
 * Replays a per-request file as it streams in: simulated time t corresponds to trace time
 * offset + t * speedup; arrivals before the offset are skipped. A file whose every arrival lies
 * before the offset is an error once the first call has read it through.
 */
export class RequestReplay implements ArrivalProcess {
  /** Simulated time of the last arrival handed out, once the file has been read to its end (NaN before). */
  lastArrival = NaN;
  private latest = NaN;

  constructor(
    private readonly reader: RequestTimesReader,
    private readonly speedup: number,
    private readonly offset: number,
  ) {}

  next(): number {
    let first = NaN;
    let last = NaN;
    for (;;) {
      const t = this.reader.next();
      if (t === Infinity) {
        if (!Number.isNaN(this.latest)) {
          this.lastArrival = this.latest;
          return Infinity;
        }
        if (Number.isNaN(first)) throw new TraceFormatError(this.reader.file, undefined, 'no requests in the file');
        throw offsetPastEnd(this.reader.file, first, last, this.offset);
      }
      if (t >= this.offset) return (this.latest = (t - this.offset) / this.speedup);
      if (Number.isNaN(first)) first = t;
      last = t;
    }
  }
}
