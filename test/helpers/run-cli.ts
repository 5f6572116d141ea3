import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../../src/cli/program.ts';
import type { Summary } from '../../src/report/summary.ts';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Output folder given to --out. */
  readonly out: string;
}

/** Runs the fleetsim command line in-process, capturing what it prints (stderr is not a terminal). */
export async function cli(args: readonly string[], progressInterval?: number): Promise<Omit<CliRun, 'out'>> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    progressInterval,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'fleetsim-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a scenario (object or YAML text) to a temporary file and returns its path. */
export function writeScenario(scenario: object | string, dir = tempDir()): string {
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, typeof scenario === 'string' ? scenario : stringify(scenario));
  return file;
}

/** `fleetsim run` on a scenario through the real command line; returns the parsed summary.json. */
export async function runScenario(scenario: object | string, extraArgs: readonly string[] = []): Promise<Summary & { out: string }> {
  const dir = tempDir();
  const file = writeScenario(scenario, dir);
  const out = join(dir, 'out');
  const r = await cli(['run', file, '--out', out, '--quiet', ...extraArgs]);
  if (r.code !== 0) throw new Error(`fleetsim run exited ${r.code}: ${r.stderr}`);
  return { ...(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary), out };
}
