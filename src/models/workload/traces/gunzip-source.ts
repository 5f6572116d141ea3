import { Worker } from 'node:worker_threads';
import { TraceFormatError } from './trace-error.ts';

/** Slot states, handed to gunzip-worker.mjs with its workerData so that both threads read one definition. */
const STATES = { EMPTY: 0, FULL: 1, END: 2, FAILED: 3, CLOSED: 4 } as const;
const { EMPTY, FULL, END, FAILED, CLOSED } = STATES;

/** A healthy inflater fills a slot in milliseconds; this long without one means the worker is gone. */
const STALL_MS = 60_000;

/** Bytes a chunk of a file hands to the line reader. */
export interface ByteSource {
  /** Fills `buffer` from its start; 0 at the end. On an error it closes itself, then throws. */
  read(buffer: Buffer): number;
  close(): void;
}

/**
 * Decompressed bytes of a gzip file, read synchronously. node:zlib streams only asynchronously,
 * and the event loop pulls arrivals synchronously; so a worker thread streams the file through
 * createGunzip and passes one chunk at a time through shared memory, holding one chunk in memory.
 */
export class GunzipSource implements ByteSource {
  private readonly control: Int32Array;
  private readonly data: Uint8Array;
  private readonly worker: Worker;

  constructor(
    private readonly file: string,
    chunkBytes: number,
  ) {
    const shared = new SharedArrayBuffer(8 + chunkBytes);
    this.control = new Int32Array(shared, 0, 2);
    this.data = new Uint8Array(shared, 8);
    this.worker = new Worker(new URL('./gunzip-worker.mjs', import.meta.url), { workerData: { file, shared, states: STATES } });
    this.worker.unref();
  }

  read(buffer: Buffer): number {
    for (;;) {
      const state = Atomics.load(this.control, 0);
      if (state === FULL) {
        const n = this.control[1];
        buffer.set(this.data.subarray(0, n));
        Atomics.store(this.control, 0, EMPTY);
        Atomics.notify(this.control, 0);
        return n;
      }
      if (state === END || state === CLOSED) return 0;
      if (state === FAILED) {
        const message = new TextDecoder().decode(this.data.subarray(0, this.control[1]));
        this.close();
        throw new TraceFormatError(this.file, undefined, `cannot decompress: ${message} (a gzip file, by its first bytes)`);
      }
      if (Atomics.wait(this.control, 0, EMPTY, STALL_MS) === 'timed-out') {
        this.close();
        throw new TraceFormatError(this.file, undefined, `decompression stalled for ${STALL_MS / 1000} s`);
      }
    }
  }

  close(): void {
    Atomics.store(this.control, 0, CLOSED);
    Atomics.notify(this.control, 0);
    void this.worker.terminate();
  }
}
