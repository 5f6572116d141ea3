/**
 * The hourly load one instance carries at the policy's target: CPU % as it is, requests per
 * target per minute times 60 (section 4).
 */
export function hourlyLoadPerInstance(metric: 'ASGCPUUtilization' | 'ALBRequestCount', target: number): number {
  return metric === 'ASGCPUUtilization' ? target : target * 60;
}

/**
 * Predictive scaling's capacity forecast: the instances needed to carry each hour's forecast load
 * at the policy's target (aws-semantics.md section 4). AWS does not publish the formula; fleetsim
 * takes the fewest instances that keep the load per instance at or below the target, e.g. total
 * CPU% across the group / target CPU% per instance, or requests in the hour / target requests
 * per instance in the hour. The group's min and max are applied by the caller, not here.
 */
export function capacityForecast(loadForecast: Float64Array, loadPerInstanceAtTarget: number): Float64Array {
  if (!(loadPerInstanceAtTarget > 0 && loadPerInstanceAtTarget < Infinity)) {
    throw new RangeError(`load per instance at target must be positive and finite, got ${loadPerInstanceAtTarget}`);
  }
  return loadForecast.map((load) => {
    const instances = load / loadPerInstanceAtTarget;
    // Division rounds, so 1.1 / 0.1 gives 11.000000000000002: without this allowance a load
    // exactly at target for 11 instances would ask for 12.
    return Math.ceil(instances - instances * 1e-12);
  });
}
