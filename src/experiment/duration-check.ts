import { ScenarioError } from '../scenario/scenario-error.ts';

/**
 * A `--duration` must outlast the scenario's warmup, or nothing would be measured; the message
 * names the option, since the scenario file on its own is valid.
 */
export function checkDurationPastWarmup(duration: number | null | undefined, warmup: number, file: string): void {
  if (duration === null || duration === undefined || duration > warmup) return;
  throw new ScenarioError([{ file: '--duration', path: '', message: `${duration} s is not longer than the warmup of ${file} (${warmup} s)` }]);
}
