import { regularizedBeta } from './student-t.ts';

/**
 * Clopper-Pearson interval of a share from `k` events in `n` trials (Clopper & Pearson,
 * Biometrika 26, 1934): the shares p for which seeing k or more events (low) or k or fewer (high)
 * is at least (1 - confidence) / 2 likely, read from the beta distribution,
 * P(Bin(n, p) >= k) = I_p(k, n - k + 1). It covers at least as often as it says for every p,
 * where the normal approximation fails for few trials and shares near 0 or 1, stays within 0..1,
 * and is not 0 wide when every trial agrees (3 of 3 gives 0.29 to 1).
 */
export function shareInterval(k: number, n: number, confidence: number): { readonly low: number; readonly high: number } {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 1 || k < 0 || k > n) throw new RangeError(`shareInterval: ${k} of ${n}`);
  const tail = (1 - confidence) / 2;
  return {
    low: k === 0 ? 0 : betaQuantile(tail, k, n - k + 1),
    high: k === n ? 1 : betaQuantile(1 - tail, k + 1, n - k),
  };
}

/** The x with I_x(a, b) = p, by bisection (I_x rises with x), to 1e-12. */
function betaQuantile(p: number, a: number, b: number): number {
  let lo = 0;
  let hi = 1;
  while (hi - lo > 1e-12) {
    const mid = (lo + hi) / 2;
    if (regularizedBeta(mid, a, b) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
