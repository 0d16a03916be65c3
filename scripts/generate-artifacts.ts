/**
 * Writes the generated files that are committed: the JSON Schema files (from the TypeBox
 * definitions), the PowerShell snippets (from the cmdlet catalogue) and the English l10n bundle
 * (from the vscode.l10n.t calls). Unit tests fail when any of them is stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { planJsonSchema } from '../src/core/plan/planSchema';
import { buildSnippets } from '../src/core/powershell/cmdletDocs';
import { l10nBundleText } from './l10nBundle';
import { resultJsonSchema } from '../src/core/results/resultSchema';

export const SCHEMA_FILES = {
  'onedrive-migration.schema.json': planJsonSchema,
  'onedrive-migration-result.schema.json': resultJsonSchema,
} as const;

export const SNIPPETS_FILE = 'snippets/powershell.json';
export const snippetsText = () => JSON.stringify(buildSnippets(), null, 2) + '\n';

export const L10N_BUNDLE_FILE = 'l10n/bundle.l10n.json';
export const l10nText = () => l10nBundleText(path.join(__dirname, '..', 'src'));

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
  writeFileSync(path.join(__dirname, '..', L10N_BUNDLE_FILE), l10nText());
  console.log(L10N_BUNDLE_FILE);
}
