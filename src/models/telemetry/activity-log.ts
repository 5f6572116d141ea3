/** One line of activity.csv: a state change of an instance or target, like AWS's activity history. */
export interface ActivityRecord {
  readonly time: number;
  /**
   * The resource: `asg:<group name>` for the group's and its instances' lifecycle, `ec2:<group name>`
   * for its instances' status, `elb:<name>` for target health.
   */
  readonly source: string;
  /** The instance or target id. */
  readonly subject: string;
  readonly from: string;
  readonly to: string;
  readonly cause: string;
}

export const ACTIVITY_COLUMNS = ['time_s', 'source', 'subject', 'from', 'to', 'cause'] as const;

/**
 * Most records a run keeps, about 30 MB: a health check that flaps for a year, or a policy that
 * changes capacity every minute, would otherwise grow the history with the run. The busiest bundled
 * scenario (a week of Auto Scaling) records about 5,400.
 */
export const MAX_ACTIVITY_RECORDS = 100_000;

/** The run's activity history, in the order things happened, up to MAX_ACTIVITY_RECORDS. */
export class ActivityLog {
  readonly records: ActivityRecord[] = [];

  record(time: number, source: string, subject: string, from: string, to: string, cause: string): void {
    const n = this.records.length;
    if (n >= MAX_ACTIVITY_RECORDS) return;
    if (n === MAX_ACTIVITY_RECORDS - 1) {
      // The last place says why the history stops, in the file a reader is looking at.
      this.records.push({ time, source: 'fleetsim', subject: 'activity', from: '', to: '', cause: `${MAX_ACTIVITY_RECORDS} records kept: changes from here on are left out` });
      return;
    }
    this.records.push({ time, source, subject, from, to, cause });
  }
}
