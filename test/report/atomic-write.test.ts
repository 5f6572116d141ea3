import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeAll } from '../../src/report/atomic-write.ts';
import { recoverFolder } from '../../src/report/commit-record.ts';
import { parseTempName, release, writeSeam, writeTemp } from '../../src/report/temp-files.ts';
import { writeRunOutputs } from '../../src/report/write-run.ts';
import { validateScenario } from '../../src/scenario/load.ts';
import { simulate } from '../../src/scenario/simulate.ts';
import { cli, tempDir, writeScenario } from '../helpers/run-cli.ts';
import { reportScenario } from './report-scenario.ts';

const RUN_FILES = ['activity.csv', 'metrics.csv', 'report.html', 'summary.json', 'targets.csv', 'timeseries.csv'];
/** The time series per resource, in their subfolder. */
const RESOURCE_FILES = ['timeseries/auto_scaling_group.report-demo-asg.csv', 'timeseries/load_balancer.lb.csv', 'timeseries/target_group.lb.csv'];

/** A pid that no process has: that of a child that has exited. */
const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;

const { scenario } = validateScenario(reportScenario(), { file: 'report.yaml', baseDir: '.' });
const oldRun = simulate(scenario, { duration: 600, seed: 1 });
const newRun = simulate(scenario, { duration: 600, seed: 2 });

/** Every file of `dir` and its subfolders by path, with its content; symlinks as `-> target`. */
function listing(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) Object.assign(files, listing(path, `${prefix}${name}/`));
    else files[prefix + name] = stat.isSymbolicLink() ? `-> ${readFileSync(path, 'utf8')}` : readFileSync(path, 'utf8');
  }
  return files;
}

async function runSet(run: typeof oldRun): Promise<Record<string, string>> {
  const dir = join(tempDir(), 'out');
  await writeRunOutputs(run, dir);
  return listing(dir);
}
const oldSet = await runSet(oldRun);
const newSet = await runSet(newRun);

/** The changes a write of the run's outputs makes on disk, in order. */
const steps: string[] = [];
writeSeam.step = (change, path) => void steps.push(`${change} ${path.slice(path.lastIndexOf('/') + 1)}`);
await runSet(newRun);
writeSeam.step = undefined;
const switchStep = steps.indexOf('rename .fleetsim-run.commit');

afterEach(() => {
  writeSeam.step = undefined;
  writeSeam.pid = process.pid;
});

/** A folder holding the old run's outputs and a user's own file. */
async function folderWithOldSet(): Promise<string> {
  const dir = join(tempDir(), 'out');
  await writeRunOutputs(oldRun, dir);
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  return dir;
}

describe('writing a set of outputs', () => {
  it('switches the whole set at one rename: a process killed before any change leaves the old set, after it the new one', async () => {
    expect(steps.filter((s) => s.startsWith('rename ')).map((s) => s.slice(7))).toEqual([
      '.fleetsim-run.commit',
      'summary.json',
      'timeseries.csv',
      'activity.csv',
      'metrics.csv',
      'targets.csv',
      'report.html',
      'auto_scaling_group.report-demo-asg.csv',
      'target_group.lb.csv',
      'load_balancer.lb.csv',
    ]);
    for (let k = 0; k <= steps.length; k++) {
      const dir = await folderWithOldSet();
      // Killed just before change k: that change and every later one never reach the disk.
      let n = 0;
      writeSeam.pid = deadPid;
      writeSeam.step = () => {
        if (n++ >= k) throw new Error('killed');
      };
      await writeRunOutputs(newRun, dir).catch((err: Error) => expect(err.message).toBe('killed'));
      writeSeam.step = undefined;
      writeSeam.pid = process.pid;
      const expected = { ...(k <= switchStep ? oldSet : newSet), 'notes.txt': 'mine' };
      const left = listing(dir);
      if (!('.fleetsim-run.commit' in left)) {
        // Without a commit record, the files in place are the set.
        expect(pick(left, Object.keys(expected)), `killed before ${steps[k]}`).toEqual(expected);
      } else {
        // With one, the set is the new one: each file under its final name or under the temporary it lists.
        expect(k).toBeGreaterThan(switchStep);
        const record = JSON.parse(left['.fleetsim-run.commit']) as { renames: Array<{ from: string; to: string }> };
        const committed = Object.fromEntries(record.renames.map(({ from, to }) => [to, left[from] ?? left[to]]));
        expect(committed).toEqual(newSet);
      }
      // The next command into the folder finishes the switch and removes the dead writer's temporaries.
      recoverFolder(dir);
      expect(listing(dir), `killed before ${steps[k]}, then recovered`).toEqual(expected);
    }
  });

  it('after a failed rename or write, holds the old set and no temporary, or finishes the new one at the next command', async () => {
    for (let k = 0; k < steps.length; k++) {
      const dir = await folderWithOldSet();
      let n = 0;
      writeSeam.step = () => {
        if (n++ === k) throw Object.assign(new Error('input/output error'), { code: 'EIO' });
      };
      const failed = await writeRunOutputs(newRun, dir).then(
        () => false,
        () => true,
      );
      writeSeam.step = undefined;
      expect(failed, steps[k]).toBe(!steps[k].startsWith('remove '));
      if (k <= switchStep) expect(listing(dir), `failed at ${steps[k]}`).toEqual({ ...oldSet, 'notes.txt': 'mine' });
      recoverFolder(dir);
      expect(listing(dir), `failed at ${steps[k]}, then recovered`).toEqual({ ...(k <= switchStep ? oldSet : newSet), 'notes.txt': 'mine' });
    }
  });

  it('puts one file in place by its own rename: a shard file is whole, old or new, whenever its writer dies', async () => {
    const write = (dir: string, text: string) => writeAll(dir, 'sweep-shard-0-of-2.json', (out) => [out.write('sweep-shard-0-of-2.json', text)]);
    const old = '{"old":true}\n';
    const next = `{"runs":[${'1,'.repeat(1000)}1]}\n`;
    for (let k = 0; k <= 3; k++) {
      const dir = join(tempDir(), 'shards');
      await write(dir, old);
      let n = 0;
      writeSeam.pid = deadPid;
      writeSeam.step = () => {
        if (n++ >= k) throw new Error('killed');
      };
      await write(dir, next).catch(() => undefined);
      writeSeam.step = undefined;
      writeSeam.pid = process.pid;
      expect(readFileSync(join(dir, 'sweep-shard-0-of-2.json'), 'utf8')).toBe(k < 3 ? old : next);
      recoverFolder(dir);
      expect(readdirSync(dir)).toEqual(['sweep-shard-0-of-2.json']);
    }
  });
});

describe('the real executable killed by SIGKILL at a rename (strace fault injection)', () => {
  const strace = spawnSync('strace', ['-V']).status === 0;
  const renames = steps.filter((s) => s.startsWith('rename '));
  it.skipIf(!strace).concurrent.each([1, 3])('at rename %i leaves a folder that the next command completes to one whole set', async (k) => {
    const dir = await folderWithOldSet();
    const file = writeScenario(reportScenario(), tempDir());
    const traced = await exited('strace', [
      '-f', '-qq', '-o', '/dev/null',
      '-e', 'trace=rename,renameat,renameat2',
      '-e', `inject=rename,renameat,renameat2:signal=SIGKILL:when=${k}`,
      process.execPath, join(import.meta.dirname, '../../bin/fleetsim.js'), 'run', file, '--out', dir, '--duration', '10m', '--seed', '2', '--quiet',
    ]);
    expect(traced).toBe('SIGKILL');
    // Killed at its own renames: its staged files are there, and the record once the switch is made.
    const killed = Object.keys(listing(dir));
    expect(killed.some((n) => n.startsWith('.report.html.fleetsim-'))).toBe(true);
    expect(killed.includes('.fleetsim-run.commit')).toBe(k > 1);
    recoverFolder(dir);
    const left = listing(dir);
    const expected = { ...(k - 1 <= renames.indexOf('rename .fleetsim-run.commit') ? oldSet : newSet), 'notes.txt': 'mine' };
    // summary.json's engine figures are the wall-clock time of that run.
    const withoutEngine = (files: Record<string, string>) => ({ ...files, 'summary.json': JSON.stringify({ ...JSON.parse(files['summary.json']), engine: null }) });
    expect(withoutEngine(left)).toEqual(withoutEngine(expected));
  }, 120_000);
});

describe('symlinks planted in the output folder', () => {
  it('are never followed, whatever name the writer may use: the files they point at stay as they were', async () => {
    const base = tempDir();
    const dir = join(base, 'out');
    mkdirSync(dir);
    const target = join(base, 'precious.txt');
    writeFileSync(target, 'precious');
    // The temporary names of earlier versions (`.<file>.<pid>.tmp`), a guess at today's, the
    // commit record and its temporary, and the outputs themselves.
    const planted = [
      ...RUN_FILES,
      ...RUN_FILES.map((f) => `.${f}.${process.pid}.tmp`),
      ...RUN_FILES.map((f) => `.${f}.fleetsim-00000000-${process.pid}-0000000000000000.tmp`),
      '.fleetsim-run.commit',
    ];
    for (const name of planted) symlinkSync(target, join(dir, name));
    symlinkSync(join(base, 'absent.txt'), join(dir, 'extra.json'));
    const file = writeScenario(reportScenario(), base);
    const r = await cli(['run', file, '--out', dir, '--duration', '10m', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(existsSync(join(base, 'absent.txt'))).toBe(false);
    for (const f of [...RUN_FILES, ...RESOURCE_FILES]) expect(lstatSync(join(dir, f)).isFile(), f).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).scenario).toBe('report-demo');
    // Symlinks at names that are not its outputs are not fleetsim's: left where they are.
    const guesses = planted.filter((n) => n.startsWith('.') && n.endsWith('.tmp'));
    for (const name of [...guesses, 'extra.json']) expect(lstatSync(join(dir, name)).isSymbolicLink(), name).toBe(true);
    expect(existsSync(join(dir, '.fleetsim-run.commit'))).toBe(false);
  });
});

describe('a symlink planted at the timeseries folder', () => {
  it('is not followed: the run refuses to write, the folder it points at stays as it was, and the old set stays whole', async () => {
    const dir = await folderWithOldSet();
    const elsewhere = join(tempDir(), 'elsewhere');
    mkdirSync(elsewhere);
    renameSync(join(dir, 'timeseries'), join(dir, 'timeseries.old'));
    symlinkSync(elsewhere, join(dir, 'timeseries'));
    const file = writeScenario(reportScenario(), tempDir());
    const r = await cli(['run', file, '--out', dir, '--duration', '10m', '--seed', '2', '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out .*: cannot write there \(ENOTDIR\)/);
    expect(readdirSync(elsewhere)).toEqual([]);
    for (const f of RUN_FILES) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(oldSet[f]);
  });
});

describe('leftovers of earlier writes', () => {
  it('the next write into the folder removes the temporaries of dead writers, and nothing else', async () => {
    const dir = join(tempDir(), 'out');
    mkdirSync(dir);
    mkdirSync(join(dir, 'timeseries'));
    const temp = (pid: number, file = 'timeseries.csv') => {
      writeSeam.pid = pid;
      const name = writeTemp(dir, file, 'rows');
      release(join(dir, name));
      writeSeam.pid = process.pid;
      return name;
    };
    const deadHere = temp(deadPid);
    const liveHere = temp(1); // init: always running
    const deadInSubfolder = temp(deadPid, 'timeseries/target_group.lb.csv');
    const liveInSubfolder = temp(1, 'timeseries/target_group.lb.csv');
    expect(deadInSubfolder.startsWith('timeseries/.target_group.lb.csv.fleetsim-')).toBe(true);
    const machine = parseTempName(deadHere)!.machine;
    const otherMachine = machine === 'abcdef01' ? 'abcdef02' : 'abcdef01';
    const young = `.report.html.fleetsim-${otherMachine}-${deadPid}-0123456789abcdef.tmp`;
    const old = `.report.html.fleetsim-${otherMachine}-${deadPid}-fedcba9876543210.tmp`;
    for (const name of [young, old]) writeFileSync(join(dir, name), 'html');
    const twoDaysAgo = (Date.now() - 2 * 86400_000) / 1000;
    utimesSync(join(dir, old), twoDaysAgo, twoDaysAgo);
    const symlinked = `.summary.json.fleetsim-${machine}-${deadPid}-0000000000000000.tmp`;
    symlinkSync(join(dir, 'notes.txt'), join(dir, symlinked));
    const users = ['notes.txt', '.summary.json.123.tmp', '.fleetsim-run.commit.bak', 'a.fleetsim-1-2.tmp'];
    for (const name of users) writeFileSync(join(dir, name), 'mine');

    await writeRunOutputs(newRun, dir);

    expect(Object.keys(listing(dir)).sort()).toEqual([...RUN_FILES, ...RESOURCE_FILES, ...users, liveHere, liveInSubfolder, young, symlinked].sort());
    for (const name of users) expect(readFileSync(join(dir, name), 'utf8')).toBe('mine');
  });

  it('a dead writer\'s files that cannot be removed or renamed (another user\'s, in a sticky folder) stay, and the write goes on', async () => {
    const dir = await folderWithOldSet();
    let n = 0;
    writeSeam.pid = deadPid;
    writeSeam.step = () => {
      if (n++ > switchStep) throw new Error('killed');
    };
    await expect(writeRunOutputs(newRun, dir)).rejects.toThrow('killed');
    const left = listing(dir);
    writeSeam.step = () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    expect(() => recoverFolder(dir)).not.toThrow();
    expect(listing(dir)).toEqual(left);
  });

  it('writers of different files into one folder at once (the shards of a sweep) leave each other\'s temporaries alone', async () => {
    const dir = join(tempDir(), 'efs');
    const text = (i: number) => `{"shard":${i},"runs":[${'1,'.repeat(20_000 * (i + 1))}1]}\n`;
    const names = Array.from({ length: 6 }, (_, i) => `sweep-shard-${i}-of-6.json`);
    const turns = async (n: number) => {
      for (let k = 0; k < n; k++) await new Promise(setImmediate);
    };
    // Each writer starts (and looks for dead writers' leftovers) while the earlier ones hold their temporaries.
    await Promise.all(
      names.map(async (name, i) => {
        await turns(i);
        return writeAll(dir, name, async (out) => {
          const file = out.write(name, text(i));
          await turns(names.length);
          return [file];
        });
      }),
    );
    expect(listing(dir)).toEqual(Object.fromEntries(names.map((name, i) => [name, text(i)])));
  });

  it('a commit record is finished by whoever finds it once its writer is dead, or after a minute whatever machine wrote it', async () => {
    const dir = await folderWithOldSet();
    // A writer on this machine that is still running (init's pid), stopped just after its switch.
    let n = 0;
    writeSeam.pid = 1;
    writeSeam.step = () => {
      if (n++ > switchStep) throw new Error('stopped');
    };
    await expect(writeRunOutputs(newRun, dir)).rejects.toThrow('stopped');
    writeSeam.step = undefined;
    writeSeam.pid = process.pid;
    const stopped = listing(dir);
    recoverFolder(dir);
    expect(listing(dir)).toEqual(stopped);
    const twoMinutesAgo = (Date.now() - 120_000) / 1000;
    utimesSync(join(dir, '.fleetsim-run.commit'), twoMinutesAgo, twoMinutesAgo);
    recoverFolder(dir);
    expect(listing(dir)).toEqual({ ...newSet, 'notes.txt': 'mine' });
  });
});

/** Runs a command; resolves to its exit code or the signal it died of. */
function exited(command: string, args: readonly string[]): Promise<number | string> {
  return new Promise((resolve) => spawn(command, args, { stdio: 'ignore' }).on('exit', (code, signal) => resolve(signal ?? code ?? -1)));
}

function pick(files: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.filter((n) => n in files).map((n) => [n, files[n]]));
}
