import type { CliIO } from './io.ts';

/** A bar on stderr when it is a terminal and the command is to show progress; none otherwise. */
export function progressBar(io: CliIO, label: string, shown: boolean): ProgressBar | undefined {
  return shown && io.stderr.isTTY ? new ProgressBar(io.stderr, label) : undefined;
}

/** A one-line progress bar on a terminal, redrawn at most every 100 ms. */
class ProgressBar {
  private lastDraw = 0;
  private readonly started = performance.now();

  constructor(
    private readonly stream: { write(text: string): unknown },
    private readonly label: string,
  ) {}

  /** Bound, so that it can be handed on as an onProgress callback. */
  readonly update = (fraction: number): void => {
    const now = performance.now();
    if (now - this.lastDraw < 100 && fraction < 1) return;
    this.lastDraw = now;
    const width = 30;
    const filled = Math.round(fraction * width);
    const elapsed = (now - this.started) / 1000;
    const eta = fraction > 0 ? (elapsed / fraction) * (1 - fraction) : 0;
    this.stream.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${elapsed.toFixed(1)} s, ~${eta.toFixed(0)} s left `,
    );
  };

  done(): void {
    this.stream.write('\r\x1b[2K');
  }
}
