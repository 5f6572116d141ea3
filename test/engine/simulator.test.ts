import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/event-queue.ts';
import { Simulator } from '../../src/engine/simulator.ts';

describe('EventQueue', () => {
  it('pops in (time, insertion order) for any pushes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue(4);
        times.forEach((t, i) => q.push(t, i, 0));
        const out: Array<[number, number]> = [];
        while (q.size > 0) {
          const item = q.pop();
          out.push([q.lastTime, item]);
        }
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
      }),
    );
  });

  it('interleaved pushes and pops keep the order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 400 }), (ops) => {
        const q = new EventQueue(2);
        const model: Array<[number, number]> = [];
        let seq = 0;
        for (const [push, t] of ops) {
          if (push || model.length === 0) {
            q.push(t, seq, 0);
            model.push([t, seq++]);
          } else {
            model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
            const [mt, mi] = model.shift()!;
            expect(q.pop()).toBe(mi);
            expect(q.lastTime).toBe(mt);
          }
          // peekTime is a plain load of the first entry, which an emptied queue resets to Infinity.
          expect(q.peekTime()).toBe(model.length > 0 ? Math.min(...model.map((m) => m[0])) : Infinity);
        }
        expect(q.size).toBe(model.length);
      }),
    );
  });

  it('carries the int32 argument of each entry, and an empty queue peeks Infinity', () => {
    const q = new EventQueue(2);
    expect([q.peekTime(), q.peekSeq()]).toEqual([Infinity, Infinity]);
    const args = [0, -1, 2 ** 31 - 1, -(2 ** 31), 12345];
    args.forEach((a, i) => q.push(10 - i, i, a));
    const out: number[] = [];
    while (q.size > 0) {
      q.pop();
      out.push(q.lastArg);
    }
    expect(out).toEqual([...args].reverse());
    expect([q.peekTime(), q.peekSeq()]).toEqual([Infinity, Infinity]);
  });
});

describe('Simulator', () => {
  it('runs events in time order, FIFO at equal times, with the clock at each event', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const k = sim.register((arg) => log.push(`${sim.now}:${arg}`));
    sim.schedule(5, k, 1);
    sim.schedule(2, k, 2);
    sim.schedule(5, k, 3);
    sim.schedule(2, k, 4);
    sim.run();
    expect(log).toEqual(['2:2', '2:4', '5:1', '5:3']);
  });

  it('cancel removes a pending event, and is a no-op once it ran, after later events were scheduled', () => {
    const sim = new Simulator();
    const log: number[] = [];
    const k = sim.register((arg) => log.push(arg));
    const a = sim.schedule(1, k, 1);
    const b = sim.schedule(2, k, 2);
    expect(sim.cancel(b)).toBe(true);
    expect(sim.cancel(b)).toBe(false);
    sim.run(1.5);
    expect(sim.cancel(a)).toBe(false); // already ran
    const c = sim.schedule(3, k, 3); // a new handle: a's stays dead
    expect(sim.cancel(a)).toBe(false);
    sim.run();
    expect(log).toEqual([1, 3]);
    expect(sim.cancel(c)).toBe(false);
  });

  it('run(until) stops before later events and leaves the clock at until', () => {
    const sim = new Simulator();
    const log: number[] = [];
    const k = sim.register(() => log.push(sim.now));
    sim.schedule(1, k);
    sim.schedule(10, k);
    sim.run(5);
    expect(log).toEqual([1]);
    expect(sim.now).toBe(5);
    expect(sim.pending).toBe(1);
    sim.run();
    expect(log).toEqual([1, 10]);
  });

  it('an event at exactly `until` runs', () => {
    const sim = new Simulator();
    let ran = false;
    sim.schedule(5, sim.register(() => (ran = true)));
    sim.run(5);
    expect(ran).toBe(true);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulator();
    sim.run(10);
    expect(() => sim.schedule(9, sim.register(() => {}))).toThrow(RangeError);
  });

  it('refuses an event argument the queue cannot hold as an int32', () => {
    const sim = new Simulator();
    const kind = sim.register(() => {});
    for (const arg of [0.5, 2 ** 31, -(2 ** 31) - 1, NaN]) expect(() => sim.schedule(1, kind, arg)).toThrow(/int32/);
    expect(() => sim.schedule(1, kind, -(2 ** 31))).not.toThrow();
  });

  it('matches a reference model under random schedule/cancel/run sequences', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ op: fc.constant('add' as const), dt: fc.integer({ min: 0, max: 5 }) }), fc.record({ op: fc.constant('cancel' as const), pick: fc.nat() }), fc.record({ op: fc.constant('run' as const), dt: fc.integer({ min: 0, max: 4 }) })), { maxLength: 200 }),
        (ops) => {
          const sim = new Simulator();
          const ran: number[] = [];
          const k = sim.register((arg) => ran.push(arg));
          const live = new Map<number, { time: number; handle: number }>();
          const expected: number[] = [];
          let id = 0;
          const drain = (until: number) => {
            const due = [...live.entries()].filter(([, e]) => e.time <= until).sort((a, b) => a[1].time - b[1].time || a[0] - b[0]);
            for (const [i] of due) {
              expected.push(i);
              live.delete(i);
            }
          };
          for (const o of ops) {
            if (o.op === 'add') {
              const time = sim.now + o.dt;
              live.set(id, { time, handle: sim.schedule(time, k, id) });
              id++;
            } else if (o.op === 'cancel') {
              const keys = [...live.keys()];
              if (keys.length === 0) continue;
              const key = keys[o.pick % keys.length];
              expect(sim.cancel(live.get(key)!.handle)).toBe(true);
              live.delete(key);
            } else {
              const until = sim.now + o.dt;
              drain(until);
              sim.run(until);
            }
          }
          drain(Infinity);
          sim.run();
          expect(ran).toEqual(expected);
        },
      ),
    );
  });

  it('an event source runs in (time, insertion order) with queued events', () => {
    const sim = new Simulator();
    const log: string[] = [];
    const times = [1, 2, 2, 5];
    let i = 0;
    sim.setSource({
      fire() {
        log.push(`src@${sim.now}`);
        if (i < times.length) sim.setSourceTime(times[i++]);
      },
    });
    const k = sim.register((arg) => log.push(`q${arg}@${sim.now}`));
    sim.schedule(2, k, 1); // scheduled before the source's event at 2 is set
    sim.setSourceTime(0);
    sim.run(3);
    sim.schedule(5, k, 2); // set after the source's event at 5 (set when the one at 2 ran): runs after it
    sim.run();
    expect(log).toEqual(['src@0', 'src@1', 'q1@2', 'src@2', 'src@2', 'src@5', 'q2@5']);
  });
});
