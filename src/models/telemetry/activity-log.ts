/** One line of activity.csv: a state change of an instance or target, like AWS's activity history. */
export interface ActivityRecord {
  readonly time: number;
  /** `asg`, or `elb:<name>` for target health. */
  readonly source: string;
  /** The instance or target id. */
  readonly subject: string;
  readonly from: string;
  readonly to: string;
  readonly cause: string;
}

export const ACTIVITY_COLUMNS = ['time_s', 'source', 'subject', 'from', 'to', 'cause'] as const;

/** The run's activity history, in the order things happened. */
export class ActivityLog {
  readonly records: ActivityRecord[] = [];

  record(time: number, source: string, subject: string, from: string, to: string, cause: string): void {
    this.records.push({ time, source, subject, from, to, cause });
  }
}
