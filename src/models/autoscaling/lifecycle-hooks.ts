import type { Sampler } from '../../engine/index.ts';

/** Result of a lifecycle action (aws-semantics.md section 6). */
export type LifecycleActionResult = 'CONTINUE' | 'ABANDON';

/** Heartbeat timeout default and range (aws-semantics.md section 6). */
export const DEFAULT_HEARTBEAT_TIMEOUT = 3600;
export const HEARTBEAT_TIMEOUT_RANGE = [30, 7200] as const;
/** Global timeout: 48 h or 100 heartbeat timeouts, whichever is smaller (section 6). */
export function globalTimeout(hook: LifecycleHookConfig): number {
  return Math.min(48 * 3600, 100 * hook.heartbeatTimeout);
}
/** Section 6: ABANDON unless told otherwise. */
export const DEFAULT_RESULT: LifecycleActionResult = 'ABANDON';

export interface LifecycleHookConfig {
  readonly name: string;
  readonly transition: 'launching' | 'terminating';
  /** How long the user's action takes. */
  readonly duration: Sampler;
  /**
   * How long it takes when the instance leaves a warm pool: the hook fires again then (section 5),
   * and a script that checks the lifecycle state has less to do on an initialised instance.
   */
  readonly durationLeavingWarmPool: Sampler;
  /** Seconds the instance waits for the action before the default result applies. */
  readonly heartbeatTimeout: number;
  /** Applied on timeout (section 6: ABANDON by default). */
  readonly defaultResult: LifecycleActionResult;
  /** What the action reports when it completes in time. */
  readonly actionResult: LifecycleActionResult;
  /** Share of actions that never complete (they time out). */
  readonly failureProbability: number;
  /** The hook's own random stream, for its failures. */
  readonly uniform: () => number;
}

/** How one run of a hook ends: when, with which result, and why. */
export interface HookOutcome {
  readonly after: number;
  readonly result: LifecycleActionResult;
  readonly cause: string;
  /** Seconds until the action itself completes; Infinity when it fails. */
  readonly actionSeconds: number;
}

/**
 * Plays one lifecycle action: it completes after its duration with its result, unless it fails
 * or outlasts the heartbeat timeout, in which case the default result applies at the timeout.
 */
export function playLifecycleAction(hook: LifecycleHookConfig, leavingWarmPool: boolean): HookOutcome {
  const failed = hook.failureProbability > 0 && hook.uniform() < hook.failureProbability;
  const duration = leavingWarmPool ? hook.durationLeavingWarmPool() : hook.duration();
  return actionOutcome(hook, failed ? Infinity : duration, hook.heartbeatTimeout, 'heartbeat');
}

/**
 * How a wait ends when the action needs `actionSeconds` more and the timeout comes in `timeout`
 * seconds: a RecordLifecycleActionHeartbeat restarts the timeout at the full heartbeat value, up to
 * the global timeout (section 6).
 */
export function actionOutcome(hook: LifecycleHookConfig, actionSeconds: number, timeout: number, which: 'heartbeat' | 'global'): HookOutcome {
  if (actionSeconds > timeout) {
    const why = actionSeconds === Infinity ? 'action failed' : 'action still running';
    return {
      after: timeout,
      result: hook.defaultResult,
      cause: `lifecycle hook ${hook.name}: ${why} at the ${which} timeout (${which === 'heartbeat' ? hook.heartbeatTimeout : globalTimeout(hook)} s), default result ${hook.defaultResult}`,
      actionSeconds,
    };
  }
  return { after: actionSeconds, result: hook.actionResult, cause: `lifecycle hook ${hook.name}: action completed with ${hook.actionResult}`, actionSeconds };
}
