import { relative } from 'node:path';

/** Written files for the user to read: relative to the working folder, comma-separated. */
export function shownPaths(files: readonly string[]): string {
  return files.map((f) => relative(process.cwd(), f) || f).join(', ');
}
