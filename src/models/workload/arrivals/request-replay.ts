import type { RequestTimesReader } from '../traces/request-times.ts';
import type { ArrivalProcess } from './arrival-process.ts';

/**
 * Replays a per-request file as it streams in: simulated time t corresponds to trace time
 * offset + t * speedup; arrivals before the offset are skipped.
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
    for (;;) {
      const t = this.reader.next();
      if (t === Infinity) {
        this.lastArrival = this.latest;
        return Infinity;
      }
      if (t >= this.offset) return (this.latest = (t - this.offset) / this.speedup);
    }
  }
}
