import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RedirectInventory } from '../../src/core/results/ingestResults';
import { childrenOf, pairSummary, rootNodes, type TreeInput, type TreeNodeModel } from '../../src/core/views/tenantsTree';
import { pairStatus } from '../../src/core/trust/trustState';
import { relativeTime } from '../../src/core/text/relativeTime';
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
    assert.equal(geos[0]!.description, 'contoso-my.sharepoint.com');
    assert.equal(geos[0]!.contextValue, 'geography:source:hasHost:default');
    assert.match(geos[1]!.accessibilityLabel, /Source geography EUR \(Europe \/ Middle East \/ Africa\)/);
  });

  it("shows one trust node per pair, with both directions' state, icons and context values", () => {
    const nam = child(source!, 'geo:source:NAM');
    const good = child(nam, 'trust:source:NAM>NAM');
    assert.equal(good.label, 'NAM → NAM');
    assert.equal(good.description, 'ready');
    assert.deepEqual(good.icon, { id: 'pass-filled', color: 'testing.iconPassed' });
    assert.equal(good.contextValue, 'trust:usable:removable');
    assert.match(good.tooltip, /Compatibility: \*\*Compatible\*\*/);

    const eur = child(child(source!, 'geo:source:EUR'), 'trust:source:EUR>EUR');
    assert.equal(eur.description, 'dormant 3d 23h');
    assert.equal(eur.contextValue, 'trust:dormant:removable');
    assert.match(eur.tooltip, /7-day dormant period ends in 3d 23h, 27 Nov 11:45 UTC\./);

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

describe('trust rows at the default sidebar width', () => {
  const NOW = new Date('2026-11-23T12:00:00Z');
  it('one short combined state, naming the side the pair waits for; the icon points at it', () => {
    const summary = (source: object, target: object) =>
      pairSummary(pairStatus({ sourceGeography: 'NAM', targetGeography: 'NAM', source, target }, NOW));
    assert.deepEqual(summary({}, {}), { text: 'not requested' });
    assert.deepEqual(summary({ requestedAt: '2026-11-22T00:00:00Z' }, {}), { text: 'target: not requested', waiting: 'target' });
    assert.deepEqual(summary({}, { requestedAt: '2026-11-22T00:00:00Z' }), { text: 'source: not requested', waiting: 'source' });
    assert.deepEqual(
      summary(
        { requestedAt: '2026-11-01T00:00:00Z', lastVerifiedAt: '2026-11-10T00:00:00Z', lastResult: 'GoodToProceed' },
        { requestedAt: '2026-11-01T00:00:00Z', lastVerifiedAt: '2026-11-10T00:00:00Z', lastResult: 'CouldNotContactPartner' },
      ),
      { text: "target: can't reach partner", waiting: 'target' },
    );
    const plan = examplePlan();
    plan.trusts![2]!.source = { requestedAt: '2026-11-22T00:00:00Z' };
    const input = { plan, redirectInventories: [], now: NOW };
    const [tenant] = rootNodes(input);
    const apc = childrenOf(
      input,
      childrenOf(input, tenant!).find((n) => n.geography === 'APC')!,
    ).find((n) => n.kind === 'trust')!;
    assert.equal(apc.description, 'target: not requested');
    assert.deepEqual(apc.icon, { id: 'arrow-circle-right', color: 'list.warningForeground' });
    assert.match(apc.tooltip, /\| Source \| requested on 2026-11-22, waiting for the partner \| 1 day ago, 22 Nov 00:00 UTC \|/);
  });

  it('times in words: relative to now, then the time itself', () => {
    assert.deepEqual(
      ['2026-11-19T12:00:00Z', '2026-11-23T09:00:00Z', '2026-11-23T11:59:30Z', '2026-11-27T11:45:00Z'].map((t) => relativeTime(t, NOW)),
      ['4 days ago', '3 hours ago', 'just now', 'in 3d 23h'],
    );
  });
});
