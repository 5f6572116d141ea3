import { parentPort } from 'node:worker_threads';
import { TraceFormatError } from '../models/workload/traces/trace-error.ts';
import { ScenarioError } from '../scenario/scenario-error.ts';
import type { JobMessage, WorkerError, WorkerReply } from './job-pool.ts';
import { runJob } from './run-job.ts';

// Entry of a worker thread of the job pool: runs the jobs it is sent, one at a time.
const port = parentPort;
if (!port) throw new Error('job-worker.ts runs only as a worker thread');
port.on('message', (message: JobMessage) => {
  let reply: WorkerReply;
  try {
    reply = { index: message.index, result: runJob(message.job) };
  } catch (err) {
    reply = { index: message.index, error: transferable(err) };
  }
  port.postMessage(reply);
});

/** Bad input crosses the thread boundary as its fields, so that the pool can rebuild the same error. */
function transferable(err: unknown): WorkerError {
  if (err instanceof ScenarioError) return { problems: err.problems };
  if (err instanceof TraceFormatError) return { trace: { file: err.file, line: err.line, problem: err.problem } };
  return { stack: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}
