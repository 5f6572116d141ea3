/**
 * Hold-model benchmark of event queues.
 *
 * For each queue size N: fill the queue with N events at times drawn from exponential(1) (each an
 * exponential increment over time 0), then time M hold operations, each popping the earliest
 * event and pushing a new one at the popped time plus an exponential(1) draw, so the queue stays
 * at N pending events. Three queues, all ordered by (time, insertion order):
 *
 *   - heap-js: `Heap` over {time, seq, item} objects with a comparator, as a user would write it;
 *   - binary:  bench/heaps/binary-heap.ts, a binary heap over typed arrays;
 *   - fleetsim's EventQueue (src/engine/event-queue.ts), a 4-ary heap over the same typed arrays.
 *
 * The draws are computed beforehand into a Float64Array, so the random generator is not timed.
 * Each queue gets the same draws; the bench checks that every queue pops non-decreasing times and
 * that the checksum of the popped items (in order) agrees across queues, and fails otherwise.
 *
 * Run: node --expose-gc --import tsx bench/event-queue.ts   (or: npx tsx bench/event-queue.ts)
 * With --expose-gc, memory is measured; without it, see memoryRow().
 */
import { pathToFileURL } from 'node:url';
import { Heap } from 'heap-js';
import seedrandom from 'seedrandom';
import { EventQueue } from '../src/engine/event-queue.ts';
import { BinaryHeap } from './heaps/binary-heap.ts';
import {
  collectGarbage,
  fmt,
  fmtInt,
  fmtSeconds,
  gcFunction,
  heading,
  now,
  printTable,
  retainedBytes,
  sampleRoundRobin,
  since,
  type Sample,
} from './lib/measure.ts';

interface Case {
  /** Pending events. */
  readonly n: number;
  /** Hold operations per timed run, at most; fewer if the time budget needs it. */
  readonly maxM: number;
  /** Holds in the warm-up run that also calibrates M. */
  readonly warmM: number;
  /** Timed runs per queue. */
  readonly runs: number;
  /** Seconds the timed runs of this case (all queues, fills included) should take, roughly. */
  readonly budgetS: number;
}

// The budgets keep the whole file near a minute on a slow machine: M is 5e6 where that fits and
// is cut (and printed) where it does not, mostly at N = 1e6, where heap-js takes microseconds
// per hold and filling it takes seconds.
const CASES: readonly Case[] = [
  { n: 100, maxM: 5_000_000, warmM: 500_000, runs: 5, budgetS: 12 },
  { n: 10_000, maxM: 5_000_000, warmM: 300_000, runs: 5, budgetS: 14 },
  { n: 1_000_000, maxM: 2_000_000, warmM: 100_000, runs: 3, budgetS: 17 },
];

/** Largest number <= x with two significant digits (4,870,000 -> 4,800,000). */
function roundDown2(x: number): number {
  if (x < 100) return Math.max(1, Math.floor(x));
  const p = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.floor(x / p) * p;
}

/** Outcome of one hold run: the timed part, and what the correctness check needs. */
interface HoldRun {
  /** Nanoseconds of the M holds. */
  ns: number;
  /** Nanoseconds of the fill (not part of the result, but of the time budget). */
  fillNs: number;
  /** Order-sensitive hash of the popped items. */
  checksum: number;
  /** Pops whose time was below the previous pop's time. */
  outOfOrder: number;
  /** Time of the last pop. */
  lastTime: number;
  /** Queue size at the end (must still be N). */
  size: number;
}

interface QueueSpec {
  readonly name: string;
  /** One full run: fresh queue, fill (untimed), M holds (timed). */
  readonly hold: (n: number, m: number, draws: Float64Array) => HoldRun;
  /** A fresh queue filled with the first n draws, for the memory measurement. */
  readonly fill: (n: number, draws: Float64Array) => unknown;
  /** Bytes of backing arrays of a filled queue, if the queue is array-based. */
  readonly arrayBytes?: (queue: unknown) => { bytes: number; capacity: number } | undefined;
}

// ---- heap-js ----------------------------------------------------------------------------------

interface Ev {
  time: number;
  seq: number;
  item: number;
}

const byTimeThenSeq = (a: Ev, b: Ev): number => a.time - b.time || a.seq - b.seq;

function fillHeapJs(n: number, draws: Float64Array): Heap<Ev> {
  const heap = new Heap<Ev>(byTimeThenSeq);
  for (let i = 0; i < n; i++) heap.push({ time: draws[i], seq: i, item: i });
  return heap;
}

// The three hold loops are written out separately (not one generic loop over an interface) so
// that each call site in them sees a single queue class and the JIT can inline it.

function holdHeapJs(n: number, m: number, draws: Float64Array): HoldRun {
  const fillStart = now();
  const heap = fillHeapJs(n, draws);
  const fillNs = since(fillStart);
  let seq = n;
  let prev = -Infinity;
  let outOfOrder = 0;
  let h = 0;
  const start = now();
  for (let j = 0; j < m; j++) {
    const ev = heap.pop()!;
    const t = ev.time;
    if (t < prev) outOfOrder++;
    prev = t;
    h = (Math.imul(h, 31) + ev.item) | 0;
    heap.push({ time: t + draws[n + j], seq: seq++, item: n + j });
  }
  const ns = since(start);
  return { ns, fillNs, checksum: h, outOfOrder, lastTime: prev, size: heap.size() };
}

// ---- binary typed-array heap ------------------------------------------------------------------

function fillBinary(n: number, draws: Float64Array): BinaryHeap {
  const q = new BinaryHeap();
  for (let i = 0; i < n; i++) q.push(draws[i], i, 0);
  return q;
}

function holdBinary(n: number, m: number, draws: Float64Array): HoldRun {
  const fillStart = now();
  const q = fillBinary(n, draws);
  const fillNs = since(fillStart);
  let prev = -Infinity;
  let outOfOrder = 0;
  let h = 0;
  const start = now();
  for (let j = 0; j < m; j++) {
    const item = q.pop();
    const t = q.lastTime;
    if (t < prev) outOfOrder++;
    prev = t;
    h = (Math.imul(h, 31) + item) | 0;
    q.push(t + draws[n + j], n + j, 0);
  }
  const ns = since(start);
  return { ns, fillNs, checksum: h, outOfOrder, lastTime: prev, size: q.size };
}

// ---- fleetsim EventQueue (4-ary) --------------------------------------------------------------

// The item goes in as the event's kind, which pop() returns.
function fillEventQueue(n: number, draws: Float64Array): EventQueue {
  const q = new EventQueue();
  for (let i = 0; i < n; i++) q.push(draws[i], i, 0);
  return q;
}

function holdEventQueue(n: number, m: number, draws: Float64Array): HoldRun {
  const fillStart = now();
  const q = fillEventQueue(n, draws);
  const fillNs = since(fillStart);
  let prev = -Infinity;
  let outOfOrder = 0;
  let h = 0;
  const start = now();
  for (let j = 0; j < m; j++) {
    const item = q.pop();
    const t = q.lastTime;
    if (t < prev) outOfOrder++;
    prev = t;
    h = (Math.imul(h, 31) + item) | 0;
    q.push(t + draws[n + j], n + j, 0);
  }
  const ns = since(start);
  return { ns, fillNs, checksum: h, outOfOrder, lastTime: prev, size: q.size };
}

/** EventQueue keeps its arrays private; read them by name, and give up if they are not there. */
function eventQueueArrays(queue: unknown): { bytes: number; capacity: number } | undefined {
  const q = queue as { times?: unknown; seqs?: unknown; kinds?: unknown; args?: unknown };
  const arrays = [q.times, q.seqs, q.kinds, q.args];
  if (!arrays.every((a) => ArrayBuffer.isView(a))) return undefined;
  const views = arrays as ArrayBufferView[];
  return {
    bytes: views.reduce((sum, a) => sum + a.byteLength, 0),
    capacity: (q.times as Float64Array).length,
  };
}

const QUEUES: readonly QueueSpec[] = [
  { name: 'heap-js (objects, comparator)', hold: holdHeapJs, fill: fillHeapJs },
  {
    name: 'binary heap (typed arrays)',
    hold: holdBinary,
    fill: fillBinary,
    arrayBytes: (q) => {
      const b = q as BinaryHeap;
      return { bytes: b.byteLength, capacity: b.capacity };
    },
  },
  { name: 'EventQueue (4-ary, typed arrays)', hold: holdEventQueue, fill: fillEventQueue, arrayBytes: eventQueueArrays },
];

/** N + M exponential(1) draws from a seeded xor4096 stream (fleetsim's generator). */
function exponentialDraws(count: number, seed: string): Float64Array {
  const rng = seedrandom.xor4096(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = -Math.log1p(-rng());
  return out;
}

interface MemoryRow {
  bytesPerEvent: number;
  how: string;
  capacity: number | undefined;
}

/**
 * Memory per pending event, over enough filled queues to hold about 1e5 events (so that N = 100
 * is above the measurement's noise). With global.gc: the retained change in heapUsed +
 * arrayBuffers across filling them, with full collections around it. Without global.gc: for the
 * typed-array queues, the byte size of their arrays; for heap-js, the same change without
 * forced collections, which is rough: garbage made while filling counts, and a collection that
 * happens meanwhile can free older garbage and take it back off.
 */
function memoryRow(spec: QueueSpec, n: number, draws: Float64Array): MemoryRow {
  const copies = Math.max(1, Math.ceil(100_000 / n));
  const queues: unknown[] = [];
  const { bytes, exact } = retainedBytes(() => {
    for (let k = 0; k < copies; k++) queues.push(spec.fill(n, draws));
    return queues;
  });
  const arrays = spec.arrayBytes?.(queues[0]);
  queues.length = 0;
  const perEvent = bytes / (copies * n);
  if (exact) return { bytesPerEvent: perEvent, how: 'measured (gc)', capacity: arrays?.capacity };
  if (arrays) return { bytesPerEvent: arrays.bytes / n, how: 'array sizes', capacity: arrays.capacity };
  return { bytesPerEvent: perEvent, how: 'heap delta, no gc', capacity: undefined };
}

/** Correctness of a set of runs: each in time order, still N pending, same pops as `reference`. */
function check(name: string, n: number, runs: readonly HoldRun[], reference: HoldRun, referenceName: string): string[] {
  const failures: string[] = [];
  for (const r of runs) {
    if (r.outOfOrder > 0) failures.push(`${name}, N=${n}: ${r.outOfOrder} pops out of time order`);
    if (r.size !== n) failures.push(`${name}, N=${n}: size ${r.size} after the holds, expected ${n}`);
    if (r.checksum !== reference.checksum || r.lastTime !== reference.lastTime) {
      failures.push(
        `${name}, N=${n}: checksum ${r.checksum} / last time ${r.lastTime} differ from ` +
          `${referenceName}'s ${reference.checksum} / ${reference.lastTime}`,
      );
    }
  }
  return failures;
}

export async function runEventQueueBench(): Promise<void> {
  heading('Event queue: hold model');
  console.log('Fill N events at exponential(1) times, then time M holds (pop the earliest; push one at its');
  console.log('time + exponential(1)). Draws precomputed, so the RNG is not timed. Per N: one warm-up run');
  console.log('per queue (which also sizes M to the time budget), then interleaved timed runs; the best run');
  console.log('is shown (other load only slows a run down), spread = (median - best) / best.');
  const hasGc = gcFunction() !== undefined;
  console.log(
    hasGc
      ? 'Memory: measured, as retained heapUsed + arrayBuffers after global.gc (--expose-gc).'
      : 'Memory: no global.gc (run node with --expose-gc to measure it): typed-array queues from their\n' +
          'array sizes, heap-js roughly, from the heapUsed + arrayBuffers change without forced collections.',
  );
  console.log(`Node ${process.version}, ${process.arch}`);

  const failures: string[] = [];
  const conclusions: string[] = [];
  const benchStart = now();

  for (const c of CASES) {
    const draws = exponentialDraws(c.n + c.maxM, `fleetsim:bench:event-queue:${c.n}`);

    // Warm-up, checked like the timed runs, and timed to choose M.
    const warm = QUEUES.map((q) => {
      collectGarbage();
      return q.hold(c.n, c.warmM, draws);
    });
    QUEUES.forEach((q, i) => failures.push(...check(q.name, c.n, [warm[i]], warm[0], QUEUES[0].name)));
    const fillNs = warm.reduce((sum, r) => sum + r.fillNs, 0);
    const holdNs = warm.reduce((sum, r) => sum + r.ns / c.warmM, 0);
    const fitM = (c.budgetS * 1e9) / c.runs - fillNs;
    const m = Math.max(c.warmM, Math.min(c.maxM, roundDown2(fitM / holdNs)));

    heading(`N = ${fmtInt(c.n)} pending, M = ${fmtInt(m)} holds, ${c.runs} runs`, 2);
    if (m < c.maxM) console.log(`(M cut from ${fmtInt(c.maxM)} to keep this case near ${c.budgetS} s)`);

    const results: HoldRun[][] = QUEUES.map(() => []);
    const samples: Sample[] = sampleRoundRobin(
      QUEUES.map((q, i) => () => {
        const r = q.hold(c.n, m, draws);
        results[i].push(r);
        return r.ns;
      }),
      { warmup: 0, runs: c.runs },
    );
    const reference = results[0][0];
    const before = failures.length;
    QUEUES.forEach((q, i) => failures.push(...check(q.name, c.n, results[i], reference, QUEUES[0].name)));

    const memory = QUEUES.map((q) => memoryRow(q, c.n, draws));
    const baseNsPerOp = samples[0].bestNs / m;
    const rows = QUEUES.map((q, i) => {
      const s = samples[i];
      const nsPerOp = s.bestNs / m;
      const spread = ((s.medianNs - s.bestNs) / s.bestNs) * 100;
      const mem = memory[i];
      return [
        q.name,
        fmt(1e3 / nsPerOp, 2),
        fmt(nsPerOp, 1),
        `+${fmt(spread, 0)}%`,
        `${fmt(baseNsPerOp / nsPerOp, 2)}x`,
        fmt(mem.bytesPerEvent, 1),
        mem.capacity === undefined ? '-' : fmtInt(mem.capacity),
        mem.how,
      ];
    });
    printTable(
      ['queue', 'M holds/s', 'ns/hold', 'spread', 'vs heap-js', 'B/event', 'capacity', 'memory from'],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    );
    console.log(
      `check: ${failures.length === before ? 'ok' : 'FAILED'}: ${QUEUES.length} queues x ${c.runs} timed runs ` +
        `(+ warm-up) pop non-decreasing times, end with N pending, same item checksum ${reference.checksum}`,
    );

    const [heapJs, bin, eq] = samples.map((s) => s.bestNs);
    const [memHeapJs, , memEq] = memory;
    conclusions.push(
      `N=${fmtInt(c.n)}: EventQueue (4-ary) is ${fmt(heapJs / eq, 1)}x heap-js and ` +
        `${fmt(bin / eq, 2)}x the binary typed-array heap; ` +
        `${fmt(memEq.bytesPerEvent, 0)} vs ${fmt(memHeapJs.bytesPerEvent, 0)} B/event (heap-js)` +
        (memEq.how === memHeapJs.how ? '' : ` [${memEq.how} vs ${memHeapJs.how}]`),
    );
  }

  heading('Event queue: conclusion', 2);
  for (const line of conclusions) console.log(line);
  console.log(`(bench took ${fmtSeconds(since(benchStart))})`);

  if (failures.length > 0) {
    console.error('\nEVENT QUEUE CHECK FAILED:');
    const counts = new Map<string, number>();
    for (const f of failures) counts.set(f, (counts.get(f) ?? 0) + 1);
    for (const [f, k] of counts) console.error(`  ${f}${k > 1 ? ` (${k} runs)` : ''}`);
    process.exitCode = 1;
    throw new Error(`event-queue bench: ${failures.length} correctness check(s) failed`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEventQueueBench().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
