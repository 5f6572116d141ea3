import type { Server } from './server.ts';

/** EC2-style id for activity records: i-00000000000000001. */
export function instanceId(launchNumber: number): string {
  return `i-${launchNumber.toString(16).padStart(17, '0')}`;
}

/** How the instance is bought: On-Demand only (Spot comes with its own issue). */
export type PurchaseOption = 'on-demand';

/** What a launch asks EC2 for. */
export interface LaunchSpec {
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly purchaseOption: PurchaseOption;
}

/** An EC2 instance: what was launched, where, how it is bought, and the server running on it. */
export class Instance implements LaunchSpec {
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly purchaseOption: PurchaseOption;

  constructor(
    readonly id: string,
    spec: LaunchSpec,
    readonly server: Server,
  ) {
    this.instanceType = spec.instanceType;
    this.availabilityZone = spec.availabilityZone;
    this.purchaseOption = spec.purchaseOption;
  }
}
