import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, renameSync, rmSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { jsonText } from './json-text.ts';
import { isStale, parseTempName, syncFolder, writeSeam } from './temp-files.ts';

/**
 * A set of files is switched from the old to the new version by one rename: that of its commit
 * record, `.fleetsim-<set>.commit`, which lists the renames of the staged files into place. Before
 * it, the folder holds the old set; from it on, the new one, even while some of its files still
 * wait under their temporary names: whoever finds the record of a dead writer does the renames it
 * lists (they are idempotent), then removes it.
 */
const RECORD_NAME = /^\.fleetsim-([a-z0-9-]+)\.commit$/;
const FORMAT = 'fleetsim-commit/1';

/**
 * A switch takes milliseconds, and finishing a live writer's switch is harmless (both do the same
 * renames), so a record this old is finished by whoever finds it, on any machine.
 */
const RECORD_STALE_AFTER_MS = 60_000;

export interface Rename {
  readonly from: string;
  readonly to: string;
}

export function recordName(set: string): string {
  return `.fleetsim-${set}.commit`;
}

export function recordText(renames: readonly Rename[]): string {
  return jsonText({ format: FORMAT, renames });
}

/** Does the renames of `renames` whose temporaries are still there (another command may be doing the same), in order. */
export function doRenames(dir: string, renames: readonly Rename[]): void {
  const subfolders = new Set<string>();
  for (const { from, to } of renames) {
    if (dirname(to) !== '.') subfolders.add(join(dir, dirname(to)));
    const path = join(dir, from);
    if (!lstatSync(path, { throwIfNoEntry: false })?.isFile()) continue;
    writeSeam.step?.('rename', join(dir, to));
    try {
      renameSync(path, join(dir, to));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  for (const subfolder of subfolders) syncFolder(subfolder);
  syncFolder(dir);
}

/**
 * Before a command writes into `dir`: completes the switch of every set whose writer died during
 * it, then removes the temporaries of dead writers. Only files whose names say fleetsim wrote them
 * are touched; a symlink is never followed nor removed. A folder that cannot be read is left to the
 * write to report.
 */
export function recoverFolder(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (RECORD_NAME.test(name)) unlessRefused(() => finishDeadCommit(dir, name));
  removeDeadTemps(dir, names);
  // A set's files in a subfolder (timeseries/) have their temporaries there; a symlink is not followed.
  for (const name of names) {
    const path = join(dir, name);
    if (SUBFOLDER.test(name) && lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) recoverSubfolder(path);
  }
}

/** Removes the temporaries of dead writers in `subfolder`, one a set writes into. */
export function recoverSubfolder(subfolder: string): void {
  let names: string[];
  try {
    names = readdirSync(subfolder);
  } catch {
    return;
  }
  removeDeadTemps(subfolder, names);
}

function removeDeadTemps(dir: string, names: readonly string[]): void {
  for (const name of names) {
    const owner = parseTempName(name);
    if (owner === undefined) continue;
    const path = join(dir, name);
    unlessRefused(() => {
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (!stat?.isFile() || !isStale(path, owner, stat.mtimeMs)) return;
      writeSeam.step?.('remove', path);
      rmSync(path, { force: true });
    });
  }
}

/**
 * Tidying up after others is no reason for a command to fail: in a shared folder with the sticky
 * bit, another user's leftovers cannot be renamed or removed (EPERM); they stay.
 */
function unlessRefused(tidy: () => void): void {
  try {
    tidy();
  } catch (err) {
    if (typeof (err as NodeJS.ErrnoException).code !== 'string') throw err;
  }
}

function finishDeadCommit(dir: string, name: string): void {
  const path = join(dir, name);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return; // a symlink, or gone: finished by another command
  }
  let stat: Stats;
  let renames: Rename[] | undefined;
  try {
    stat = fstatSync(fd);
    renames = stat.isFile() ? parseRecord(readFileSync(fd, 'utf8')) : undefined;
  } finally {
    closeSync(fd);
  }
  const owner = renames !== undefined && renames.length > 0 ? parseTempName(basename(renames[0].from)) : undefined;
  if (owner === undefined || !isStale(path, owner, stat.mtimeMs, RECORD_STALE_AFTER_MS)) return;
  doRenames(dir, renames!);
  // Another command may have finished this record and begun its own switch meanwhile.
  if (lstatSync(path, { throwIfNoEntry: false })?.ino !== stat.ino) return;
  writeSeam.step?.('remove', path);
  rmSync(path, { force: true });
  syncFolder(dir);
}

/** The renames of a commit record, each from a fleetsim temporary to the plain name it was made for; undefined for anything else. */
function parseRecord(text: string): Rename[] | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const record = data as { format?: unknown; renames?: unknown };
  if (record === null || typeof record !== 'object' || record.format !== FORMAT || !Array.isArray(record.renames)) return undefined;
  const renames = record.renames as Array<Partial<Rename> | null>;
  const valid = renames.every((r) => r !== null && typeof r === 'object' && typeof r.to === 'string' && typeof r.from === 'string' && isRename(r.from, r.to));
  return valid ? (renames as Rename[]) : undefined;
}

/**
 * A rename a record may list: from a fleetsim temporary to the plain name it was made for, in the
 * folder itself or in one subfolder of it with a plain name (never `..`), both in the same folder.
 */
function isRename(from: string, to: string): boolean {
  const [folder, name, ...deeper] = to.includes('/') ? to.split('/') : ['', to];
  if (deeper.length > 0 || /\\/.test(to) || (folder !== '' && !SUBFOLDER.test(folder))) return false;
  const prefix = folder === '' ? '' : `${folder}/`;
  return from.startsWith(prefix) && parseTempName(from.slice(prefix.length))?.final === name;
}

/** A subfolder a set may write into (`timeseries`). */
export const SUBFOLDER = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
