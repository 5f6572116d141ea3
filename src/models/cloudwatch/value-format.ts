/**
 * Metric values in alarm reasons and scaling causes: one decimal, but two significant digits
 * below 1 so small metrics (latency in seconds, error ratios) do not all print as 0.0.
 */
export function formatMetricValue(value: number): string {
  return value !== 0 && Math.abs(value) < 1 ? value.toPrecision(2) : value.toFixed(1);
}

/** Configured numbers (thresholds, targets) as written, without binary noise: 0.7 x 40 prints 28. */
export function formatSetting(value: number): string {
  return String(Number(value.toPrecision(12)));
}
