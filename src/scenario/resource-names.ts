import { z } from 'zod';

/**
 * Names of a scenario's resources, by AWS's rules for each, so that every one is also safe in a
 * file name (per-resource outputs are named after them).
 */

/** A target group's or load balancer's name: 1 to 32 letters, digits and hyphens, no hyphen at either end (AWS). */
const ELB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/;
const elbName = (what: string) =>
  z.string().regex(ELB_NAME, { error: `expected a ${what} name of 1 to 32 letters, digits and hyphens, not starting or ending with a hyphen (AWS's rule)` });

export const targetGroupName = elbName('target group').describe('A target group: its name in target_groups.');
export const loadBalancerName = elbName('load balancer').describe('A load balancer: its name in load_balancers.');

/**
 * An Auto Scaling group's name: letters, digits, ".", "_" and "-", up to 255 (AWS allows more
 * characters; these are the ones safe in a file name). It starts with a letter or digit, so that
 * it is never "." or "..".
 */
export const autoScalingGroupName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/, { error: 'expected a group name of 1 to 255 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  .describe('An Auto Scaling group: its name in auto_scaling_groups.');
