import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RedirectInventory } from '../../src/core/results/ingestResults';
import { childrenOf, rootNodes, type TreeInput, type TreeNodeModel } from '../../src/core/views/tenantsTree';
import { examplePlan } from '../support/fixtures';

const inventory: RedirectInventory = {
  side: 'source',
  geography: 'NAM',
  createdAt: '2026-11-22T08:00:00Z',
  includesPersonalSites: true,
  urls: ['https://contoso-my.sharepoint.com/personal/adele_vance_contoso_com', 'https://contoso.sharepoint.com/sites/hr'],
  file: 'results/source-NAM-redirectSites.json',
};
const input: TreeInput = { plan: examplePlan(), redirectInventories: [inventory], now: new Date('2026-11-23T12:00:00Z') };

const child = (parent: TreeNodeModel, id: string) => {
  const found = childrenOf(input, parent).find((n) => n.id === id);
  assert.ok(found, `${id} under ${parent.id}`);
  return found;
};

describe('Tenants tree view model (example plan)', () => {
  const [source, target] = rootNodes(input);

  it('has the source and the target tenant at the top', () => {
    assert.deepEqual([source!.id, target!.id], ['tenant:source', 'tenant:target']);
    assert.equal(source!.label, 'Contoso Ltd (contoso)');
    assert.equal(source!.description, 'Source · tenant ID 7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03');
    assert.match(source!.tooltip, /2 redirect sites/);
    assert.equal(target!.contextValue, 'tenant:target');
  });

  it('lists geographies with the default marked and the host URL', () => {
    const geos = childrenOf(input, source!);
    assert.deepEqual(
      geos.map((g) => g.label),
      ['NAM (default)', 'EUR', 'APC'],
    );
    assert.equal(geos[0]!.description, 'https://contoso-my.sharepoint.com');
    assert.equal(geos[0]!.contextValue, 'geography:source:hasHost:default');
    assert.match(geos[1]!.accessibilityLabel, /Source geography EUR \(Europe \/ Middle East \/ Africa\)/);
  });

  it("shows one trust node per pair, with both directions' state, icons and context values", () => {
    const nam = child(source!, 'geo:source:NAM');
    const good = child(nam, 'trust:source:NAM>NAM');
    assert.equal(good.label, 'NAM → NAM');
    assert.equal(good.description, 'Source: GoodToProceed · Target: GoodToProceed');
    assert.deepEqual(good.icon, { id: 'pass-filled', color: 'testing.iconPassed' });
    assert.equal(good.contextValue, 'trust:usable:removable');
    assert.match(good.tooltip, /Compatibility: \*\*Compatible\*\*/);

    const eur = child(child(source!, 'geo:source:EUR'), 'trust:source:EUR>EUR');
    assert.equal(eur.description, 'Source: dormant, usable in 3d 23h · Target: dormant, usable in 3d 23h');
    assert.equal(eur.contextValue, 'trust:dormant:removable');
    assert.match(eur.tooltip, /7-day dormant period ends 2026-11-27T11:45:00Z/);

    const apc = child(child(source!, 'geo:source:APC'), 'trust:source:APC>NAM');
    assert.equal(apc.contextValue, 'trust:notRequested', 'nothing to remove');
    const underTarget = childrenOf(input, child(target!, 'geo:target:NAM')).map((n) => n.id);
    assert.deepEqual(underTarget, ['trust:target:NAM>NAM', 'trust:target:APC>NAM']);
  });

  it('puts redirect sites under the geography that holds them, with counts', () => {
    const folder = child(child(source!, 'geo:source:NAM'), 'redirects:source:NAM');
    assert.equal(folder.description, '2');
    const sites = childrenOf(input, folder);
    assert.deepEqual(
      sites.map((s) => [s.label, s.contextValue]),
      [
        ['/personal/adele_vance_contoso_com', 'redirectSite:onedrive'],
        ['/sites/hr', 'redirectSite:site'],
      ],
    );
    assert.equal(sites[0]!.url, inventory.urls[0]);
    assert.equal(
      childrenOf(input, child(source!, 'geo:source:EUR')).some((n) => n.kind === 'redirectFolder'),
      false,
    );
  });

  it('ids are unique and stable across refreshes', () => {
    const ids: string[] = [];
    const walk = (nodes: TreeNodeModel[]) => nodes.forEach((n) => (ids.push(n.id), walk(childrenOf(input, n))));
    walk(rootNodes(input));
    assert.equal(new Set(ids).size, ids.length);
    const again: string[] = [];
    const walk2 = (nodes: TreeNodeModel[]) =>
      nodes.forEach((n) => (again.push(n.id), walk2(childrenOf({ ...input, now: new Date('2026-11-25T00:00:00Z') }, n))));
    walk2(rootNodes(input));
    assert.deepEqual(again, ids);
  });

  it('flags a geography whose host URL is not known yet', () => {
    const plan = examplePlan();
    delete plan.target.geographies[1]!.hostUrl;
    const eur = childrenOf({ ...input, plan }, rootNodes({ ...input, plan })[1]!)[1]!;
    assert.equal(eur.description, 'host URL not known yet');
    assert.equal(eur.icon.color, 'list.warningForeground');
    assert.equal(eur.contextValue, 'geography:target');
  });
});
