import type { CliIO } from './io.ts';

/** What a command that runs long is told about its progress: --progress and --quiet. */
export interface ProgressOptions {
  /** A line on stderr every few seconds, whether or not stderr is a terminal. */
  readonly progress?: boolean;
  readonly quiet?: boolean;
}

/** Seconds between --progress lines, unless CliIO.progressInterval says otherwise. */
export const PROGRESS_LINE_SECONDS = 5;

export interface Progress {
  /**
   * Bound, so that it can be handed on as an onProgress callback. `detail` says what has been
   * reached, e.g. "simulated 20 min of 1 h, 2.41 M events/s"; only the lines of --progress show it.
   */
  readonly update: (fraction: number, detail?: string) => void;
  done(): void;
}

/**
 * How a command shows its progress on stderr: with --progress a line every few seconds, terminal
 * or not (for CI logs and batch jobs); otherwise a bar redrawn in place when stderr is a terminal
 * and `bar` is true; nothing with --quiet.
 */
export function progressOf(io: CliIO, label: string, options: ProgressOptions, bar: boolean): Progress | undefined {
  if (options.quiet) return undefined;
  if (options.progress) return new ProgressLines(io.stderr, label, (io.progressInterval ?? PROGRESS_LINE_SECONDS) * 1000);
  return bar && io.stderr.isTTY ? new ProgressBar(io.stderr, label) : undefined;
}

/** Time taken and an estimate of the time left, from the rate so far. */
function timing(fraction: number, started: number, now: number): { elapsed: number; left: number } {
  const elapsed = (now - started) / 1000;
  return { elapsed, left: fraction > 0 ? (elapsed / fraction) * (1 - fraction) : 0 };
}

/** A line at most every `intervalMs`, and one when the work is done. */
class ProgressLines implements Progress {
  private lastLine: number;
  private readonly started = performance.now();

  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly label: string,
    private readonly intervalMs: number,
  ) {
    this.lastLine = this.started;
  }

  readonly update = (fraction: number, detail?: string): void => {
    const now = performance.now();
    if (now - this.lastLine < this.intervalMs && fraction < 1) return;
    this.lastLine = now;
    const { elapsed, left } = timing(fraction, this.started, now);
    // Rounded down: 100 % only once it is done.
    const percent = `${Math.floor(fraction * 100)}%`;
    const what = detail === undefined ? '' : `, ${detail}`;
    const end = fraction < 1 ? `~${left.toFixed(0)} s left` : 'done';
    this.stream.write(`${this.label}: ${percent}${what}, ${elapsed.toFixed(1)} s elapsed, ${end}\n`);
  };

  done(): void {}
}

/** A one-line progress bar on a terminal, redrawn at most every 100 ms. */
class ProgressBar implements Progress {
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly label: string,
  ) {}

  readonly update = (fraction: number): void => {
    const now = performance.now();
    if (now - this.lastDraw < 100 && fraction < 1) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round(fraction * width);
    const { elapsed, left } = timing(fraction, this.started, now);
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${elapsed.toFixed(1)} s, ~${left.toFixed(0)} s left `);
  };

  done(): void {
    this.stream.write('\r\x1b[2K');
  }
}
