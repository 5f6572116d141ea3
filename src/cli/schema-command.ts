import { scenarioJsonSchema } from '../scenario/schema.ts';
import { jsonText } from '../report/json-text.ts';
import type { CliIO } from './io.ts';

export function schemaCommand(io: CliIO): void {
  io.stdout.write(jsonText(scenarioJsonSchema()));
}
