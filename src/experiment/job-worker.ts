import { parentPort } from 'node:worker_threads';
import { ScenarioError } from '../scenario/scenario-error.ts';
import type { JobMessage, WorkerReply } from './job-pool.ts';
import { runJob } from './run-job.ts';

// Entry of a worker thread of the job pool: runs the jobs it is sent, one at a time.
const port = parentPort;
if (!port) throw new Error('job-worker.ts runs only as a worker thread');
port.on('message', (message: JobMessage) => {
  let reply: WorkerReply;
  try {
    reply = { index: message.index, result: runJob(message.job) };
  } catch (err) {
    reply = {
      index: message.index,
      error: err instanceof ScenarioError ? { problems: err.problems } : { stack: err instanceof Error ? (err.stack ?? err.message) : String(err) },
    };
  }
  port.postMessage(reply);
});
