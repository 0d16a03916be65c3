import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { L10N_BUNDLE_FILE, SCHEMA_FILES, l10nText, schemaText } from '../../scripts/generate-artifacts';
import { ROOT } from '../support/fixtures';

describe('JSON Schema files', () => {
  for (const [name, make] of Object.entries(SCHEMA_FILES)) {
    it(`schemas/${name} matches the TypeBox definitions (run npm run build after changing them)`, () => {
      assert.equal(readFileSync(path.join(ROOT, 'schemas', name), 'utf8'), schemaText(make));
    });
  }

  it('the plan schema offers the geography codes and the trust states to editors', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'onedrive-migration.schema.json'), 'utf8'));
    const geo = schema.properties.source.properties.geographies.items.properties.code;
    assert.ok(geo.enum.includes('EUR') && geo.enum.includes('default'));
    assert.deepEqual(schema.properties.trusts.items.properties.source.properties.lastResult.enum, [
      'NotEstablished',
      'NotEstablishedByPartner',
      'DormantByPartner',
      'CouldNotContactPartner',
      'GoodToProceed',
    ]);
    assert.deepEqual(schema.required, ['version', 'source', 'target']);
  });

  it('l10n/bundle.l10n.json lists every vscode.l10n.t message (run npm run build after changing them)', () => {
    const bundle = JSON.parse(readFileSync(path.join(ROOT, L10N_BUNDLE_FILE), 'utf8')) as Record<string, string>;
    assert.equal(readFileSync(path.join(ROOT, L10N_BUNDLE_FILE), 'utf8'), l10nText());
    assert.equal(bundle['Show Log'], 'Show Log');
    assert.ok(Object.keys(bundle).length > 100);
  });

  it('the manifest contributes the plan schema through jsonValidation', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.jsonValidation, [
      { fileMatch: 'onedrive-migration.json', url: './schemas/onedrive-migration.schema.json' },
    ]);
  });
});
