import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, api } from './support';

describe('commands and manifest', () => {
  const manifest = () =>
    JSON.parse(readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8'));

  it('every command in package.json is registered, and every registered command is in package.json', async () => {
    await api();
    const m = manifest();
    const declared = (m.contributes.commands as Array<{ command: string }>).map((c) => c.command).sort();
    // VS Code generates focus/open/… commands for every contributed view: those are not ours to declare.
    const views = (Object.values(m.contributes.views) as Array<Array<{ id: string }>>).flat().map((v) => `${v.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter(
        (c) => c.startsWith('onedriveMigration.') && !c.startsWith('onedriveMigration.internal.') && !views.some((v) => c.startsWith(v)),
      )
      .sort();
    assert.deepEqual(registered, declared);
    assert.ok(declared.length >= 28);
  });

  it('has one palette command per step, in order, in the "OneDrive Migration" category', () => {
    const m = manifest();
    const nls = JSON.parse(
      readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.nls.json'), 'utf8'),
    );
    const titles = (m.contributes.commands as Array<{ command: string; title: string; category: string }>)
      .filter((c) => /\.step\d/.test(c.command))
      .map((c) => `${c.category}: ${nls[c.title.slice(1, -1)]}`);
    assert.deepEqual(
      titles.map((t) => t.slice(0, 22)),
      Array.from({ length: 7 }, (_, i) => `OneDrive Migration: ${i + 1}.`),
    );
  });

  it('hides the commands that need a tree node from the palette', () => {
    const hidden = (manifest().contributes.menus.commandPalette as Array<{ command: string; when: string }>)
      .filter((m) => m.when === 'false')
      .map((m) => m.command);
    for (const c of [
      'trust.verify',
      'trust.remove',
      'trust.copyHostUrls',
      'geography.copyHostUrl',
      'geography.openAdminCenter',
      'geography.generateScripts',
      'redirect.open',
      'redirect.copyUrl',
      'redirect.remove',
    ]) {
      assert.ok(hidden.includes(`onedriveMigration.${c}`), c);
    }
  });

  it('activates quickly and declares limited support in untrusted workspaces', async () => {
    const a = await api();
    assert.ok(a.activationMs < 100, `activation took ${a.activationMs} ms`);
    assert.equal(manifest().capabilities.untrustedWorkspaces.supported, 'limited');
  });
});
