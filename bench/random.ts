/**
 * Throughput of seedrandom's generators, with Math.random as a reference, and the cost of an
 * exponential draw through d3-random on top of xor4096 (fleetsim's generator, src/engine/random.ts).
 *
 * Each case runs in its own loop function, compiled from a distinct source string, so the call to
 * the generator in it sees a single target and can be inlined whatever ran before; cases are run
 * interleaved after a warm-up round, and the median of the timed runs is shown. The mean of the
 * draws is checked (uniform about 0.5, exponential(1) about 1), and the bench fails otherwise.
 *
 * Run: npx tsx bench/random.ts
 */
import { pathToFileURL } from 'node:url';
import { randomExponential } from 'd3-random';
import seedrandom from 'seedrandom';
import { fmt, fmtSeconds, heading, now, printTable, sampleRoundRobin, since, type Sample } from './lib/measure.ts';

/** Each timed run lasts about this long (draws per run are sized to it in the warm-up). */
const RUN_NS = 150e6;
const RUNS = 5;
const SEED = 'fleetsim:bench:random';

type Loop = (rng: unknown, n: number) => number;

/**
 * A loop summing `n` results of `rng<call>` (call: "()", ".double()", ...), or of `expr` with `u`
 * standing for one such result. The label goes into the source as a comment, so every loop is a
 * different script to V8 (no shared compilation cache entry, no shared type feedback).
 */
function makeLoop(label: string, call: string, expr = 'u'): Loop {
  const body =
    `/* ${label.replace(/\*\//g, '')} */\n` +
    `let s = 0;\n` +
    `for (let i = 0; i < n; i++) s += ${expr.replace(/\bu\b/g, `rng${call}`)};\n` +
    `return s;`;
  return new Function('rng', 'n', body) as Loop;
}

interface Case {
  readonly generator: string;
  /** How it is called, as shown in the table. */
  readonly call: string;
  /** Random bits in one result. */
  readonly bits: number;
  /** Expected mean of a result (0.5 for uniform draws). */
  readonly mean: number;
  readonly source: unknown;
  readonly loop: Loop;
}

function uniformCase(generator: string, source: unknown, call: string, bits: number): Case {
  return { generator, call, bits, mean: 0.5, source, loop: makeLoop(`${generator} ${call}`, call) };
}

interface Measured {
  readonly sample: Sample;
  /** Draws per timed run. */
  readonly draws: number;
  /** Mean of the draws of all runs. */
  readonly mean: number;
}

/** Largest number <= x with two significant digits. */
function roundDown2(x: number): number {
  const p = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.floor(x / p) * p;
}

/**
 * Warm-up of every case (a short run for the JIT, then a longer one that sizes the timed runs to
 * about RUN_NS each), then RUNS interleaved rounds.
 */
function measureCases(cases: readonly Case[]): Measured[] {
  const sums = cases.map(() => ({ total: 0, count: 0 }));
  const draws = cases.map((c, i) => {
    c.loop(c.source, 200_000);
    const calibration = 2_000_000;
    const start = now();
    sums[i].total += c.loop(c.source, calibration);
    sums[i].count += calibration;
    const ns = since(start);
    return Math.min(100_000_000, Math.max(1_000_000, roundDown2((RUN_NS * calibration) / ns)));
  });
  const samples = sampleRoundRobin(
    cases.map((c, i) => () => {
      const start = now();
      const s = c.loop(c.source, draws[i]);
      const ns = since(start);
      sums[i].total += s;
      sums[i].count += draws[i];
      return ns;
    }),
    { warmup: 0, runs: RUNS, gcBetween: false },
  );
  return samples.map((sample, i) => ({ sample, draws: draws[i], mean: sums[i].total / sums[i].count }));
}

/** Failures for means outside 1% of the expected value (far beyond sampling error at this size). */
function checkMeans(cases: readonly Case[], results: readonly Measured[]): string[] {
  return cases.flatMap((c, i) => {
    const m = results[i].mean;
    return Number.isFinite(m) && Math.abs(m - c.mean) <= 0.01 * c.mean
      ? []
      : [`${c.generator} ${c.call}: mean ${m}, expected about ${c.mean}`];
  });
}

/** Best of the timed runs: these loops allocate nothing, so a slower run was only disturbed. */
const nsPerDraw = (r: Measured): number => r.sample.bestNs / r.draws;
const spread = (r: Measured): string => `+${fmt(((r.sample.medianNs - r.sample.bestNs) / r.sample.bestNs) * 100, 0)}%`;

export async function runRandomBench(): Promise<void> {
  heading('Random streams: seedrandom generators');
  console.log(
    `Per case: warm-up, then ${RUNS} interleaved runs of about ${fmt(RUN_NS / 1e6, 0)} ms; best run shown ` +
      '(spread = (median - best) / best).',
  );
  console.log('rng() gives 32 random bits for every algorithm but ARC4 (52); .double() gives 53 bits (two steps).');
  console.log(`Node ${process.version}, ${process.arch}`);
  const benchStart = now();
  const failures: string[] = [];

  // ---- Uniform draws ----
  const algorithms: readonly [string, () => seedrandom.PRNG][] = [
    ['alea', () => seedrandom.alea(SEED)],
    ['xor128', () => seedrandom.xor128(SEED)],
    ['xorwow', () => seedrandom.xorwow(SEED)],
    ['xorshift7', () => seedrandom.xorshift7(SEED)],
    ['xor4096', () => seedrandom.xor4096(SEED)],
    ['tychei', () => seedrandom.tychei(SEED)],
  ];
  const arc4 = 'ARC4 (default)';
  const cases: Case[] = [
    uniformCase(arc4, seedrandom(SEED), '()', 52),
    uniformCase(arc4, seedrandom(SEED), '.quick()', 32),
  ];
  for (const [name, make] of algorithms) {
    cases.push(uniformCase(name, make(), '()', 32));
    cases.push(uniformCase(name, make(), '.double()', 53));
  }
  cases.push(uniformCase('Math.random', Math.random, '()', 52));

  const results = measureCases(cases);
  failures.push(...checkMeans(cases, results));
  const arc4Ns = nsPerDraw(results[0]);
  printTable(
    ['generator', 'call', 'bits', 'M draws/s', 'ns/draw', 'spread', 'vs ARC4 ()'],
    cases.map((c, i) => {
      const ns = nsPerDraw(results[i]);
      return [c.generator, c.call, String(c.bits), fmt(1e3 / ns, 1), fmt(ns, 2), spread(results[i]), `${fmt(arc4Ns / ns, 2)}x`];
    }),
    ['left', 'left'],
  );

  const seeded = cases.map((c, i) => ({ c, ns: nsPerDraw(results[i]) })).filter(({ c }) => c.generator !== 'Math.random');
  const fastest = seeded.reduce((a, b) => (b.ns < a.ns ? b : a));
  const nsOf = (generator: string, call: string): number => seeded.find(({ c }) => c.generator === generator && c.call === call)!.ns;
  const xorNs = nsOf('xor4096', '()');
  const xorDoubleNs = nsOf('xor4096', '.double()');
  const mathNs = nsPerDraw(results[results.length - 1]);
  const uniformConclusion =
    `xor4096() (fleetsim's streams) is ${fmt(arc4Ns / xorNs, 1)}x ARC4's default () ` +
    `(${fmt(1e3 / xorNs, 1)} vs ${fmt(1e3 / arc4Ns, 1)} M draws/s), xor4096.double() ${fmt(arc4Ns / xorDoubleNs, 1)}x; ` +
    `fastest seedrandom call: ${fastest.c.generator}${fastest.c.call} at ${fmt(1e3 / fastest.ns, 1)} M/s; ` +
    `Math.random: ${fmt(1e3 / mathNs, 1)} M/s.`;

  // ---- Exponential draws on xor4096 ----
  heading('Random streams: exponential draws on xor4096', 2);
  const expCases: Case[] = [
    uniformCase('xor4096', seedrandom.xor4096(SEED), '()', 32),
    {
      generator: 'd3 randomExponential.source(xor4096)(1)',
      call: '()',
      bits: 32,
      mean: 1,
      source: randomExponential.source(seedrandom.xor4096(SEED))(1),
      loop: makeLoop('d3 exponential', '()'),
    },
    {
      generator: 'inline -Math.log1p(-xor4096())',
      call: '',
      bits: 32,
      mean: 1,
      source: seedrandom.xor4096(SEED),
      loop: makeLoop('inline exponential', '()', '-Math.log1p(-u)'),
    },
  ];
  const expResults = measureCases(expCases);
  failures.push(...checkMeans(expCases, expResults));
  const uniformNs = nsPerDraw(expResults[0]);
  printTable(
    ['draw', 'M draws/s', 'ns/draw', 'spread', 'ns over uniform'],
    expCases.map((c, i) => {
      const ns = nsPerDraw(expResults[i]);
      return [`${c.generator}${c.call}`, fmt(1e3 / ns, 1), fmt(ns, 2), spread(expResults[i]), i === 0 ? '-' : fmt(ns - uniformNs, 2)];
    }),
  );
  const d3Ns = nsPerDraw(expResults[1]);
  const inlineNs = nsPerDraw(expResults[2]);

  heading('Random streams: conclusion', 2);
  console.log(uniformConclusion);
  console.log(
    `An exponential draw via d3-random on xor4096 takes ${fmt(d3Ns, 1)} ns, ${fmt(d3Ns - uniformNs, 1)} ns ` +
      `(${fmt((d3Ns / uniformNs - 1) * 100, 0)}%) more than the uniform under it; inline -log1p(-u) takes ${fmt(inlineNs, 1)} ns.`,
  );
  console.log(`(bench took ${fmtSeconds(since(benchStart))})`);

  if (failures.length > 0) {
    console.error('\nRANDOM CHECK FAILED:');
    for (const f of failures) console.error(`  ${f}`);
    process.exitCode = 1;
    throw new Error(`random bench: ${failures.length} check(s) failed`);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRandomBench().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
