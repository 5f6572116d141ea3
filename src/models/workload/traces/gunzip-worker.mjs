// Runs in a worker thread: streams a gzip file through node:zlib and hands the decompressed bytes
// to the thread that reads the trace, one chunk at a time, through shared memory (see
// gunzip-source.ts). Plain JavaScript so that it loads without the TypeScript loader.
import { createReadStream } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';

const { file, shared, states } = workerData;
const { EMPTY, FULL, END, FAILED, CLOSED } = states;
const control = new Int32Array(shared, 0, 2);
const data = new Uint8Array(shared, 8);

/** Waits until the reader has taken the last chunk; false once it has closed. */
function slotFree() {
  for (;;) {
    const state = Atomics.load(control, 0);
    if (state === EMPTY) return true;
    if (state === CLOSED) return false;
    Atomics.wait(control, 0, state);
  }
}

function put(state, bytes) {
  if (!slotFree()) return false;
  data.set(bytes);
  control[1] = bytes.length;
  Atomics.store(control, 0, state);
  Atomics.notify(control, 0);
  return true;
}

const gunzip = createGunzip();
const input = createReadStream(file);
input.on('error', (err) => gunzip.destroy(err));
input.pipe(gunzip);
try {
  outer: for await (const chunk of gunzip) {
    for (let i = 0; i < chunk.length; i += data.length) {
      if (!put(FULL, chunk.subarray(i, i + data.length))) break outer;
    }
  }
  put(END, new Uint8Array(0));
} catch (err) {
  put(FAILED, new TextEncoder().encode(err instanceof Error ? err.message : String(err)).subarray(0, data.length));
}
input.destroy();
