/** Writes the JSON Schema files (from the TypeBox definitions) and the PowerShell snippets (from the cmdlet catalogue). */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { planJsonSchema } from '../src/core/plan/planSchema';
import { buildSnippets } from '../src/core/powershell/cmdletDocs';
import { resultJsonSchema } from '../src/core/results/resultSchema';

export const SCHEMA_FILES = {
  'onedrive-migration.schema.json': planJsonSchema,
  'onedrive-migration-result.schema.json': resultJsonSchema,
} as const;

export const SNIPPETS_FILE = 'snippets/powershell.json';
export const snippetsText = () => JSON.stringify(buildSnippets(), null, 2) + '\n';

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
  writeFileSync(path.join(__dirname, '..', SNIPPETS_FILE), snippetsText());
  console.log(SNIPPETS_FILE);
}
