import { UsageError } from './io.ts';

/** The largest whole number a JavaScript number holds exactly, and so the largest seed, count or index fleetsim takes. */
export const LARGEST_WHOLE = Number.MAX_SAFE_INTEGER;
const LARGEST_TEXT = `${LARGEST_WHOLE} (2^53 - 1)`;

/** Decimal notation: digits with an optional point and exponent (`40`, `1e6`, `2.0`), nothing else. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Every whole-number option and variable (`--seed`, `--seeds`, `--workers`, `--shard i/N`,
 * `JOB_COMPLETION_INDEX`, ...) read one way: `source` names it in messages. An empty value is an
 * error, not 0; a whole number beyond what a number holds exactly (`1e20`) is said to be out of
 * range rather than not whole, since above 2^53 neighbouring seeds would be the same number.
 */
export function parseWhole(source: string, text: string | undefined, min: number, max: number = LARGEST_WHOLE): number {
  const range = max === LARGEST_WHOLE ? `>= ${min}` : `from ${min} to ${max}`;
  const trimmed = (text ?? '').trim();
  if (trimmed === '') throw new UsageError(`${source}: found an empty value; expected a whole number ${range}`);
  const m = DECIMAL.exec(trimmed);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new UsageError(`${source}: found "${text}"; expected a whole number ${range}`);
  if (!isWhole(m[2], m[3] ?? '', Number(m[4] ?? 0))) throw new UsageError(`${source}: found "${text}", not a whole number; expected a whole number ${range}`);
  const n = Number(trimmed);
  if (n < min) throw new UsageError(`${source}: found "${text}"; expected a whole number ${range}`);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${source}: found "${text}", a whole number above the largest that fleetsim takes, ${LARGEST_TEXT}`);
  if (n > max) throw new UsageError(`${source}: found "${text}"; expected a whole number ${range}`);
  return n === 0 ? 0 : n; // -0 reads as 0
}

/** Whether digits `whole`.`fraction` times 10^exponent has no fractional part, decided on the text, not on a rounded number. */
function isWhole(whole: string, fraction: string, exponent: number): boolean {
  const digits = whole + fraction;
  const point = whole.length + exponent;
  for (let i = Math.max(point, 0); i < digits.length; i++) if (digits[i] !== '0') return false;
  return true;
}

/** The seeds `first`, `first + 1`, ..., `first + count - 1`; refused when the last would pass 2^53 - 1, where seeds stop being distinct numbers. */
export function seedRange(first: number, count: number, firstOption: string, countOption: string): number[] {
  const last = first + count - 1;
  if (last > LARGEST_WHOLE) {
    throw new UsageError(`${firstOption} ${first} with ${countOption} ${count}: the last seed would be ${BigInt(first) + BigInt(count) - 1n}, above ${LARGEST_TEXT}; give a lower ${firstOption} or fewer seeds`);
  }
  return Array.from({ length: count }, (_, i) => first + i);
}
