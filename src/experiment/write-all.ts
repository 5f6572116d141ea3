import { AtomicOutput } from '../report/atomic-write.ts';

/** Stages files into `dir` and renames them into place only when every one is written. */
export async function writeAll(dir: string, write: (out: AtomicOutput) => Promise<string[]>): Promise<string[]> {
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
