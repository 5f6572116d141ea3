import { EventQueue } from './event-queue.ts';

/**
 * Called with the int32 the event was scheduled with (an id, an index); the clock is already at
 * the event's time.
 */
export type EventHandler = (arg: number) => void;
/** Identifies a registered handler. */
export type EventKind = number;
/** Identifies one scheduled event, for cancel(): its insertion number, never reused in a run. */
export type EventHandle = number;

/** A stream of events with one pending at a time, kept outside the queue (Simulator.setSource). */
export interface EventSource {
  fire(): void;
}

/**
 * The discrete-event core: a clock in seconds and a queue of events, run in (time, insertion order).
 *
 * Events are (time, kind, arg) triples held in the queue itself. Models register a handler once and
 * then schedule numbers, so the per-request path creates no objects.
 */
export class Simulator {
  /** Current simulated time, seconds. */
  now = 0;
  /** Events run so far (cancelled ones excluded). */
  eventsProcessed = 0;

  private readonly queue = new EventQueue();
  private readonly handlers: EventHandler[] = [];
  /** The event source that bypasses the queue (see setSource), or none. */
  private source: EventSource | null = null;
  private sourceTime = Infinity;
  private sourceSeq = 0;

  /**
   * Gives the simulator one source of events that keeps its single next event outside the queue:
   * the stream of arrivals, which would otherwise cost a push and a pop per request. Its event
   * runs in the same (time, insertion order) as a queued one would.
   */
  setSource(source: EventSource): void {
    this.source = source;
  }

  /** Sets when the source fires next (Infinity: never). Called by the source itself. */
  setSourceTime(time: number): void {
    if (!(time >= this.now)) throw inThePast(time, this.now);
    this.sourceTime = time;
    this.sourceSeq = this.queue.takeSeq();
  }

  /** Registers a handler and returns the kind to schedule it with. */
  register(handler: EventHandler): EventKind {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /** Schedules an event at absolute time `time` (not before now) with an int32 argument. */
  schedule(time: number, kind: EventKind, arg = 0): EventHandle {
    if (!(time >= this.now)) throw inThePast(time, this.now);
    if ((arg | 0) !== arg) throw notAnInt32(arg);
    return this.queue.push(time, kind, arg);
  }

  /** Schedules an event `delay` seconds from now. */
  scheduleIn(delay: number, kind: EventKind, arg = 0): EventHandle {
    return this.schedule(this.now + delay, kind, arg);
  }

  /** Cancels a pending event; returns false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /** Number of scheduled events not yet run (cancelled ones included until their time). */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Runs events in order until the queue is empty or the next event is later than `until`; then
   * the clock is set to `until` if that is finite.
   */
  run(until = Infinity): void {
    const queue = this.queue;
    const handlers = this.handlers;
    for (;;) {
      const qt = queue.peekTime();
      const st = this.sourceTime;
      // The source's event goes first if it is earlier, or as early and scheduled first.
      if (st < qt || (st === qt && st !== Infinity && this.sourceSeq < queue.peekSeq())) {
        if (st > until) break;
        this.now = st;
        this.sourceTime = Infinity;
        this.eventsProcessed++;
        this.source!.fire();
        continue;
      }
      if (qt > until || qt === Infinity) break;
      const kind = queue.pop();
      // CANCELLED (-1), as a literal: an imported constant is loaded and checked on every event.
      if (kind < 0) continue;
      this.now = queue.lastTime;
      this.eventsProcessed++;
      handlers[kind](queue.lastArg);
    }
    if (until !== Infinity && until > this.now) this.now = until;
  }
}

/** The error for an event argument the queue cannot hold (it keeps them in an Int32Array). */
function notAnInt32(arg: number): RangeError {
  return new RangeError(`an event's argument must be an int32, not ${arg}`);
}

/**
 * The error for an event scheduled before the clock. Built out of line: the per-event methods that
 * throw it stay small enough for the JIT to inline them into their callers.
 */
function inThePast(time: number, now: number): RangeError {
  return new RangeError(`cannot schedule an event at ${time} s: the clock is at ${now} s`);
}
