/**
 * How long the load balancer tries to connect to a target that does not answer before it gives up
 * and answers 504: 10 s (aws-semantics.md section 7.6, ALB-UG:load-balancer-troubleshooting). AWS
 * documents it for ALB; fleetsim applies it to NLB as well, where the client's own connect attempt
 * would time out instead.
 */
export const DEFAULT_CONNECT_TIMEOUT = 10;
