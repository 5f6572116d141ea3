import { CONFIDENCE } from './estimate.ts';

/** P(X <= k) for X binomial(n, p), 0 < p < 1, summed in logarithms so that no term underflows early. */
function binomialCdf(k: number, n: number, p: number): number {
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  let logTerm = n * logQ;
  let sum = Math.exp(logTerm);
  for (let i = 0; i < k; i++) {
    logTerm += Math.log((n - i) / (i + 1)) + logP - logQ;
    sum += Math.exp(logTerm);
  }
  return Math.min(1, sum);
}

/** The p in (0, 1) where the decreasing function f crosses `target`, by bisection to double precision. */
function crossing(f: (p: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact (Clopper-Pearson) confidence interval of a share from `k` successes in `n` trials:
 * the shares p under which seeing k or fewer (for the upper bound), or k or more (for the lower),
 * has probability (1 - confidence) / 2. It covers the true share at least `confidence` of the
 * time for every n, where the normal approximation fails for few trials and shares near 0 or 1
 * (Clopper and Pearson, Biometrika 26, 1934).
 */
export function shareInterval(k: number, n: number, confidence = CONFIDENCE): { readonly low: number; readonly high: number } {
  if (!Number.isInteger(k) || !Number.isInteger(n) || n < 1 || k < 0 || k > n) throw new RangeError(`shareInterval: ${k} of ${n}`);
  const tail = (1 - confidence) / 2;
  const low = k === 0 ? 0 : crossing((p) => binomialCdf(k - 1, n, p), 1 - tail);
  const high = k === n ? 1 : crossing((p) => binomialCdf(k, n, p), tail);
  return { low, high };
}
