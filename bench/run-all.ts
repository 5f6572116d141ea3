/**
 * npm run bench: every benchmark, one after the other. Figures are for comparing within one run
 * (ratios); the absolute numbers move with the machine and its load.
 */
import { runAutoscalingBench } from './autoscaling-nasa-week.ts';
import { runEndToEndMmcBench } from './end-to-end-mmc.ts';
import { runFleetSizeBench } from './fleet-size.ts';
import { runEventQueueBench } from './event-queue.ts';
import { runRandomBench } from './random.ts';
import { runElbRoutingBench } from './elb-routing.ts';

await runEventQueueBench();
await runRandomBench();
runEndToEndMmcBench();
runFleetSizeBench();
await runElbRoutingBench();
runAutoscalingBench();
