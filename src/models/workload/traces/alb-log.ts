import { quoteExcerpt } from '../../../text/truncate.ts';
import { isoUtcTime } from './log-time.ts';
import type { LogEntry } from './log-entry.ts';

/**
 * Fields of an ALB access log entry up to the last one fleetsim reads, in AWS's documented order
 * (Elastic Load Balancing user guide, "Access log entries"). Later fields are ignored: AWS appends
 * new fields at the end and asks readers to ignore the ones they do not expect.
 */
const FIELDS = [
  'type', 'time', 'elb', 'client:port', 'target:port', 'request_processing_time', 'target_processing_time',
  'response_processing_time', 'elb_status_code', 'target_status_code', 'received_bytes', 'sent_bytes', '"request"',
  '"user_agent"', 'ssl_cipher', 'ssl_protocol', 'target_group_arn', '"trace_id"', '"domain_name"', '"chosen_cert_arn"',
  'matched_rule_priority', 'request_creation_time',
] as const;

const TYPE = 0;
const TIME = 1;
const TARGET_TIME = 6;
const REQUEST = 12;
const CREATED = 21;

export const ALB_SHAPE = 'type time elb client:port target:port request_processing_time target_processing_time ... request_creation_time ...';

/** A processing time: seconds with millisecond precision, or -1 when there is none. */
const SECONDS = /^(?:\d+(?:\.\d+)?|-1)$/;

/**
 * Reads one ALB access log entry into `entry`: the arrival is request_creation_time (when the load
 * balancer received the request; `time` is when it answered), the service time is
 * target_processing_time (from sending the request to the target until the target started its
 * response headers), NaN when that is -1 (the request never reached a target or the target did
 * not answer before the idle timeout). Returns what is wrong with the line, or undefined.
 */
export function parseAlbLine(line: string, entry: LogEntry): string | undefined {
  const fields = splitFields(line, FIELDS.length);
  if (fields.length < FIELDS.length) {
    return `found ${fields.length} fields; expected at least ${FIELDS.length} (an ALB access log entry: ${ALB_SHAPE})`;
  }
  if (!/^[a-z0-9]+$/.test(fields[TYPE])) return `type ${quoteExcerpt(fields[TYPE])} is not a request type such as http, https or h2`;
  if (isoUtcTime(fields[TIME]) === undefined) return timeProblem(fields[TIME], 'time');
  const created = isoUtcTime(fields[CREATED]);
  if (created === undefined) return timeProblem(fields[CREATED], 'request_creation_time');
  for (let i = 5; i <= 7; i++) {
    if (!SECONDS.test(fields[i])) return `${FIELDS[i]} ${quoteExcerpt(fields[i])} is not a number of seconds or -1`;
  }
  if (!fields[REQUEST].startsWith('"')) return `"request" ${quoteExcerpt(fields[REQUEST])} is not in double quotes`;
  entry.time = created.whole;
  entry.fraction = created.fraction;
  const service = Number(fields[TARGET_TIME]);
  // Hundreds of digits read as Infinity: a request that would never finish.
  if (service === Infinity) return `target_processing_time ${quoteExcerpt(fields[TARGET_TIME])} is too large to be a number of seconds`;
  entry.service = service < 0 ? NaN : service;
  return undefined;
}

function timeProblem(text: string, name: string): string {
  return `${name} ${quoteExcerpt(text)} is not an ISO 8601 UTC time such as 2018-07-02T22:23:00.186641Z`;
}

/**
 * The first `count` space-separated fields, quoted ones with their quotes. A quoted field ends at
 * a quote followed by a space or the end of the line, so a user agent may hold quotes.
 */
function splitFields(line: string, count: number): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i < line.length && fields.length < count) {
    let end: number;
    if (line[i] === '"') {
      end = line.indexOf('" ', i + 1);
      end = end < 0 ? (line.length > i + 1 && line.endsWith('"') ? line.length : -1) : end + 1;
      if (end < 0) break;
    } else {
      end = line.indexOf(' ', i);
      if (end < 0) end = line.length;
    }
    fields.push(line.slice(i, end));
    i = end + 1;
  }
  return fields;
}
