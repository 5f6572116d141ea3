import seedrandom from 'seedrandom';

/** A uniform source on [0, 1). */
export type Uniform = () => number;

/**
 * Independent named random streams derived from one seed.
 *
 * Each stream is seeded from the run seed and its own name, so adding a component (a new name)
 * never shifts another component's draws. The generator is seedrandom's xor4096 (Brent's
 * xorgens: a 4096-bit state, period 2^4096 - 1). Its plain call gives 32 random bits and runs
 * about 9 times faster than seedrandom's default ARC4 (bench/random.ts).
 */
export class RandomStreams {
  private readonly names = new Set<string>();

  constructor(readonly seed: number) {}

  /** A new stream for `name`; each name may be taken once per run. */
  stream(name: string): Uniform {
    if (this.names.has(name)) throw new Error(`random stream "${name}" is already in use`);
    this.names.add(name);
    return seedrandom.xor4096(`fleetsim:${this.seed}:${name}`);
  }
}
