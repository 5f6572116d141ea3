import { grown } from './typed-arrays.ts';

/** The kind a cancelled event is given; it stays in the heap until its time and is then skipped. */
const CANCELLED = -1;

/**
 * Min-priority queue of events keyed by (time, insertion order), over typed arrays.
 *
 * A 4-ary heap: half the depth of a binary heap, and a node's four children sit side by side
 * in memory. Each entry carries its event (a kind and an int32 argument) in parallel typed
 * arrays, so a push or pop allocates nothing and needs no side table (bench/event-queue.ts
 * compares it with heap-js and a binary heap). An entry's insertion number identifies it for
 * cancel().
 */
export class EventQueue {
  private times: Float64Array;
  /** Insertion order, as a float so that it never wraps in a long run. */
  private seqs: Float64Array;
  private kinds: Int32Array;
  private args: Int32Array;
  private count = 0;
  private nextSeq = 0;
  /** Time of the entry removed by the last pop(). */
  lastTime = 0;
  /** Argument of the entry removed by the last pop(). */
  lastArg = 0;

  constructor(initialCapacity = 1024) {
    this.times = new Float64Array(initialCapacity);
    this.seqs = new Float64Array(initialCapacity);
    this.kinds = new Int32Array(initialCapacity);
    this.args = new Int32Array(initialCapacity);
    this.times[0] = Infinity;
    this.seqs[0] = Infinity;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Time of the earliest entry; Infinity when empty. An empty queue keeps Infinity in its first
   * entry, so that peeking is one load: a branch to the global Infinity made the JIT box every
   * peeked time, an allocation per event.
   */
  peekTime(): number {
    return this.times[0];
  }

  /** Insertion number of the earliest entry; Infinity when empty. */
  peekSeq(): number {
    return this.seqs[0];
  }

  /** Takes the next insertion number without pushing, for an event kept outside the queue. */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Adds an entry (kind >= 0, arg an int32) and returns its insertion number. */
  push(time: number, kind: number, arg: number): number {
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const args = this.args;
    const seq = this.nextSeq++;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      kinds[i] = kinds[parent];
      args[i] = args[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    args[i] = arg;
    return seq;
  }

  /**
   * Removes the earliest entry and returns its kind (CANCELLED for a cancelled one); its time
   * and argument go to lastTime and lastArg. The queue must not be empty.
   */
  pop(): number {
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const args = this.args;
    const kind = kinds[0];
    this.lastTime = times[0];
    this.lastArg = args[0];
    const n = --this.count;
    if (n === 0) {
      times[0] = Infinity;
      seqs[0] = Infinity;
      return kind;
    }
    const t = times[n];
    const s = seqs[n];
    const k = kinds[n];
    const a = args[n];
    let i = 0;
    for (;;) {
      const first = (i << 2) + 1;
      if (first >= n) break;
      let best = first;
      let bt = times[first];
      // Insertion numbers are read only on equal times, which continuous distributions make rare.
      const last = first + 3 < n ? first + 3 : n - 1;
      for (let c = first + 1; c <= last; c++) {
        const ct = times[c];
        if (ct < bt || (ct === bt && seqs[c] < seqs[best])) {
          best = c;
          bt = ct;
        }
      }
      if (t < bt || (t === bt && s < seqs[best])) break;
      times[i] = bt;
      seqs[i] = seqs[best];
      kinds[i] = kinds[best];
      args[i] = args[best];
      i = best;
    }
    times[i] = t;
    seqs[i] = s;
    kinds[i] = k;
    args[i] = a;
    return kind;
  }

  /**
   * Marks the pending entry with insertion number `seq` cancelled; false when there is none (it
   * was popped, or cancelled already). A linear scan: cancelling is rare, so the entries carry no
   * index that every push and pop would have to maintain.
   */
  cancel(seq: number): boolean {
    const seqs = this.seqs;
    for (let i = 0; i < this.count; i++) {
      if (seqs[i] === seq) {
        if (this.kinds[i] === CANCELLED) return false;
        this.kinds[i] = CANCELLED;
        return true;
      }
    }
    return false;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    this.times = grown(this.times, cap);
    this.seqs = grown(this.seqs, cap);
    this.kinds = grown(this.kinds, cap);
    this.args = grown(this.args, cap);
  }
}
