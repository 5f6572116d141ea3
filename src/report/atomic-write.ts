import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The files a command writes into one folder (a run's outputs, a comparison's, a sweep's or one
 * shard of it, a converted trace) are first written under temporary names and renamed into place
 * only when all of them are complete, so an interrupted command never leaves a file that looks
 * finished.
 */
export class AtomicOutput {
  private readonly staged: Array<{ tmp: string; final: string }> = [];

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  /** Stages a file's whole content; returns its final path. */
  write(name: string, content: string): string {
    const final = join(this.dir, name);
    const tmp = join(dirname(final), `.${name}.${process.pid}.tmp`);
    this.staged.push({ tmp, final });
    writeFileSync(tmp, content);
    return final;
  }

  /** Renames every staged file into place. */
  commit(): void {
    for (const { tmp, final } of this.staged) renameSync(tmp, final);
    this.staged.length = 0;
  }

  /** Removes staged files after a failure. */
  abort(): void {
    for (const { tmp } of this.staged) rmSync(tmp, { force: true });
    this.staged.length = 0;
  }
}

/** Stages files into `dir` and renames them into place only when every one is written. */
export async function writeAll(dir: string, write: (out: AtomicOutput) => Promise<string[]> | string[]): Promise<string[]> {
  const out = new AtomicOutput(dir);
  try {
    const files = await write(out);
    out.commit();
    return files;
  } catch (err) {
    out.abort();
    throw err;
  }
}
