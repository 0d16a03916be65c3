import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IdentityMapRow } from '../../src/core/identity/identityMapRows';
import {
  DORMANT_PERIOD_MS,
  QUEUE_LIMIT_PER_SOURCE_GEOGRAPHY,
  REDIRECT_SITE_TEMPLATE,
  SimulatedCloud,
  personalSiteUrl,
  type Location,
  type SimMove,
  type SimMoveState,
} from '../../src/simulator/cloudModel';
import type { Scenario } from '../../src/simulator/scenario';
import {
  ADELE,
  ALEX,
  CONTOSO_APC,
  CONTOSO_NAM,
  DAY,
  DIEGO,
  FABRIKAM_NAM,
  ISAIAH,
  MAP_ROWS,
  MIN,
  SOURCE_TENANT_ID,
  SRC_NAM,
  START,
  TGT_NAM,
  cloudWith,
  targetOf,
  throwsCode,
} from '../support/simulatorFixtures';

const T0 = Date.parse(START);

const SRC_EUR: Location = { side: 'source', geography: 'EUR' };
const SRC_APC: Location = { side: 'source', geography: 'APC' };
const TGT_EUR: Location = { side: 'target', geography: 'EUR' };

const CONTOSO_EUR = 'https://contosoeur-my.sharepoint.com';
const FABRIKAM_EUR = 'https://fabrikameur-my.sharepoint.com';

const MAP_FIELDS = MAP_ROWS.map(fieldsOf);

const LENA = 'lena.muller@contoso.com';
const LEE = 'lee.gu@contoso.com';

function fieldsOf(r: IdentityMapRow): string[] {
  return [r.kind, r.sourceTenantId, r.source, r.target, r.nameOrEmail, r.type];
}

function userRow(source: string, target = source.replace('@contoso.com', '@fabrikam.com'), line = 0): IdentityMapRow {
  return { line, kind: 'User', sourceTenantId: SOURCE_TENANT_ID, source, target, nameOrEmail: target, type: 'RegularUser' };
}

/** Both sides of a geography pair request trust now. */
function requestTrust(cloud: SimulatedCloud, source: Location, target: Location): void {
  cloud.setRelationship(source, 'Target', cloud.hostUrl(target));
  cloud.setRelationship(target, 'Source', cloud.hostUrl(source));
}

/** Target users exist, all three pairs trusted and past the dormant period, the map uploaded to both target geographies. */
function readyCloud(
  scenario: Partial<Scenario> = {},
  identityMap: readonly IdentityMapRow[] = MAP_ROWS,
  uploaded: ReadonlyArray<readonly string[]> = MAP_FIELDS,
): SimulatedCloud {
  const cloud = cloudWith({ targetUsersExist: true, ...scenario }, identityMap);
  requestTrust(cloud, SRC_NAM, TGT_NAM);
  requestTrust(cloud, SRC_EUR, TGT_EUR);
  requestTrust(cloud, SRC_APC, TGT_NAM);
  cloud.advance(DORMANT_PERIOD_MS);
  cloud.uploadIdentityMap(TGT_NAM, uploaded);
  cloud.uploadIdentityMap(TGT_EUR, uploaded);
  return cloud;
}

function start(
  cloud: SimulatedCloud,
  sourceUpn: string,
  extra: {
    from?: Location;
    targetUpn?: string;
    host?: string;
    preferredBegin?: string;
    preferredEnd?: string;
    validationOnly?: boolean;
  } = {},
) {
  return cloud.startMove(extra.from ?? SRC_NAM, {
    sourceUpn,
    targetUpn: extra.targetUpn ?? targetOf(sourceUpn),
    targetHostUrl: extra.host ?? FABRIKAM_NAM,
    validationOnly: extra.validationOnly ?? false,
    ...(extra.preferredBegin ? { preferredBegin: extra.preferredBegin } : {}),
    ...(extra.preferredEnd ? { preferredEnd: extra.preferredEnd } : {}),
  });
}

function moveOf(cloud: SimulatedCloud, sourceUpn: string): SimMove {
  const move = cloud.state.moves.filter((m) => m.sourceUpn === sourceUpn).at(-1);
  assert.ok(move, `a move of ${sourceUpn}`);
  return move;
}

/** Follows nextEvent() until nothing changes by itself; returns each state a move went through, with minutes since `from`. */
function runToEnd(cloud: SimulatedCloud, sourceUpn: string, from = cloud.now.getTime()): Array<[SimMoveState, number]> {
  const seen: Array<[SimMoveState, number]> = [[moveOf(cloud, sourceUpn).state, (cloud.now.getTime() - from) / MIN]];
  for (let i = 0; i < 100; i++) {
    const next = cloud.nextEvent();
    if (!next) return seen;
    cloud.setNow(next);
    const state = moveOf(cloud, sourceUpn).state;
    if (state !== seen.at(-1)![0]) seen.push([state, (cloud.now.getTime() - from) / MIN]);
  }
  assert.fail('the cloud never became idle');
}

describe('simulated cloud: initial state from the example plan', () => {
  it('has the plan geographies with admin, host and root URLs (lower case, no trailing slash)', () => {
    const cloud = cloudWith();
    assert.deepEqual(
      cloud.tenant('source').geographies.map((g) => [g.code, g.adminUrl, g.hostUrl, g.rootUrl]),
      [
        ['NAM', 'https://contoso-admin.sharepoint.com', CONTOSO_NAM, 'https://contoso.sharepoint.com'],
        ['EUR', 'https://contosoeur-admin.sharepoint.com', CONTOSO_EUR, 'https://contosoeur.sharepoint.com'],
        ['APC', 'https://contosoapc-admin.sharepoint.com', CONTOSO_APC, 'https://contosoapc.sharepoint.com'],
      ],
    );
    assert.deepEqual(
      cloud.tenant('target').geographies.map((g) => [g.code, g.hostUrl]),
      [
        ['NAM', FABRIKAM_NAM],
        ['EUR', FABRIKAM_EUR],
      ],
    );
    assert.equal(cloud.tenant('source').name, 'contoso');
    assert.equal(cloud.tenant('source').tenantId, SOURCE_TENANT_ID);
    assert.equal(cloud.tenant('target').tenantId, 'd1a4b7c2-8e3f-4a5b-b6c7-9d0e1f2a3b4c');
    assert.equal(cloud.hostUrl(SRC_EUR), CONTOSO_EUR);
    assert.equal(cloud.hostUrl(TGT_EUR), FABRIKAM_EUR);
  });

  it('locates admin and host URLs whatever their case and trailing slash; unknown URLs are not located', () => {
    const cloud = cloudWith();
    assert.deepEqual(cloud.locateAdminUrl('HTTPS://ContosoEUR-admin.sharepoint.com/'), SRC_EUR);
    assert.deepEqual(cloud.locateAdminUrl(' https://fabrikam-admin.sharepoint.com '), TGT_NAM);
    assert.deepEqual(cloud.locateHostUrl('https://fabrikameur-my.sharepoint.com/'), TGT_EUR);
    assert.deepEqual(cloud.locateHostUrl(CONTOSO_APC), SRC_APC);
    assert.equal(cloud.locateAdminUrl('https://northwind-admin.sharepoint.com'), undefined);
    assert.equal(cloud.locateHostUrl('https://contoso-admin.sharepoint.com'), undefined, 'an admin URL is not a host URL');
    assert.equal(cloud.locateAdminUrl(CONTOSO_NAM), undefined, 'a host URL is not an admin URL');
    assert.throws(() => cloud.geography({ side: 'target', geography: 'APC' }), /No geography APC on the target tenant/);
  });

  it('creates the source users of the batches in their geography with a OneDrive, and the map users in the default geography', () => {
    const cloud = cloudWith();
    assert.equal(cloud.user('source', 'Lena.Muller@Contoso.com')?.geography, 'EUR', 'lookup is case-insensitive');
    assert.equal(cloud.user('source', LENA)?.oneDriveUrl, `${CONTOSO_EUR}/personal/lena_muller_contoso_com`);
    assert.equal(cloud.user('source', LEE)?.geography, 'APC');
    const megan = cloud.user('source', 'megan.bowen@contoso.com');
    assert.equal(megan?.geography, 'NAM');
    assert.equal(megan?.oneDriveUrl, `${CONTOSO_NAM}/personal/megan_bowen_contoso_com`);
    const nestor = cloud.user('source', 'nestor.wilke_northwind.com#EXT#@contoso.onmicrosoft.com');
    assert.equal(nestor?.userType, 'Guest');
    assert.equal(nestor?.oneDriveUrl, undefined, 'guests have no OneDrive');
    assert.equal(Object.keys(cloud.tenant('source').users).length, 12);
    assert.equal(cloud.site(SRC_NAM, `${CONTOSO_NAM}/personal/adele_vance_contoso_com`)?.template, 'SPSPERS#10');
    assert.equal(cloud.site(SRC_EUR, `${CONTOSO_NAM}/personal/adele_vance_contoso_com`), undefined, 'a site belongs to one geography');
  });

  it('target users exist only with targetUsersExist, in the batch target geography; target groups from the map', () => {
    assert.equal(Object.keys(cloudWith().tenant('target').users).length, 0);
    const cloud = cloudWith({ targetUsersExist: true });
    assert.equal(Object.keys(cloud.tenant('target').users).length, 12);
    assert.equal(cloud.user('target', 'lena.muller@fabrikam.com')?.geography, 'EUR');
    assert.equal(cloud.user('target', 'lee.gu@fabrikam.com')?.geography, 'NAM', 'APC → NAM batch');
    assert.equal(cloud.user('target', 'megan.bowen_contoso.com#EXT#@fabrikam.onmicrosoft.com')?.userType, 'Guest');
    assert.equal(cloud.user('target', 'adele.vance@fabrikam.com')?.oneDriveUrl, undefined);
    const falcon = cloud.tenant('target').groups['8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d'];
    assert.deepEqual([falcon?.kind, falcon?.provisionSiteOnDemand], ['Unified', true]);
    assert.equal(cloud.tenant('target').groups['5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c']?.kind, 'Security');
    assert.equal(Object.keys(cloudWith({ targetGroupsExist: false }).tenant('target').groups).length, 0);
  });

  it('personal site URLs replace . @ , and spaces with _', () => {
    assert.equal(
      personalSiteUrl('https://Fabrikam-my.sharepoint.com/', 'Jo Ann.Smith@Fabrikam.com'),
      'https://fabrikam-my.sharepoint.com/personal/jo_ann_smith_fabrikam_com',
    );
  });
});

describe('simulated cloud: the clock', () => {
  it('starts at the scenario start and moves only through advance / setNow, never backwards', () => {
    const cloud = cloudWith();
    assert.equal(cloud.now.toISOString(), '2026-11-01T00:00:00.000Z');
    cloud.advance(1234);
    assert.equal(cloud.now.toISOString(), '2026-11-01T00:00:01.234Z');
    cloud.setNow(new Date('2026-11-02T00:00:00Z'));
    assert.equal(cloud.now.toISOString(), '2026-11-02T00:00:00.000Z');
    cloud.setNow(new Date('2026-11-02T00:00:00Z'));
    assert.throws(() => cloud.setNow(new Date('2026-11-01T23:59:59Z')), /only moves forward/);
    assert.equal(cloud.now.toISOString(), '2026-11-02T00:00:00.000Z');
  });

  it('nextEvent() is undefined while nothing is due', () => {
    assert.equal(cloudWith().nextEvent(), undefined);
  });
});

describe('simulated cloud: trust (steps 2, 3, 7)', () => {
  it('NotEstablished → NotEstablishedByPartner → DormantByPartner → GoodToProceed exactly 7 days after the partner request', () => {
    const cloud = cloudWith();
    const fromSource = () => cloud.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_NAM);
    const fromTarget = () => cloud.verifyRelationship(TGT_NAM, 'Source', CONTOSO_NAM);
    assert.deepEqual([fromSource(), fromTarget()], ['NotEstablished', 'NotEstablished']);

    cloud.setRelationship(SRC_NAM, 'Target', FABRIKAM_NAM);
    assert.deepEqual([fromSource(), fromTarget()], ['NotEstablishedByPartner', 'NotEstablished']);
    assert.equal(cloud.nextEvent()?.toISOString(), new Date(T0 + DORMANT_PERIOD_MS).toISOString());

    cloud.advance(DAY);
    cloud.setRelationship(TGT_NAM, 'Source', CONTOSO_NAM);
    assert.deepEqual([fromSource(), fromTarget()], ['DormantByPartner', 'DormantByPartner']);

    // The target sees the source's request (day 0) mature on day 7; the source sees the target's (day 1) on day 8.
    cloud.setNow(new Date(T0 + 7 * DAY - 1));
    assert.deepEqual([fromSource(), fromTarget()], ['DormantByPartner', 'DormantByPartner']);
    cloud.advance(1);
    assert.deepEqual([fromSource(), fromTarget()], ['DormantByPartner', 'GoodToProceed']);
    assert.equal(cloud.nextEvent()?.toISOString(), new Date(T0 + 8 * DAY).toISOString());
    cloud.setNow(new Date(T0 + 8 * DAY - 1));
    assert.equal(fromSource(), 'DormantByPartner');
    cloud.advance(1);
    assert.deepEqual([fromSource(), fromTarget()], ['GoodToProceed', 'GoodToProceed']);
    assert.equal(cloud.nextEvent(), undefined);
  });

  it('the dormant period is exactly DORMANT_PERIOD_MS = 7 days', () => {
    assert.equal(DORMANT_PERIOD_MS, 7 * DAY);
  });

  it('a move can start only when both directions are GoodToProceed', () => {
    const cloud = cloudWith({ targetUsersExist: true });
    cloud.uploadIdentityMap(TGT_NAM, MAP_FIELDS);
    throwsCode(() => start(cloud, ADELE), 'MnATrustNoSetupForPartner');
    cloud.setRelationship(SRC_NAM, 'Target', FABRIKAM_NAM);
    cloud.advance(DAY);
    cloud.setRelationship(TGT_NAM, 'Source', CONTOSO_NAM);
    cloud.setNow(new Date(T0 + 7 * DAY));
    throwsCode(() => start(cloud, ADELE), 'MnATrustNoSetupForPartner', /fabrikam-my\.sharepoint\.com/);
    throwsCode(() => start(cloud, ADELE, { validationOnly: true }), 'MnATrustNoSetupForPartner');
    cloud.setNow(new Date(T0 + 8 * DAY));
    assert.equal(start(cloud, ADELE).move?.state, 'Scheduled');
  });

  it('setting the trust again keeps the original request time', () => {
    const cloud = cloudWith();
    requestTrust(cloud, SRC_NAM, TGT_NAM);
    cloud.advance(3 * DAY);
    cloud.setRelationship(SRC_NAM, 'Target', 'HTTPS://Fabrikam-my.sharepoint.com/');
    assert.equal(cloud.tenant('source').relationships.length, 1);
    assert.equal(cloud.tenant('source').relationships[0]?.setAt, new Date(T0).toISOString());
    cloud.setNow(new Date(T0 + 7 * DAY));
    assert.equal(cloud.verifyRelationship(TGT_NAM, 'Source', CONTOSO_NAM), 'GoodToProceed');
  });

  it('host URLs match whatever their case and trailing slash', () => {
    const cloud = cloudWith();
    cloud.setRelationship(SRC_NAM, 'Target', 'https://FABRIKAM-my.sharepoint.com/');
    assert.equal(cloud.tenant('source').relationships[0]?.partnerHostUrl, FABRIKAM_NAM);
    assert.equal(cloud.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_NAM), 'NotEstablishedByPartner');
  });

  it('a trust is per geography pair: the EUR pair knows nothing of the NAM trust', () => {
    const cloud = cloudWith();
    requestTrust(cloud, SRC_NAM, TGT_NAM);
    cloud.advance(DORMANT_PERIOD_MS);
    assert.equal(cloud.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_NAM), 'GoodToProceed');
    assert.equal(cloud.verifyRelationship(SRC_EUR, 'Target', FABRIKAM_EUR), 'NotEstablished');
    assert.equal(cloud.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_EUR), 'NotEstablished');
    assert.equal(cloud.verifyRelationship(TGT_NAM, 'Source', CONTOSO_APC), 'NotEstablished');
  });

  it('refuses the wrong -PartnerRole (the role of the PARTNER) with MnATrustWrongCmdletUsage, and records nothing', () => {
    const cloud = cloudWith();
    throwsCode(() => cloud.setRelationship(SRC_NAM, 'Source', FABRIKAM_NAM), 'MnATrustWrongCmdletUsage', /\[Source\]/);
    throwsCode(() => cloud.setRelationship(TGT_NAM, 'Target', CONTOSO_NAM), 'MnATrustWrongCmdletUsage');
    throwsCode(() => cloud.setRelationship(SRC_NAM, 'None', FABRIKAM_NAM), 'MnATrustWrongCmdletUsage');
    throwsCode(() => cloud.verifyRelationship(SRC_NAM, 'Source', FABRIKAM_NAM), 'MnATrustWrongCmdletUsage');
    throwsCode(() => cloud.removeRelationship(TGT_NAM, 'Target', CONTOSO_NAM), 'MnATrustWrongCmdletUsage');
    assert.deepEqual([cloud.tenant('source').relationships, cloud.tenant('target').relationships], [[], []]);
  });

  it('CouldNotContactPartner for a partner host that is not a tenant, or is on the same side', () => {
    const cloud = cloudWith();
    cloud.setRelationship(SRC_NAM, 'Target', 'https://northwind-my.sharepoint.com');
    assert.equal(cloud.verifyRelationship(SRC_NAM, 'Target', 'https://northwind-my.sharepoint.com/'), 'CouldNotContactPartner');
    cloud.setRelationship(SRC_NAM, 'Target', CONTOSO_EUR);
    assert.equal(cloud.verifyRelationship(SRC_NAM, 'Target', CONTOSO_EUR), 'CouldNotContactPartner');
    assert.equal(
      cloud.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_NAM),
      'NotEstablished',
      'the lost request does not count for the real partner',
    );
  });

  it('silentSide: that side’s requests never arrive, so its partner stays NotEstablishedByPartner', () => {
    const cloud = cloudWith({ silentSide: 'target', targetUsersExist: true });
    requestTrust(cloud, SRC_NAM, TGT_NAM);
    assert.equal(cloud.tenant('target').relationships.length, 0);
    assert.ok(cloud.state.events.some((e) => /trust request to .* lost/.test(e.text)));
    cloud.advance(30 * DAY);
    assert.equal(cloud.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_NAM), 'NotEstablishedByPartner');
    assert.equal(cloud.verifyRelationship(TGT_NAM, 'Source', CONTOSO_NAM), 'NotEstablished');
    throwsCode(() => start(cloud, ADELE), 'MnATrustNoSetupForPartner');
    // Without the fault, the same calls give a working trust.
    const normal = cloudWith();
    requestTrust(normal, SRC_NAM, TGT_NAM);
    normal.advance(30 * DAY);
    assert.equal(normal.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_NAM), 'GoodToProceed');
  });

  it('removal: this side NotEstablished, the partner NotEstablishedByPartner; removing twice fails; setting again restarts the dormant period', () => {
    const cloud = cloudWith();
    requestTrust(cloud, SRC_NAM, TGT_NAM);
    cloud.advance(10 * DAY);
    cloud.removeRelationship(SRC_NAM, 'Target', 'https://fabrikam-my.sharepoint.com/');
    assert.equal(cloud.tenant('source').relationships[0]?.removedAt, new Date(T0 + 10 * DAY).toISOString());
    assert.equal(cloud.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_NAM), 'NotEstablished');
    assert.equal(cloud.verifyRelationship(TGT_NAM, 'Source', CONTOSO_NAM), 'NotEstablishedByPartner');
    throwsCode(
      () => cloud.removeRelationship(SRC_NAM, 'Target', FABRIKAM_NAM),
      'MnATrustNoSetupForPartner',
      /no Cross-Tenant relationship established for partner \[https:\/\/fabrikam-my\.sharepoint\.com\]/,
    );
    throwsCode(() => cloud.removeRelationship(SRC_EUR, 'Target', FABRIKAM_EUR), 'MnATrustNoSetupForPartner');

    cloud.setRelationship(SRC_NAM, 'Target', FABRIKAM_NAM);
    assert.equal(cloud.tenant('source').relationships.length, 2);
    assert.equal(cloud.verifyRelationship(TGT_NAM, 'Source', CONTOSO_NAM), 'DormantByPartner');
    assert.equal(cloud.verifyRelationship(SRC_NAM, 'Target', FABRIKAM_NAM), 'GoodToProceed', 'the target request is still old enough');
    assert.equal(
      cloud.nextEvent()?.toISOString(),
      new Date(T0 + 17 * DAY).toISOString(),
      'the removed request no longer schedules anything',
    );
    cloud.advance(DORMANT_PERIOD_MS);
    assert.equal(cloud.verifyRelationship(TGT_NAM, 'Source', CONTOSO_NAM), 'GoodToProceed');
  });

  it('a request removed within its dormant period no longer schedules its end', () => {
    const cloud = cloudWith();
    cloud.setRelationship(SRC_NAM, 'Target', FABRIKAM_NAM);
    cloud.advance(DAY);
    assert.equal(cloud.nextEvent()?.toISOString(), new Date(T0 + DORMANT_PERIOD_MS).toISOString());
    cloud.removeRelationship(SRC_NAM, 'Target', FABRIKAM_NAM);
    assert.equal(cloud.nextEvent(), undefined);
  });
});

describe('simulated cloud: compatibility and identity map (step 5)', () => {
  it('compatibility per geography pair comes from the scenario (default Compatible), read on the source only', () => {
    const cloud = cloudWith({ compatibility: { 'NAM>NAM': 'Warning', 'EUR>EUR': 'Incompatible' } });
    assert.equal(cloud.compatibility(SRC_NAM, FABRIKAM_NAM), 'Warning');
    assert.equal(cloud.compatibility(SRC_EUR, 'https://FabrikamEUR-my.sharepoint.com/'), 'Incompatible');
    assert.equal(cloud.compatibility(SRC_APC, FABRIKAM_NAM), 'Compatible');
    assert.equal(cloud.compatibility(SRC_NAM, FABRIKAM_EUR), 'Compatible');
    throwsCode(() => cloud.compatibility(TGT_NAM, CONTOSO_NAM), 'MnATrustWrongCmdletUsage');
    throwsCode(() => cloud.compatibility(SRC_NAM, CONTOSO_EUR), 'MnATrustNoSetupForPartner');
    throwsCode(() => cloud.compatibility(SRC_NAM, 'https://northwind-my.sharepoint.com'), 'MnATrustNoSetupForPartner');
  });

  it('Incompatible refuses the move with MnAPartnersFarmsAreIncompatible; Warning lets it through', () => {
    const cloud = readyCloud({ compatibility: { 'NAM>NAM': 'Warning', 'EUR>EUR': 'Incompatible' } });
    throwsCode(() => start(cloud, LENA, { from: SRC_EUR, host: FABRIKAM_EUR }), 'MnAPartnersFarmsAreIncompatible');
    throwsCode(() => start(cloud, LENA, { from: SRC_EUR, host: FABRIKAM_EUR, validationOnly: true }), 'MnAPartnersFarmsAreIncompatible');
    assert.equal(start(cloud, ADELE).move?.state, 'Scheduled');
    assert.equal(cloud.state.moves.length, 1);
  });

  it('an upload stores the whole map for that target geography (users by lower-case source UPN, groups by source ID)', () => {
    const cloud = cloudWith();
    const map = cloud.uploadIdentityMap(TGT_NAM, MAP_FIELDS);
    assert.equal(map.rows, 15);
    assert.equal(Object.keys(map.users).length, 12);
    assert.equal(Object.keys(map.groups).length, 3);
    assert.equal(map.uploadedAt, new Date(T0).toISOString());
    assert.equal(cloud.identityMap(TGT_NAM)?.users[ADELE]?.target, 'adele.vance@fabrikam.com');
    assert.equal(cloud.identityMap(TGT_NAM)?.groups['3a2b1c0d-9e8f-4a7b-b6c5-d4e3f2a1b0c9']?.name, 'Finance Team');
    assert.equal(cloud.identityMap(TGT_EUR), undefined, 'one map per target geography');
  });

  it('each upload replaces the whole map', () => {
    const cloud = cloudWith();
    cloud.uploadIdentityMap(TGT_NAM, MAP_FIELDS);
    cloud.advance(MIN);
    cloud.uploadIdentityMap(TGT_NAM, [fieldsOf(userRow('Zoe.Doe@Contoso.com'))]);
    const map = cloud.identityMap(TGT_NAM)!;
    assert.deepEqual(Object.keys(map.users), ['zoe.doe@contoso.com']);
    assert.deepEqual(map.groups, {});
    assert.equal(map.rows, 1);
    assert.equal(map.uploadedAt, new Date(T0 + MIN).toISOString());
  });

  it('rejects a header row and rows without 6 columns, keeping the previous map; refuses uploads on the source', () => {
    const cloud = cloudWith();
    cloud.uploadIdentityMap(TGT_NAM, MAP_FIELDS);
    throwsCode(
      () => cloud.uploadIdentityMap(TGT_NAM, [['Type', 'SourceTenantId', 'Source', 'Target', 'Email', 'UserType'], ...MAP_FIELDS]),
      'InvalidIdentityMap',
      /Line 1 .*header row/,
    );
    throwsCode(
      () => cloud.uploadIdentityMap(TGT_NAM, [MAP_FIELDS[0]!, MAP_FIELDS[1]!.slice(0, 5)]),
      'InvalidIdentityMap',
      /Line 2 .* 5 columns/,
    );
    assert.equal(cloud.identityMap(TGT_NAM)?.rows, 15);
    throwsCode(() => cloud.uploadIdentityMap(SRC_NAM, MAP_FIELDS), 'MnATrustWrongCmdletUsage');
    assert.deepEqual(cloud.tenant('source').identityMaps, {});
  });
});

describe('simulated cloud: starting moves (step 6)', () => {
  it('queues a move as Scheduled with both site URLs, on the source only', () => {
    const cloud = readyCloud();
    const { move, validation } = start(cloud, ADELE, { host: 'https://Fabrikam-my.sharepoint.com/' });
    assert.equal(validation, undefined);
    assert.ok(move);
    assert.equal(move.state, 'Scheduled');
    assert.equal(move.sourceSiteUrl, `${CONTOSO_NAM}/personal/adele_vance_contoso_com`);
    assert.equal(move.targetSiteUrl, `${FABRIKAM_NAM}/personal/adele_vance_fabrikam_com`);
    assert.equal(move.targetHostUrl, FABRIKAM_NAM);
    assert.deepEqual([move.sourceGeography, move.targetGeography], ['NAM', 'NAM']);
    assert.equal(move.queuedAt, cloud.now.toISOString());
    assert.match(move.id, /^00000000-0000-4000-8000-[0-9a-f]{12}$/);
    assert.equal(cloud.pendingCount('NAM'), 1);
    throwsCode(() => start(cloud, ALEX, { from: TGT_NAM }), 'MnATrustWrongCmdletUsage');
  });

  it('refuses an admin URL as target host, and an unknown or source host', () => {
    const cloud = readyCloud();
    throwsCode(
      () => start(cloud, ADELE, { host: 'https://fabrikam-admin.sharepoint.com' }),
      'MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost',
    );
    throwsCode(() => start(cloud, ADELE, { host: 'https://northwind-my.sharepoint.com' }), 'MnATrustNoSetupForPartner');
    throwsCode(() => start(cloud, ADELE, { host: CONTOSO_EUR }), 'MnATrustNoSetupForPartner');
    assert.equal(cloud.state.moves.length, 0);
  });

  it('refuses a second move of the same user while one is pending, and after Success (MnASiteMoveIsInprogressOrFinished)', () => {
    const cloud = readyCloud();
    start(cloud, ADELE);
    throwsCode(() => start(cloud, 'Adele.Vance@Contoso.com'), 'MnASiteMoveIsInprogressOrFinished', /adele_vance_contoso_com/);
    cloud.advance(10 * MIN);
    assert.equal(moveOf(cloud, ADELE).state, 'InProgress');
    throwsCode(() => start(cloud, ADELE), 'MnASiteMoveIsInprogressOrFinished');
    cloud.advance(DAY);
    assert.equal(moveOf(cloud, ADELE).state, 'Success');
    throwsCode(() => start(cloud, ADELE), 'MnASiteMoveIsInprogressOrFinished');
    assert.equal(cloud.state.moves.length, 1);
  });

  it('a failed or stopped move can be started again', () => {
    const cloud = readyCloud({ unlicensedUsers: [DIEGO] });
    start(cloud, DIEGO);
    cloud.advance(DAY);
    assert.equal(moveOf(cloud, DIEGO).state, 'Failed');
    assert.equal(start(cloud, DIEGO).move?.state, 'Scheduled');
    cloud.stopMove(SRC_NAM, DIEGO);
    assert.equal(start(cloud, DIEGO).move?.state, 'Scheduled');
    assert.equal(cloud.state.moves.length, 3);
  });

  it('-ValidationOnly reports Success or the failure without queueing anything', () => {
    const cloud = readyCloud({ unlicensedUsers: [DIEGO] });
    const eventsBefore = cloud.state.events.length;
    assert.deepEqual(start(cloud, ADELE, { validationOnly: true }), { validation: { passed: true } });
    const failed = start(cloud, DIEGO, { validationOnly: true });
    assert.equal(failed.move, undefined);
    assert.equal(failed.validation?.passed, false);
    assert.match(failed.validation?.error ?? '', /^MnAOdbUsersAreNotLicensed: /);
    assert.equal(cloud.state.moves.length, 0);
    assert.equal(cloud.state.events.length, eventsBefore);
    assert.equal(cloud.nextEvent(), undefined);
    // A validation while a move is pending does not count as a duplicate.
    start(cloud, ADELE);
    assert.deepEqual(start(cloud, ADELE, { validationOnly: true }).validation, { passed: true });
  });
});

describe('simulated cloud: the queue limit (4,000 pending per source geography)', () => {
  it('refuses the 4,001st pending move of a geography, not those of another geography; a stopped move frees a slot', () => {
    assert.equal(QUEUE_LIMIT_PER_SOURCE_GEOGRAPHY, 4000);
    const extra = Array.from({ length: QUEUE_LIMIT_PER_SOURCE_GEOGRAPHY }, (_, i) => `bulk${String(i).padStart(4, '0')}@contoso.com`);
    const rows = [...MAP_ROWS, ...extra.map((upn, i) => userRow(upn, undefined, MAP_ROWS.length + i + 1))];
    const cloud = readyCloud({ extraSourceUsers: extra }, rows, rows.map(fieldsOf));
    assert.equal(cloud.user('source', extra[3999]!)?.geography, 'NAM');
    assert.equal(cloud.identityMap(TGT_NAM)?.rows, rows.length);
    // Every pending move stays Scheduled until its preferred begin date, so the queue stays full.
    const later = '2026-12-24T00:00:00.000Z';
    for (const upn of extra) start(cloud, upn, { preferredBegin: later });
    assert.equal(cloud.pendingCount('NAM'), 4000);
    throwsCode(() => start(cloud, ADELE, { preferredBegin: later }), 'MnAMoveJobCreationFailed', /queue .* full \(4000 pending moves\)/);
    assert.deepEqual(start(cloud, ADELE, { validationOnly: true }).validation, { passed: true }, 'validation does not use a queue slot');
    assert.equal(
      start(cloud, LENA, { from: SRC_EUR, host: FABRIKAM_EUR }).move?.state,
      'Scheduled',
      'another source geography has its own queue',
    );
    assert.equal(start(cloud, LEE, { from: SRC_APC }).move?.state, 'Scheduled', 'the same target geography from another source geography');
    cloud.stopMove(SRC_NAM, extra[0]!);
    assert.equal(cloud.pendingCount('NAM'), 3999);
    assert.equal(start(cloud, ADELE, { preferredBegin: later }).move?.state, 'Scheduled');
    throwsCode(() => start(cloud, ALEX, { preferredBegin: later }), 'MnAMoveJobCreationFailed');
  });
});

describe('simulated cloud: a move over time', () => {
  it('Scheduled → ReadyToTrigger (5 min) → InProgress (5 min) → Success after moveMinutes (default 120)', () => {
    const cloud = readyCloud();
    const t = cloud.now.getTime();
    start(cloud, ADELE);
    assert.equal(cloud.nextEvent()?.getTime(), t + 5 * MIN);
    assert.deepEqual(runToEnd(cloud, ADELE), [
      ['Scheduled', 0],
      ['ReadyToTrigger', 5],
      ['InProgress', 10],
      ['Success', 130],
    ]);
    const move = moveOf(cloud, ADELE);
    assert.equal(move.finishedAt, new Date(t + 130 * MIN).toISOString());
    assert.equal(move.nextAt, undefined);
    assert.equal(move.passes, 1);
    assert.equal(move.error, undefined);
    assert.equal(cloud.pendingCount('NAM'), 0);
  });

  it('a big jump applies every transition at its own time (events and finishedAt)', () => {
    const cloud = readyCloud();
    const t = cloud.now.getTime();
    start(cloud, ADELE);
    cloud.advance(3 * DAY);
    assert.equal(cloud.now.getTime(), t + 3 * DAY);
    assert.equal(moveOf(cloud, ADELE).finishedAt, new Date(t + 130 * MIN).toISOString());
    const success = cloud.state.events.find((e) => e.text.startsWith(`move of ${ADELE} succeeded`));
    assert.equal(success?.at, new Date(t + 130 * MIN).toISOString());
  });

  it('moveMinutes from the scenario sets the InProgress duration', () => {
    const cloud = readyCloud({ moveMinutes: 30 });
    start(cloud, ADELE);
    assert.deepEqual(runToEnd(cloud, ADELE).at(-1), ['Success', 40]);
  });

  it('respects the preferred begin date: nothing happens before it; a past date means now', () => {
    const cloud = readyCloud();
    const begin = '2026-12-05T22:00:00.000Z';
    const move = start(cloud, ADELE, { preferredBegin: begin, preferredEnd: '2026-12-06T06:00:00.000Z' }).move!;
    assert.equal(move.preferredBegin, begin);
    assert.equal(move.preferredEnd, '2026-12-06T06:00:00.000Z');
    assert.equal(cloud.nextEvent()?.toISOString(), new Date(Date.parse(begin) + 5 * MIN).toISOString());
    cloud.setNow(new Date(Date.parse(begin) + 5 * MIN - 1));
    assert.equal(moveOf(cloud, ADELE).state, 'Scheduled');
    assert.deepEqual(runToEnd(cloud, ADELE, Date.parse(begin)), [
      ['Scheduled', 5 - 1 / MIN],
      ['ReadyToTrigger', 5],
      ['InProgress', 10],
      ['Success', 130],
    ]);

    const t = cloud.now.getTime();
    start(cloud, ALEX, { preferredBegin: '2026-11-02T00:00:00.000Z' });
    assert.equal(cloud.nextEvent()?.getTime(), t + 5 * MIN);
  });

  it('nextEvent() is the earliest pending transition of all moves', () => {
    const cloud = readyCloud();
    const t = cloud.now.getTime();
    start(cloud, ADELE, { preferredBegin: new Date(t + DAY).toISOString() });
    cloud.advance(MIN);
    start(cloud, ALEX);
    assert.equal(cloud.nextEvent()?.getTime(), t + 6 * MIN);
    cloud.setNow(cloud.nextEvent()!);
    assert.equal(moveOf(cloud, ALEX).state, 'ReadyToTrigger');
    assert.equal(moveOf(cloud, ADELE).state, 'Scheduled');
    assert.equal(cloud.nextEvent()?.getTime(), t + 11 * MIN);
  });

  it('rescheduledUsers: a pass ends Rescheduled (60 min) and the move runs again before Success', () => {
    const cloud = readyCloud({ rescheduledUsers: { 'Alex.Wilber@Contoso.com': 1 } });
    start(cloud, ALEX);
    assert.deepEqual(runToEnd(cloud, ALEX), [
      ['Scheduled', 0],
      ['ReadyToTrigger', 5],
      ['InProgress', 10],
      ['Rescheduled', 130],
      ['InProgress', 190],
      ['Success', 310],
    ]);
    assert.ok(cloud.state.events.some((e) => e.text === `move of ${ALEX} rescheduled for another pass`));
    const twice = readyCloud({ rescheduledUsers: { [ALEX]: 2 } });
    start(twice, ALEX);
    assert.deepEqual(
      runToEnd(twice, ALEX).map(([s]) => s),
      ['Scheduled', 'ReadyToTrigger', 'InProgress', 'Rescheduled', 'InProgress', 'Rescheduled', 'InProgress', 'Success'],
    );
  });

  it('slowUsers multiply the InProgress duration', () => {
    const cloud = readyCloud({ slowUsers: { [ALEX]: 3 } });
    const t = cloud.now.getTime();
    start(cloud, ADELE);
    start(cloud, ALEX);
    cloud.advance(DAY);
    assert.equal(moveOf(cloud, ADELE).finishedAt, new Date(t + 130 * MIN).toISOString());
    assert.equal(moveOf(cloud, ALEX).finishedAt, new Date(t + 370 * MIN).toISOString());
  });

  it('after Success: a RedirectSite#0 at the old URL on the source, the OneDrive on the target', () => {
    const cloud = readyCloud();
    const oldUrl = `${CONTOSO_NAM}/personal/adele_vance_contoso_com`;
    const newUrl = `${FABRIKAM_NAM}/personal/adele_vance_fabrikam_com`;
    assert.equal(cloud.site(TGT_NAM, newUrl), undefined);
    start(cloud, ADELE);
    cloud.advance(DAY);
    const redirect = cloud.site(SRC_NAM, oldUrl);
    assert.equal(redirect?.template, REDIRECT_SITE_TEMPLATE);
    assert.equal(REDIRECT_SITE_TEMPLATE, 'RedirectSite#0');
    assert.deepEqual(
      cloud
        .sites(SRC_NAM)
        .filter((s) => s.template === 'RedirectSite#0')
        .map((s) => s.url),
      [oldUrl],
    );
    assert.equal(cloud.user('source', ADELE)?.oneDriveUrl, undefined);
    const oneDrive = cloud.site(TGT_NAM, newUrl);
    assert.deepEqual([oneDrive?.template, oneDrive?.owner, oneDrive?.geography], ['SPSPERS#10', 'adele.vance@fabrikam.com', 'NAM']);
    assert.equal(cloud.user('target', 'adele.vance@fabrikam.com')?.oneDriveUrl, newUrl);
    cloud.removeSite(SRC_NAM, oldUrl);
    assert.equal(cloud.site(SRC_NAM, oldUrl), undefined);
    assert.equal(cloud.tenant('source').sites[oldUrl]?.deleted, true, 'in the recycle bin');
    throwsCode(() => cloud.removeSite(SRC_NAM, oldUrl), 'SiteNotFound');
  });

  it('an APC → NAM move lands in the target NAM geography and is seen from both sides', () => {
    const cloud = readyCloud();
    start(cloud, LEE, { from: SRC_APC });
    cloud.advance(DAY);
    assert.equal(moveOf(cloud, LEE).state, 'Success');
    assert.equal(cloud.site(SRC_APC, `${CONTOSO_APC}/personal/lee_gu_contoso_com`)?.template, 'RedirectSite#0');
    assert.equal(cloud.movesFor(SRC_APC, FABRIKAM_NAM).length, 1);
    assert.equal(cloud.movesFor(TGT_NAM, CONTOSO_APC).length, 1);
    assert.equal(cloud.movesFor(TGT_NAM, CONTOSO_NAM).length, 0);
    assert.equal(cloud.movesFor(SRC_NAM, FABRIKAM_NAM).length, 0);
    assert.equal(cloud.movesFor(SRC_APC, CONTOSO_NAM).length, 0, 'a partner on the same side has no moves');
  });
});

describe('simulated cloud: moves that fail in their validation phase', () => {
  const cases: Array<{
    name: string;
    code: RegExp;
    upn: string;
    scenario?: Partial<Scenario>;
    targetUpn?: string;
    from?: Location;
    host?: string;
    uploaded?: string[][];
    extraRows?: IdentityMapRow[];
  }> = [
    {
      name: 'neither user licensed',
      code: /^MnAOdbUsersAreNotLicensed: Neither source UPN \[diego\.siciliani@contoso\.com\], nor target UPN \[diego\.siciliani@fabrikam\.com\]/,
      upn: DIEGO,
      scenario: { unlicensedUsers: ['Diego.Siciliani@contoso.com'] },
    },
    {
      name: 'the target user already has a OneDrive',
      code: /^MnASiteMoveTargetUrlHasWriteConflict: The target tenant has a conflict/,
      upn: ALEX,
      scenario: { targetOneDrives: ['alex.wilber@fabrikam.com'] },
    },
    {
      name: 'no map row for the source UPN',
      code: /^MnAIdentityMapEntryDoesNotExistsForSourceUPN: .*isaiah\.langer@contoso\.com/,
      upn: ISAIAH,
      uploaded: MAP_FIELDS.filter((f) => f[2] !== ISAIAH),
    },
    {
      name: 'no map uploaded to that target geography',
      code: /^MnAIdentityMapEntryDoesNotExistsForSourceUPN/,
      upn: LENA,
      from: SRC_EUR,
      host: FABRIKAM_EUR,
      uploaded: [],
    },
    {
      name: 'the target UPN differs from the map',
      code: /^MnAIdentityMapEntryDoesNotMatchRequest: .*maps to \[isaiah\.langer@fabrikam\.com\], not \[isaiah\.l@fabrikam\.com\]/,
      upn: ISAIAH,
      targetUpn: 'isaiah.l@fabrikam.com',
    },
    {
      name: 'the target user does not exist',
      code: /^MnATargetUserDoesNotExist: .*adele\.vance@fabrikam\.com/,
      upn: ADELE,
      scenario: { targetUsersExist: false },
    },
    {
      name: 'the source user has no OneDrive',
      code: /^MnAOdbForSourceUPNDoesNotExist: .*adele\.vance@contoso\.com/,
      upn: ADELE,
      scenario: { sourceUsersWithoutOneDrive: [ADELE] },
    },
    {
      name: 'an apostrophe in the UPN',
      code: /^MnATargetUpnIsInvalid: .*invalid character/,
      upn: "o'brien@contoso.com",
      scenario: { extraSourceUsers: ["o'brien@contoso.com"] },
      extraRows: [userRow("o'brien@contoso.com")],
    },
    {
      name: 'a typographic apostrophe in the target UPN',
      code: /^MnATargetUpnIsInvalid/,
      upn: ADELE,
      targetUpn: 'adele.o\u2019vance@fabrikam.com',
    },
    {
      name: 'scenario failingUsers (keys case-insensitive)',
      code: /^MnABYOKEnabledOnSourceTenant: /,
      upn: LEE,
      from: SRC_APC,
      scenario: { failingUsers: { 'Lee.Gu@Contoso.com': 'MnABYOKEnabledOnSourceTenant' } },
    },
  ];

  for (const c of cases) {
    it(`${c.name}: queued, then Failed 10 minutes into InProgress; -ValidationOnly says the same`, () => {
      const rows = [...MAP_ROWS, ...(c.extraRows ?? [])];
      const cloud = readyCloud(c.scenario, rows, c.uploaded ?? rows.map(fieldsOf));
      const request = {
        ...(c.from ? { from: c.from } : {}),
        ...(c.host ? { host: c.host } : {}),
        ...(c.targetUpn ? { targetUpn: c.targetUpn } : {}),
      };
      const validation = start(cloud, c.upn, { ...request, validationOnly: true }).validation;
      assert.equal(validation?.passed, false);
      assert.match(validation?.error ?? '', c.code);
      assert.equal(start(cloud, c.upn, request).move?.state, 'Scheduled', 'the queue accepts it');
      assert.deepEqual(runToEnd(cloud, c.upn), [
        ['Scheduled', 0],
        ['ReadyToTrigger', 5],
        ['InProgress', 10],
        ['Failed', 20],
      ]);
      const move = moveOf(cloud, c.upn);
      assert.match(move.error ?? '', c.code);
      assert.equal(move.finishedAt, cloud.now.toISOString());
      assert.ok(cloud.state.events.some((e) => e.text.startsWith(`move of ${c.upn} failed: ${/^\^(\w+)/.exec(c.code.source)![1]}`)));
      assert.equal(
        cloud
          .sites(SRC_NAM)
          .concat(cloud.sites(SRC_APC))
          .filter((s) => s.template === 'RedirectSite#0').length,
        0,
        'no redirect for a failed move',
      );
    });
  }

  it('the same users succeed without the fault (the cases above can fail)', () => {
    const cloud = readyCloud();
    for (const upn of [DIEGO, ALEX, ISAIAH, ADELE]) start(cloud, upn);
    start(cloud, LEE, { from: SRC_APC });
    start(cloud, LENA, { from: SRC_EUR, host: FABRIKAM_EUR });
    cloud.advance(DAY);
    assert.deepEqual(
      cloud.state.moves.map((m) => m.state),
      ['Success', 'Success', 'Success', 'Success', 'Success', 'Success'],
    );
  });

  it('the validation happens at ReadyToTrigger: a map uploaded after queueing is used', () => {
    const cloud = readyCloud({}, MAP_ROWS, []);
    start(cloud, ADELE);
    cloud.uploadIdentityMap(TGT_NAM, MAP_FIELDS);
    cloud.advance(DAY);
    assert.equal(moveOf(cloud, ADELE).state, 'Success');
  });
});

describe('simulated cloud: stopping moves and removing trusts', () => {
  it('Stop is allowed while Scheduled or ReadyToTrigger, refused once InProgress, Rescheduled or Success', () => {
    const cloud = readyCloud({ rescheduledUsers: { [ISAIAH]: 1 } });
    start(cloud, ADELE);
    const stopped = cloud.stopMove(SRC_NAM, 'ADELE.VANCE@contoso.com');
    assert.equal(stopped.state, 'Stopped');
    assert.equal(stopped.finishedAt, cloud.now.toISOString());
    assert.equal(stopped.nextAt, undefined);
    assert.equal(cloud.nextEvent(), undefined);
    cloud.advance(DAY);
    assert.equal(moveOf(cloud, ADELE).state, 'Stopped', 'a stopped move stays stopped');
    assert.equal(cloud.stopMove(SRC_NAM, ADELE).state, 'Stopped', 'stopping again changes nothing');

    start(cloud, ALEX);
    cloud.advance(5 * MIN);
    assert.equal(moveOf(cloud, ALEX).state, 'ReadyToTrigger');
    assert.equal(cloud.stopMove(SRC_NAM, ALEX).state, 'Stopped');

    start(cloud, ISAIAH);
    cloud.advance(10 * MIN);
    assert.equal(moveOf(cloud, ISAIAH).state, 'InProgress');
    throwsCode(() => cloud.stopMove(SRC_NAM, ISAIAH), 'MnASiteMoveIsInprogressOrFinished', /InProgress/);
    cloud.advance(120 * MIN);
    assert.equal(moveOf(cloud, ISAIAH).state, 'Rescheduled');
    throwsCode(() => cloud.stopMove(SRC_NAM, ISAIAH), 'MnASiteMoveIsInprogressOrFinished', /Rescheduled/);
    cloud.advance(DAY);
    assert.equal(moveOf(cloud, ISAIAH).state, 'Success');
    throwsCode(() => cloud.stopMove(SRC_NAM, ISAIAH), 'MnASiteMoveIsInprogressOrFinished', /Success/);
  });

  it('Stop without a move, or from another geography, fails with MnAMoveJobWasNotCreated; a Failed move is left as it is', () => {
    const cloud = readyCloud({ unlicensedUsers: [DIEGO] });
    throwsCode(() => cloud.stopMove(SRC_NAM, ADELE), 'MnAMoveJobWasNotCreated');
    start(cloud, ADELE);
    throwsCode(() => cloud.stopMove(SRC_EUR, ADELE), 'MnAMoveJobWasNotCreated');
    start(cloud, DIEGO);
    cloud.advance(DAY);
    const failed = cloud.stopMove(SRC_NAM, DIEGO);
    assert.equal(failed.state, 'Failed');
    assert.match(failed.error ?? '', /^MnAOdbUsersAreNotLicensed/);
  });

  it('Stop is a source-side operation: the target tenant cannot stop a move', () => {
    const cloud = readyCloud();
    start(cloud, ADELE);
    throwsCode(() => cloud.stopMove(TGT_NAM, ADELE), 'MnATrustWrongCmdletUsage');
    assert.equal(moveOf(cloud, ADELE).state, 'Scheduled');
  });

  it('removing the source-side trust fails the pending moves of that pair (even InProgress), and only those', () => {
    const cloud = readyCloud();
    start(cloud, ADELE, { preferredBegin: '2026-12-24T00:00:00.000Z' });
    start(cloud, ALEX);
    start(cloud, LENA, { from: SRC_EUR, host: FABRIKAM_EUR });
    start(cloud, LEE, { from: SRC_APC });
    cloud.advance(10 * MIN);
    assert.deepEqual(
      cloud.state.moves.map((m) => m.state),
      ['Scheduled', 'InProgress', 'InProgress', 'InProgress'],
    );
    cloud.removeRelationship(SRC_NAM, 'Target', FABRIKAM_NAM);
    assert.deepEqual(
      cloud.state.moves.map((m) => m.state),
      ['Failed', 'Failed', 'InProgress', 'InProgress'],
    );
    for (const m of cloud.state.moves.slice(0, 2))
      assert.match(
        m.error ?? '',
        /^MnATrustNoSetupForPartner: There is no Cross-Tenant relationship established for partner \[https:\/\/fabrikam-my\.sharepoint\.com\]/,
      );
    cloud.advance(DAY);
    assert.deepEqual(
      cloud.state.moves.map((m) => m.state),
      ['Failed', 'Failed', 'Success', 'Success'],
    );
    throwsCode(() => start(cloud, ISAIAH), 'MnATrustNoSetupForPartner');
  });

  it('removing the target-side trust with one source geography fails only that geography’s moves', () => {
    const cloud = readyCloud();
    start(cloud, ADELE);
    start(cloud, LEE, { from: SRC_APC });
    cloud.removeRelationship(TGT_NAM, 'Source', CONTOSO_APC);
    assert.deepEqual(
      cloud.state.moves.map((m) => m.state),
      ['Scheduled', 'Failed'],
    );
    assert.match(moveOf(cloud, LEE).error ?? '', /^MnATrustNoSetupForPartner: .*contosoapc-my/);
    cloud.advance(DAY);
    assert.equal(moveOf(cloud, ADELE).state, 'Success');
  });

  it('a move that already succeeded is not touched by the removal', () => {
    const cloud = readyCloud();
    start(cloud, ADELE);
    cloud.advance(DAY);
    cloud.removeRelationship(SRC_NAM, 'Target', FABRIKAM_NAM);
    cloud.removeRelationship(TGT_NAM, 'Source', CONTOSO_NAM);
    assert.equal(moveOf(cloud, ADELE).state, 'Success');
  });
});

describe('simulated cloud: state as JSON, determinism', () => {
  const scenario: Partial<Scenario> = {
    unlicensedUsers: [DIEGO],
    rescheduledUsers: { [ALEX]: 1 },
    slowUsers: { [LENA]: 2 },
    failingUsers: { [LEE]: 'MnABYOKEnabledOnSourceTenant' },
  };
  function run(snapshotAt?: number): { cloud: SimulatedCloud; snapshot?: ReturnType<SimulatedCloud['toJSON']> } {
    const cloud = readyCloud(scenario);
    let snapshot: ReturnType<SimulatedCloud['toJSON']> | undefined;
    for (const upn of [ADELE, ALEX, DIEGO, ISAIAH]) start(cloud, upn);
    start(cloud, LENA, { from: SRC_EUR, host: FABRIKAM_EUR });
    start(cloud, LEE, { from: SRC_APC, preferredBegin: '2026-11-08T03:00:00Z' });
    for (let i = 0; i < 40; i++) {
      cloud.advance(15 * MIN);
      if (i === snapshotAt) snapshot = cloud.toJSON();
    }
    cloud.removeSite(SRC_NAM, `${CONTOSO_NAM}/personal/adele_vance_contoso_com`);
    return snapshot ? { cloud, snapshot } : { cloud };
  }

  it('two runs of the same scenario give identical toJSON()', () => {
    const a = run().cloud.toJSON();
    const b = run().cloud.toJSON();
    assert.deepEqual(a, b);
    assert.deepEqual(
      a.moves.map((m) => [m.sourceUpn, m.state]),
      [
        [ADELE, 'Success'],
        [ALEX, 'Success'],
        [DIEGO, 'Failed'],
        [ISAIAH, 'Success'],
        [LENA, 'Success'],
        [LEE, 'Failed'],
      ],
    );
    assert.ok(a.events.length > 10);
  });

  it('toJSON / fromState round-trips through JSON text, and the restored cloud goes on exactly like the original', () => {
    const { cloud, snapshot } = run(5);
    assert.ok(snapshot);
    assert.ok(
      snapshot.moves.some((m) => m.nextAt),
      'the snapshot has pending moves',
    );
    const restored = SimulatedCloud.fromState(JSON.parse(JSON.stringify(snapshot)));
    assert.deepEqual(restored.toJSON(), snapshot);
    for (let i = 6; i < 40; i++) restored.advance(15 * MIN);
    restored.removeSite(SRC_NAM, `${CONTOSO_NAM}/personal/adele_vance_contoso_com`);
    assert.deepEqual(restored.toJSON(), cloud.toJSON());
  });

  it('fromState and toJSON copy: changing either object does not change the cloud', () => {
    const state = readyCloud().toJSON();
    const cloud = SimulatedCloud.fromState(state);
    state.now = '2030-01-01T00:00:00.000Z';
    state.tenants.source.users = {};
    assert.equal(cloud.now.toISOString(), '2026-11-08T00:00:00.000Z');
    assert.equal(Object.keys(cloud.tenant('source').users).length, 12);
    const out = cloud.toJSON();
    out.moves.push({} as SimMove);
    assert.equal(cloud.state.moves.length, 0);
  });

  it('object IDs come from a counter in the state', () => {
    const cloud = readyCloud();
    const next = cloud.state.nextId;
    assert.equal(cloud.newId(), `00000000-0000-4000-8000-${next.toString(16).padStart(12, '0')}`);
    assert.equal(cloud.state.nextId, next + 1);
    assert.equal(start(cloud, ADELE).move?.id, `00000000-0000-4000-8000-${(next + 1).toString(16).padStart(12, '0')}`);
  });
});
