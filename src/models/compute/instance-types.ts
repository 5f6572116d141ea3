/**
 * EC2 instance catalog: shape, architecture and Linux On-Demand price in us-east-1.
 *
 * Source tags used in the comments next to each entry:
 * - §12: docs/aws-semantics.md section 12, the project's reference list; its prices are kept as is.
 * - KP: Karpenter's generated us-east-1 On-Demand price table (PRICE_SOURCE.sources[1]).
 * - KS: Karpenter's generated instance-type reference, which gives vCPUs, memory (MiB) and
 *   arch (PRICE_SOURCE.sources[2]).
 * An entry that no public source confirmed would be marked [UNCONFIRMED]; none is at present.
 */
export type Architecture = 'x86_64' | 'arm64';

export interface InstanceTypeInfo {
  /** vCPUs as EC2 reports them. */
  readonly vcpus: number;
  readonly memoryGiB: number;
  readonly architecture: Architecture;
  /** Linux On-Demand price in us-east-1, USD per hour. */
  readonly onDemandUsdPerHour: number;
  /** true for burstable (T family) types, whose CPU credits fleetsim does not model. */
  readonly burstable: boolean;
}

/** Where and when the prices were read. */
export const PRICE_SOURCE: {
  readonly region: 'us-east-1';
  readonly asOf: string;
  readonly sources: readonly string[];
} = Object.freeze({
  region: 'us-east-1',
  // Date the Karpenter price table was generated; §12's own source is dated 2026-06.
  asOf: '2026-01-19',
  sources: Object.freeze([
    'docs/aws-semantics.md §12 (via https://www.factualminds.com/blog/amazon-ec2-on-demand-pricing-instance-families-2026/)',
    'https://github.com/aws/karpenter-provider-aws/blob/031e72b6099630e960dacb88b48a7e9bb780945f/pkg/providers/pricing/zz_generated.pricing_aws.go (generated 2026-01-19T13:23:24Z for us-east-1)',
    'https://github.com/aws/karpenter-provider-aws/blob/0c5e7d8112409aff07b0f17a0f51c87bdba52ed1/website/content/en/docs/reference/instance-types.md',
  ]),
});

export const INSTANCE_TYPES: Readonly<Record<string, InstanceTypeInfo>> = Object.freeze({
  // Burstable, x86 (Intel).
  't3.micro': { vcpus: 2, memoryGiB: 1, architecture: 'x86_64', onDemandUsdPerHour: 0.0104, burstable: true }, // §12, KP, KS
  't3.small': { vcpus: 2, memoryGiB: 2, architecture: 'x86_64', onDemandUsdPerHour: 0.0208, burstable: true }, // KP, KS
  't3.medium': { vcpus: 2, memoryGiB: 4, architecture: 'x86_64', onDemandUsdPerHour: 0.0416, burstable: true }, // KP, KS
  't3.large': { vcpus: 2, memoryGiB: 8, architecture: 'x86_64', onDemandUsdPerHour: 0.0832, burstable: true }, // KP, KS
  // Burstable, Graviton2.
  't4g.medium': { vcpus: 2, memoryGiB: 4, architecture: 'arm64', onDemandUsdPerHour: 0.0336, burstable: true }, // KP, KS
  't4g.large': { vcpus: 2, memoryGiB: 8, architecture: 'arm64', onDemandUsdPerHour: 0.0672, burstable: true }, // KP, KS

  // General purpose.
  'm5.large': { vcpus: 2, memoryGiB: 8, architecture: 'x86_64', onDemandUsdPerHour: 0.096, burstable: false }, // §12, KP, KS
  'm5.xlarge': { vcpus: 4, memoryGiB: 16, architecture: 'x86_64', onDemandUsdPerHour: 0.192, burstable: false }, // KP, KS
  'm6i.large': { vcpus: 2, memoryGiB: 8, architecture: 'x86_64', onDemandUsdPerHour: 0.096, burstable: false }, // §12, KP, KS
  'm6i.xlarge': { vcpus: 4, memoryGiB: 16, architecture: 'x86_64', onDemandUsdPerHour: 0.192, burstable: false }, // KP, KS
  'm6g.large': { vcpus: 2, memoryGiB: 8, architecture: 'arm64', onDemandUsdPerHour: 0.077, burstable: false }, // KP, KS
  'm7i.large': { vcpus: 2, memoryGiB: 8, architecture: 'x86_64', onDemandUsdPerHour: 0.1008, burstable: false }, // §12, KP, KS
  'm7i.xlarge': { vcpus: 4, memoryGiB: 16, architecture: 'x86_64', onDemandUsdPerHour: 0.2016, burstable: false }, // KP, KS
  'm7g.medium': { vcpus: 1, memoryGiB: 4, architecture: 'arm64', onDemandUsdPerHour: 0.0408, burstable: false }, // KP, KS
  'm7g.large': { vcpus: 2, memoryGiB: 8, architecture: 'arm64', onDemandUsdPerHour: 0.0816, burstable: false }, // §12, KP, KS
  'm7g.xlarge': { vcpus: 4, memoryGiB: 16, architecture: 'arm64', onDemandUsdPerHour: 0.1632, burstable: false }, // KP, KS
  'm7g.2xlarge': { vcpus: 8, memoryGiB: 32, architecture: 'arm64', onDemandUsdPerHour: 0.3264, burstable: false }, // KP, KS
  'm8g.large': { vcpus: 2, memoryGiB: 8, architecture: 'arm64', onDemandUsdPerHour: 0.08976, burstable: false }, // KP, KS

  // Compute optimized.
  'c5.large': { vcpus: 2, memoryGiB: 4, architecture: 'x86_64', onDemandUsdPerHour: 0.085, burstable: false }, // KP, KS
  'c6i.large': { vcpus: 2, memoryGiB: 4, architecture: 'x86_64', onDemandUsdPerHour: 0.085, burstable: false }, // §12, KP, KS
  'c6i.xlarge': { vcpus: 4, memoryGiB: 8, architecture: 'x86_64', onDemandUsdPerHour: 0.17, burstable: false }, // KP, KS
  'c6g.large': { vcpus: 2, memoryGiB: 4, architecture: 'arm64', onDemandUsdPerHour: 0.068, burstable: false }, // KP, KS
  // Some tables round this to 0.0893.
  'c7i.large': { vcpus: 2, memoryGiB: 4, architecture: 'x86_64', onDemandUsdPerHour: 0.08925, burstable: false }, // KP, KS
  // §12 marks this price unconfirmed (other tables say 0.0692 or 0.072); KP gives 0.0725 too.
  'c7g.large': { vcpus: 2, memoryGiB: 4, architecture: 'arm64', onDemandUsdPerHour: 0.0725, burstable: false }, // §12, KP, KS
  'c7g.xlarge': { vcpus: 4, memoryGiB: 8, architecture: 'arm64', onDemandUsdPerHour: 0.145, burstable: false }, // KP, KS
  'c8g.large': { vcpus: 2, memoryGiB: 4, architecture: 'arm64', onDemandUsdPerHour: 0.07976, burstable: false }, // KP, KS

  // Memory optimized.
  'r6i.large': { vcpus: 2, memoryGiB: 16, architecture: 'x86_64', onDemandUsdPerHour: 0.126, burstable: false }, // KP, KS
  'r6g.large': { vcpus: 2, memoryGiB: 16, architecture: 'arm64', onDemandUsdPerHour: 0.1008, burstable: false }, // KP, KS
  'r7g.large': { vcpus: 2, memoryGiB: 16, architecture: 'arm64', onDemandUsdPerHour: 0.1071, burstable: false }, // §12, KP, KS
  'r7g.xlarge': { vcpus: 4, memoryGiB: 32, architecture: 'arm64', onDemandUsdPerHour: 0.2142, burstable: false }, // KP, KS
  'r8g.large': { vcpus: 2, memoryGiB: 16, architecture: 'arm64', onDemandUsdPerHour: 0.11782, burstable: false }, // KP, KS
});
