import { createHash, randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, readlinkSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * fleetsim's temporary files are named `.<final name>.fleetsim-<machine>-<pid>-<random>.tmp`: the
 * name says that fleetsim wrote it, for which file, and which process owns it, so that a later
 * command into the same folder can tell a dead writer's leftovers from a live writer's file (the
 * shards of a sweep write into one shared folder at once, from many machines) and from the user's
 * own files. The random part makes the name impossible to plant a symlink at in advance.
 */
const TEMP_NAME = /^\.(.+)\.fleetsim-([0-9a-f]{8})-(\d+)-[0-9a-f]{16}\.tmp$/;

/** A temporary that has lived this long belongs to a dead writer, whatever machine it ran on. */
const STALE_AFTER_MS = 24 * 3600 * 1000;

/**
 * A pid names a process only within one pid namespace of one host: containers on one host share
 * its hostname under `--network host` but not their pids.
 */
const MACHINE = createHash('sha256')
  .update(`${hostname()}\0${pidNamespace()}`)
  .digest('hex')
  .slice(0, 8);

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

/**
 * Test seam: `step` is called before every change a write makes on disk, so that a test can stop
 * the write there as a crash would (a hook that throws, and keeps throwing); `pid` is the owner
 * written into temporary names.
 */
export const writeSeam: { step?: (change: 'create' | 'write' | 'rename' | 'remove', path: string) => void; pid: number } = { pid: process.pid };

/** Temporaries this process has created and not yet renamed or handed to a commit record. */
const live = new Set<string>();

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Subfolders this process made for a set not yet switched into place, removed with its temporaries when they are left empty. */
const madeFolders = new Set<string>();

/** A subfolder made for the files of a set: removed, if empty, when the write is given up. */
export function trackFolder(path: string): void {
  madeFolders.add(path);
}

/** Removes the subfolders made for a set given up (those still empty), or forgets them once it is in place. */
export function releaseFolders(remove: boolean): void {
  if (remove) {
    for (const path of madeFolders) {
      try {
        rmdirSync(path);
      } catch {
        // Not empty (someone else's file), or gone: left as it is.
      }
    }
  }
  madeFolders.clear();
}

/** Removes this process's temporaries, then dies of the signal as it would have without them. */
function onSignal(signal: NodeJS.Signals): void {
  for (const path of live) rmSync(path, { force: true });
  live.clear();
  releaseFolders(true);
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

/** Listens for signals only while temporaries exist, so that an interrupted simulation dies at once. */
function track(path: string): void {
  if (live.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  live.add(path);
}

/** The temporary at `path` is renamed, removed, or now belongs to a commit record. */
export function release(path: string): void {
  if (live.delete(path) && live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
}

/**
 * Writes `content` to a new temporary for `final` (a name, or `<subfolder>/<name>`) in `dir`, created exclusively (never an
 * existing file, never through a symlink) and synced to disk; returns the temporary's name.
 * Permissions are the usual ones (0666 less the umask) because the file becomes an output.
 */
export function writeTemp(dir: string, final: string, content: string): string {
  // A file of a subfolder (`timeseries/<file>`) has its temporary beside it, in the subfolder.
  const slash = final.lastIndexOf('/') + 1;
  for (let attempt = 1; ; attempt++) {
    const name = `${final.slice(0, slash)}.${final.slice(slash)}.fleetsim-${MACHINE}-${writeSeam.pid}-${randomBytes(8).toString('hex')}.tmp`;
    const path = join(dir, name);
    writeSeam.step?.('create', path);
    // Tracked before it exists: a signal that comes the instant it is created finds the listener
    // that removes it, where without one the process would die and leave it.
    track(path);
    let fd: number;
    try {
      fd = openSync(path, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | constants.O_NOFOLLOW, 0o666);
    } catch (err) {
      release(path);
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 3) continue;
      throw err;
    }
    try {
      writeSeam.step?.('write', path);
      writeFileSync(fd, content);
      fsyncSync(fd);
    } catch (err) {
      closeSync(fd);
      discardTemp(path);
      throw err;
    }
    closeSync(fd);
    return name;
  }
}

/**
 * Removes a file of this process's write that is no longer needed; one that cannot be removed is
 * left for the next command into its folder, which removes a dead writer's files.
 */
export function discardTemp(path: string): void {
  release(path);
  try {
    writeSeam.step?.('remove', path);
    rmSync(path, { force: true });
  } catch {
    // Not this command's failure to report.
  }
}

/** The final name and owner a fleetsim temporary's name says; undefined for any other name. */
export function parseTempName(name: string): { final: string; machine: string; pid: number } | undefined {
  const m = TEMP_NAME.exec(name);
  return m ? { final: m[1], machine: m[2], pid: Number(m[3]) } : undefined;
}

/**
 * Whether the fleetsim file at `path`, owned by `owner` and last changed at `mtimeMs`, was left by
 * a dead writer: its process is gone from this machine, or it is older than `maxAgeMs` (a pid of
 * another machine cannot be checked; one of this machine may have been reused).
 */
export function isStale(path: string, owner: { machine: string; pid: number }, mtimeMs: number, maxAgeMs = STALE_AFTER_MS): boolean {
  if (Date.now() - mtimeMs > maxAgeMs) return true;
  if (owner.machine !== MACHINE) return false;
  if (owner.pid === process.pid) return !live.has(path);
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Makes the renames and removals in `dir` durable; a file system that cannot sync a folder is left as it is. */
export function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // EINVAL or EISDIR on file systems without folder sync: their renames are as durable as they get.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
