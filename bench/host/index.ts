/**
 * Runs inside the VS Code extension host (npm run bench): activation time as measured by the
 * extension itself, and the Tenants tree provider on a big synthetic plan (17 × 17 geography
 * pairs, 50,000 redirect sites, 10,000 of them in one geography). Prints BENCH lines.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { moveStateEntry, resultFileText } from '../../test/support/resultFiles';

const MARK = '\u2063';
const report = (name: string, value: number, target: number, unit = 'ms') =>
  console.log(`${MARK}BENCH ${JSON.stringify({ name, value, target, unit })}`);

function median(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<ExtensionApi>('onedrive-migration.onedrive-cross-tenant-migration')!;
  const api = await ext.activate();
  if (!api) throw new Error('the extension exports its API only with ODM_TEST_HOOKS=1 (test/harness/launcher.mjs sets it)');
  report('activate() inside the extension host', api.activationMs, 15);
  report('bundle load + activate() inside the extension host', api.loadAndActivationMs, Infinity);
  const started = performance.now();
  await api.store.initialize();
  report('first plan load (17 × 17 pairs, 50,000 redirect sites in result files)', performance.now() - started, Infinity);
  if (api.store.state !== 'valid')
    throw new Error(`benchmark plan is ${api.store.state}: ${JSON.stringify(api.store.snapshot?.problems.slice(0, 3))}`);

  const tree = api.tree;
  const firstLevel: number[] = [];
  for (let i = 0; i < 20; i++) {
    tree.refresh();
    const t = performance.now();
    for (const n of tree.getChildren()) tree.getTreeItem(n);
    firstLevel.push(performance.now() - t);
  }
  report('tree: first level (tenants)', median(firstLevel), 50);

  const source = tree.getChildren()[0]!;
  const geographies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    for (const n of tree.getChildren(source)) tree.getTreeItem(n);
    geographies.push(performance.now() - t);
  }
  report('tree: expand a tenant (17 geographies)', median(geographies), 50);

  const nam = tree.getChildren(source)[0]!;
  const expand: number[] = [];
  let count = 0;
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    const children = tree.getChildren(nam);
    for (const n of children) tree.getTreeItem(n);
    const folder = children.find((n) => n.kind === 'redirectFolder')!;
    const sites = tree.getChildren(folder);
    for (const n of sites) tree.getTreeItem(n);
    count = sites.length;
    expand.push(performance.now() - t);
  }
  if (count !== 10_000) throw new Error(`expected 10,000 redirect sites under NAM, found ${count}`);
  report('tree: expand a geography (17 trusts) and its 10,000 redirect sites', median(expand), 200);

  // Auto-import of 20,000 move states (issue 9): how long the extension host is blocked at a stretch.
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const entries = Array.from({ length: 20_000 }, (_, i) =>
    moveStateEntry(`user${i}@contoso.com`, 'Success', { targetUserPrincipalName: `user${i}@fabrikam.com` }),
  );
  const resultText = resultFileText('moveState', { entries });
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const changed = new Promise<void>((resolve) => {
    const sub = api.store.onDidChange((snapshot) => {
      if (Object.keys(snapshot?.plan?.moves ?? {}).length >= 20_000) {
        sub.dispose();
        resolve();
      }
    });
  });
  const importStarted = performance.now();
  delay.enable();
  await vscode.workspace.fs.writeFile(
    vscode.Uri.joinPath(folder, 'results', 'source-NAM-moveState-20000.json'),
    new TextEncoder().encode(resultText),
  );
  await changed;
  delay.disable();
  report('auto-import of 20,000 move states: until the plan is updated (information)', performance.now() - importStarted, Infinity);
  report('auto-import of 20,000 move states: longest block of the extension host', delay.max / 1e6, 100);
}
