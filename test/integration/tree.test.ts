import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { TreeNodeModel } from '../../src/core/views/tenantsTree';
import { api } from './support';
import { FIXED_NOW } from '../support/fixedClock.mjs';

describe('Tenants tree (example plan)', () => {
  it('shows source and target tenants with their geographies', async () => {
    const { tree, store } = await api();
    assert.equal(store.state, 'valid');
    const roots = tree.getChildren();
    assert.deepEqual(
      roots.map((n) => n.label),
      ['Contoso Ltd (contoso)', 'Fabrikam Inc (fabrikam)'],
    );
    const item = tree.getTreeItem(roots[0]!);
    assert.equal(item.id, 'tenant:source');
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(item.contextValue, 'tenant:source');
    const geos = tree.getChildren(roots[0]!);
    assert.deepEqual(
      geos.map((g) => g.label),
      ['NAM (default)', 'EUR', 'APC'],
    );
    assert.equal(
      tree.getTreeItem(geos[0]!).accessibilityInformation?.label.startsWith('Source geography NAM (North America), default'),
      true,
    );
  });

  it('shows each trust with both directions, its icon, colour and context value', async () => {
    const { tree, clock } = await api();
    assert.equal(clock().toISOString(), new Date(FIXED_NOW).toISOString(), 'the harness fixes the clock (ODM_TEST_NOW)');
    const [source] = tree.getChildren();
    const trustOf = (geo: TreeNodeModel) => tree.getChildren(geo).find((n) => n.kind === 'trust')!;
    const [nam, eur, apc] = tree.getChildren(source!);
    const good = tree.getTreeItem(trustOf(nam!));
    assert.equal(good.label, 'NAM → NAM');
    assert.equal(good.description, 'ready');
    assert.equal(good.contextValue, 'trust:usable:removable');
    assert.equal((good.iconPath as vscode.ThemeIcon).id, 'pass-filled');
    assert.equal(((good.iconPath as vscode.ThemeIcon).color as vscode.ThemeColor).id, 'testing.iconPassed');
    assert.ok(good.tooltip instanceof vscode.MarkdownString && /Compatible/.test(good.tooltip.value));
    const dormant = tree.getTreeItem(trustOf(eur!));
    assert.equal(dormant.contextValue, 'trust:dormant:removable');
    // At FIXED_NOW both requests are 3d 23h (and 15 minutes) short of their 7 days.
    assert.equal(dormant.description, 'dormant 3d 23h');
    assert.equal(tree.getTreeItem(trustOf(apc!)).contextValue, 'trust:notRequested');
  });

  it('is registered as the onedriveMigration.tenants view and can be revealed', async () => {
    await api();
    await vscode.commands.executeCommand('workbench.view.extension.onedriveMigration');
    await vscode.commands.executeCommand('onedriveMigration.tenants.focus');
  });
});
