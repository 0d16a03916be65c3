import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';

describe('extension activation', () => {
  it('is installed from the development path and activates', async () => {
    const ext = vscode.extensions.getExtension('onedrive-migration.onedrive-cross-tenant-migration');
    assert.ok(ext, 'extension found');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
