/** Writes the JSON Schema files from the TypeBox definitions (the single source of truth). */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { planJsonSchema } from '../src/core/plan/planSchema';
import { resultJsonSchema } from '../src/core/results/resultSchema';

export const SCHEMA_FILES = {
  'onedrive-migration.schema.json': planJsonSchema,
  'onedrive-migration-result.schema.json': resultJsonSchema,
} as const;

export function schemaText(make: () => Record<string, unknown>): string {
  return JSON.stringify(make(), null, 2) + '\n';
}

if (require.main === module) {
  const dir = path.join(__dirname, '..', 'schemas');
  mkdirSync(dir, { recursive: true });
  for (const [name, make] of Object.entries(SCHEMA_FILES)) {
    writeFileSync(path.join(dir, name), schemaText(make));
    console.log(`schemas/${name}`);
  }
}
