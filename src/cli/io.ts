/** Where a command writes; the real process streams in use, string buffers in tests. */
export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Seconds between --progress lines; default PROGRESS_LINE_SECONDS (src/cli/progress.ts). */
  readonly progressInterval?: number;
}

/** Exit codes: what each one means to a script or a CI pipeline. */
export const ExitCode = {
  ok: 0,
  /** Reserved for a run whose --assert bounds failed. */
  assertionFailed: 1,
  /** The user's input (scenario, trace, options) is wrong. */
  badInput: 2,
  /** A bug in fleetsim: it printed the stack trace. */
  internalError: 3,
} as const;

/** A mistake in what the user gave; printed as a message, never with a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
