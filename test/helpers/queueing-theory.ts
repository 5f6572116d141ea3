/**
 * Closed-form results of queueing theory that fleetsim is checked against. Written from the
 * textbook formulas (Kleinrock, Queueing Systems Vol. 1, 1975; Gross & Harris, Fundamentals of
 * Queueing Theory), independently of the simulator's code.
 */

/** M/M/1: the response time is exponential with rate mu - lambda. */
export function mm1(lambda: number, mu: number) {
  const rate = mu - lambda;
  return {
    meanResponse: 1 / rate,
    /** Quantile of the response time. */
    responseQuantile: (q: number) => -Math.log(1 - q) / rate,
  };
}

/** Erlang C: probability that an arrival waits in M/M/c, with offered load a = lambda / mu. */
function erlangC(c: number, a: number): number {
  // Erlang B by its stable recursion, then C = B / (1 - rho (1 - B)).
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

/** M/M/c: probability of waiting and mean wait in queue. */
export function mmc(lambda: number, mu: number, c: number) {
  const pWait = erlangC(c, lambda / mu);
  const meanWait = pWait / (c * mu - lambda);
  return { pWait, meanWait, meanResponse: meanWait + 1 / mu };
}

/** M/D/1 by Pollaczek-Khinchine: mean wait rho / (2 mu (1 - rho)) for a constant service time 1/mu. */
export function md1(lambda: number, mu: number) {
  const rho = lambda / mu;
  const meanWait = rho / (2 * mu * (1 - rho));
  return { meanWait, meanResponse: meanWait + 1 / mu };
}
