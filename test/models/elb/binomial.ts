/**
 * Tolerances for counts of independent draws. A count of n draws with probability p is binomial:
 * mean np, standard deviation sqrt(np(1 - p)). Checks allow Z standard deviations: a correct
 * model fails one such two-sided check with probability about 6e-7, so even a test making a few
 * hundred of them on a fixed seed is sound, and a real bias of a few standard deviations shows.
 */
export const Z = 5;

export function binomialSd(n: number, p: number): number {
  return Math.sqrt(n * p * (1 - p));
}

/** Half-width of the band around n * p that a binomial(n, p) count stays in (Z standard deviations). */
export function binomialTolerance(n: number, p: number): number {
  return Z * binomialSd(n, p);
}
