import { lstatSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { doRenames, recordName, recordText, recoverFolder, recoverSubfolder, SUBFOLDER, type Rename } from './commit-record.ts';
import { discardTemp, release, releaseFolders, syncFolder, trackFolder, writeTemp, writeSeam } from './temp-files.ts';

/**
 * The files a command writes into one folder (a run's outputs, a comparison's, a sweep's, one
 * shard of a sweep, a converted trace) are written under temporary names and switched into place
 * together, so that whatever instant the command is killed at, the folder holds the whole old set
 * or the whole new one (see commit-record.ts), never a file that looks finished and is not.
 */
export class AtomicOutput {
  /** Written and not yet switched into place: the files abort() removes. */
  private readonly staged: Rename[] = [];

  /** `set` names the files' commit record (`.fleetsim-<set>.commit`), needed when there is more than one. */
  constructor(
    readonly dir: string,
    private readonly set: string,
  ) {
    mkdirSync(dir, { recursive: true });
    recoverFolder(dir);
  }

  /** Subfolders of `dir` made ready for files of the set. */
  private readonly subfolders = new Set<string>();

  /** Stages a file's whole content; `name` is a file name, or `<subfolder>/<file name>`. Returns its final path. */
  write(name: string, content: string): string {
    const folder = dirname(name);
    if (folder !== '.' && !this.subfolders.has(folder)) this.prepareSubfolder(folder);
    this.staged.push({ from: writeTemp(this.dir, name, content), to: name });
    return join(this.dir, name);
  }

  /** Makes the subfolder, or checks that it is a real folder (never a symlink to follow), and tidies dead writers' temporaries in it. */
  private prepareSubfolder(folder: string): void {
    if (!SUBFOLDER.test(folder)) throw new Error(`${folder}: a set's files go in the folder or in one subfolder with a plain name`);
    const path = join(this.dir, folder);
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (stat === undefined) {
      mkdirSync(path);
      trackFolder(path);
    } else if (!stat.isDirectory()) throw Object.assign(new Error(`${path} is not a folder`), { code: 'ENOTDIR' });
    else recoverSubfolder(path);
    this.subfolders.add(folder);
  }

  /**
   * Puts every staged file in place. One file is switched by its own rename; a set by the rename
   * of its commit record, after which its files are renamed and the record removed.
   */
  commit(): void {
    for (const { to } of this.staged) {
      if (lstatSync(join(this.dir, to), { throwIfNoEntry: false })?.isDirectory()) {
        throw Object.assign(new Error(`${join(this.dir, to)} is a folder`), { code: 'EISDIR' });
      }
    }
    const temps = this.staged.map(({ from }) => join(this.dir, from));
    if (this.staged.length === 1) {
      writeSeam.step?.('rename', join(this.dir, this.staged[0].to));
      renameSync(temps[0], join(this.dir, this.staged[0].to));
      release(temps[0]);
      syncFolder(dirname(join(this.dir, this.staged[0].to)));
    } else {
      const record = join(this.dir, recordName(this.set));
      const recordTemp = join(this.dir, writeTemp(this.dir, recordName(this.set), recordText(this.staged)));
      try {
        writeSeam.step?.('rename', record);
        renameSync(recordTemp, record);
      } catch (err) {
        discardTemp(recordTemp);
        throw err;
      }
      // From here on the files belong to the commit record, and are no longer abort()'s to remove.
      const renames = this.staged.splice(0);
      for (const temp of [recordTemp, ...temps]) release(temp);
      syncFolder(this.dir);
      doRenames(this.dir, renames);
      discardTemp(record);
    }
    this.staged.length = 0;
    releaseFolders(false);
  }

  /**
   * Removes the staged files after a failure before the switch. After it, they belong to the
   * commit record, and the next command writing into this folder finishes the switch.
   */
  abort(): void {
    for (const { from } of this.staged) discardTemp(join(this.dir, from));
    this.staged.length = 0;
    releaseFolders(true);
  }
}

/** Stages files into `dir` and switches them into place only when every one is written. */
export async function writeAll(dir: string, set: string, write: (out: AtomicOutput) => Promise<string[]> | string[]): Promise<string[]> {
  const out = new AtomicOutput(dir, set);
  try {
    const files = await write(out);
    await pollSignals();
    out.commit();
    return files;
  } catch (err) {
    out.abort();
    throw err;
  }
}

/**
 * Lets the event loop poll once, so that a SIGINT or SIGTERM that came while the files were made
 * (synchronous work, to the event loop) removes them and ends the command before the switch. Two
 * turns: the first may end in the same loop iteration, after its poll phase.
 */
async function pollSignals(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise(setImmediate);
}
