/**
 * A CloudWatch metric's identity: namespace, metric name and dimensions. CloudWatch treats each
 * combination as its own metric (CloudWatch User Guide, "Dimensions"), so the same name with other
 * dimensions (CPUUtilization of another group) is another series.
 */
export interface MetricKey {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** Namespaces of the AWS services fleetsim models (CloudWatch User Guide, "AWS services that publish CloudWatch metrics"). */
export const EC2_NAMESPACE = 'AWS/EC2';
export const APPLICATION_ELB_NAMESPACE = 'AWS/ApplicationELB';
export const NETWORK_ELB_NAMESPACE = 'AWS/NetworkELB';
/** Figures AWS does not publish under that name or for that resource (a queue length, an NLB's request count). */
export const FLEETSIM_NAMESPACE = 'fleetsim';

/** One string per metric, the same whatever order the dimensions are given in: "AWS/EC2 CPUUtilization {AutoScalingGroupName=web}". */
export function metricKeyId(key: MetricKey): string {
  const dimensions = Object.keys(key.dimensions)
    .sort()
    .map((name) => `${name}=${key.dimensions[name]}`)
    .join(', ');
  return `${key.namespace} ${key.metricName} {${dimensions}}`;
}
