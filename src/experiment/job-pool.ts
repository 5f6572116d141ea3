import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { TraceFormatError } from '../models/workload/traces/trace-error.ts';
import { ScenarioError, type ScenarioProblem } from '../scenario/scenario-error.ts';
import { runJob, type JobResult, type RunJob } from './run-job.ts';

export interface JobMessage {
  readonly index: number;
  readonly job: RunJob;
}

/** A job's failure as a worker thread sends it: bad input by its fields, anything else by its stack. */
export type WorkerError =
  | { readonly problems: readonly ScenarioProblem[] }
  | { readonly trace: { readonly file: string; readonly line: number | undefined; readonly problem: string } }
  | { readonly stack: string };

export type WorkerReply = { readonly index: number; readonly result: JobResult } | { readonly index: number; readonly error: WorkerError };

export interface PoolOptions {
  /** Worker threads; 1 runs the jobs in this thread. Default: one per core. */
  readonly workers?: number;
  /** Called after each finished job. */
  readonly onJobDone?: (done: number, total: number) => void;
}

/** Default worker count: every core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** The worker threads to start, and what held them below the number asked for. */
export interface WorkerCount {
  readonly workers: number;
  /** `cores`: more threads than cores only share the cores and cost memory; `jobs`: a thread without a job does nothing. */
  readonly limitedBy: 'cores' | 'jobs' | null;
}

/**
 * Worker threads for `jobs` jobs: as many as asked for (default: one per core), but no more than
 * the cores, unless `force`, and never more than the jobs: each thread loads its own copy of
 * fleetsim, and past the cores the threads only take turns.
 */
export function workerCount(requested: number | undefined, jobs: number, force = false, cores = defaultWorkers()): WorkerCount {
  let workers = requested ?? cores;
  let limitedBy: WorkerCount['limitedBy'] = null;
  if (!force && workers > cores) {
    workers = cores;
    limitedBy = 'cores';
  }
  if (workers > jobs) {
    workers = Math.max(jobs, 1);
    limitedBy = 'jobs';
  }
  return { workers, limitedBy: requested === undefined ? null : limitedBy };
}

/**
 * Runs the jobs and returns their results in job order, whatever order they finish in, so that
 * outputs do not depend on the number of workers.
 */
export async function runJobs(jobs: readonly RunJob[], options: PoolOptions = {}): Promise<JobResult[]> {
  const workers = Math.min(options.workers ?? defaultWorkers(), jobs.length);
  if (workers <= 1) {
    return jobs.map((job, i) => {
      const result = runJob(job);
      options.onJobDone?.(i + 1, jobs.length);
      return result;
    });
  }
  const results: JobResult[] = new Array<JobResult>(jobs.length);
  const threads: Worker[] = [];
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (worker: Worker) => {
        if (next < jobs.length) {
          const message: JobMessage = { index: next, job: jobs[next] };
          next++;
          worker.postMessage(message);
        }
      };
      for (let w = 0; w < workers; w++) {
        const worker = startWorker();
        threads.push(worker);
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (done < jobs.length) reject(new Error(`a worker thread exited (code ${code}) before the jobs were done`));
        });
        worker.on('message', (reply: WorkerReply) => {
          if ('error' in reply) {
            reject(rebuilt(reply.error));
            return;
          }
          results[reply.index] = reply.result;
          done++;
          options.onJobDone?.(done, jobs.length);
          if (done === jobs.length) resolve();
          else feed(worker);
        });
        feed(worker);
      }
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results;
}

function rebuilt(e: WorkerError): Error {
  if ('problems' in e) return new ScenarioError(e.problems);
  if ('trace' in e) return new TraceFormatError(e.trace.file, e.trace.line, e.trace.problem);
  return new Error(`in a worker thread: ${e.stack}`);
}

/**
 * fleetsim runs as TypeScript through tsx, and a worker thread starts without the loader of its
 * parent (Node 20 ignores `--import` in a worker's execArgv for its entry), so the worker first
 * registers tsx, then imports its entry module.
 */
function startWorker(): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./job-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true });
}
