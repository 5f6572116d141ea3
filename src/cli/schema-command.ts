import { scenarioJsonSchema } from '../scenario/schema.ts';
import type { CliIO } from './io.ts';

export function schemaCommand(io: CliIO): void {
  io.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
}
