import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DURATION_HELP, parseDuration } from '../scenario/duration.ts';
import { UsageError } from './io.ts';

/** A duration option (`--duration`, `--bucket`): seconds, longer than 0. */
export function parseDurationOption(text: string, option = '--duration'): number {
  const seconds = parseDuration(text);
  if (!(seconds > 0)) throw new UsageError(`${option}: found "${text}"; expected ${DURATION_HELP}, longer than 0`);
  return seconds;
}

/** What `--out` names: a folder to write files into, or one file. */
export type OutKind = 'folder' | 'file';

/**
 * Checks, before anything runs, that `--out` can be written as a `kind`, so that a long run does
 * not end in a write error. Creates nothing: a run that then fails on bad input leaves no folder.
 */
export function checkOut(out: string, kind: OutKind = 'folder'): void {
  const problem = outProblem(out, kind);
  if (problem !== undefined) throw new UsageError(`--out ${out}: ${problem}`);
}

/** Rethrows a failure to write `--out` as bad input that says what is in the way. */
export async function writingInto<T>(out: string, write: () => Promise<T> | T, kind: OutKind = 'folder'): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string') throw new UsageError(`--out ${out}: ${outProblem(out, kind) ?? `cannot write there (${code})`}`);
    throw err;
  }
}

function outProblem(out: string, kind: OutKind): string | undefined {
  const target = resolve(out);
  for (let at = target; ; at = dirname(at)) {
    let isFolder: boolean;
    try {
      isFolder = statSync(at).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(at) !== at) continue;
      if (code === 'ENOTDIR') continue; // a file further up; found on the way up
      return `cannot write there (${code})`;
    }
    if (at === target) {
      if (kind === 'folder' && !isFolder) return 'is a file, expected a folder';
      if (kind === 'file' && isFolder) return 'is a folder, expected a file path';
    } else if (!isFolder) return `${at} is a file, expected a folder`;
    try {
      accessSync(isFolder ? at : dirname(at), constants.W_OK);
    } catch (err) {
      return `cannot write there (${(err as NodeJS.ErrnoException).code})`;
    }
    return undefined;
  }
}
