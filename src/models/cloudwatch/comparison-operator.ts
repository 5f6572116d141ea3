/** The four static-threshold operators of a CloudWatch metric alarm (PutMetricAlarm ComparisonOperator). */
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** Whether `value` breaches `threshold` under `operator`. */
export function breaches(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= threshold;
  }
}

/** True for operators that breach above the threshold: step bounds read lower-inclusive for these. */
export function breachesAbove(operator: ComparisonOperator): boolean {
  return operator === 'GreaterThanThreshold' || operator === 'GreaterThanOrEqualToThreshold';
}

export function operatorSymbol(operator: ComparisonOperator): string {
  switch (operator) {
    case 'GreaterThanThreshold':
      return '>';
    case 'GreaterThanOrEqualToThreshold':
      return '>=';
    case 'LessThanThreshold':
      return '<';
    case 'LessThanOrEqualToThreshold':
      return '<=';
  }
}
