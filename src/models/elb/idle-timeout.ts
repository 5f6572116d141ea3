/** Idle timeouts (aws-semantics.md section 7.6): ALB 60 s by default; NLB's TCP idle timeout is 350 s. */
export const DEFAULT_IDLE_TIMEOUT = { alb: 60, nlb: 350 } as const;
