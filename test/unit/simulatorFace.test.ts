import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CMDLETS, type CmdletModule } from '../../src/core/powershell/cmdletCatalogue';
import { DORMANT_PERIOD_MS, type SimulatedCloud } from '../../src/simulator/cloudModel';
import { CLIENT_MODULE, fakeModuleFiles } from '../../src/simulator/fakeModules';
import { PowerShellFace, type Session } from '../../src/simulator/powershellFace';
import type { CmdletFault, OutputShape, Scenario } from '../../src/simulator/scenario';
import {
  ADELE,
  ALEX,
  CONTOSO_APC,
  CONTOSO_NAM,
  DAY,
  DIEGO,
  FABRIKAM_NAM,
  ISAIAH,
  MAP_TEXT,
  MIN,
  SOURCE_TENANT_ID,
  SRC_NAM,
  TGT_NAM,
  cloudWith,
  targetOf,
  throwsCode,
} from '../support/simulatorFixtures';

const CONTOSO_ADMIN = 'https://contoso-admin.sharepoint.com';
const CONTOSO_EUR_ADMIN = 'https://contosoeur-admin.sharepoint.com';
const FABRIKAM_ADMIN = 'https://fabrikam-admin.sharepoint.com';
const TARGET_TENANT_ID = 'd1a4b7c2-8e3f-4a5b-b6c7-9d0e1f2a3b4c';

const FALCON = '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d';
const FINANCE = '5f4e3d2c-1b0a-4f9e-8d7c-6b5a4f3e2d1c';

/** A PowerShell session on the face: the session (connections) carries over from call to call, like in one process. */
function shell(cloud: SimulatedCloud, options: { outputShape?: OutputShape; faults?: CmdletFault[] } = {}) {
  const face = new PowerShellFace(cloud, options);
  let session: Session = {};
  const run = (cmdlet: string, parameters: Record<string, unknown> = {}, dateKinds?: Record<string, string>): unknown[] => {
    const reply = face.invoke({ cmdlet, parameters, session, ...(dateKinds ? { dateKinds } : {}) });
    session = reply.session;
    return reply.output;
  };
  return { face, run, session: () => session, connect: (url: string) => run('Connect-SPOService', { Url: url }) };
}

type Shell = ReturnType<typeof shell>;

/** Trust on NAM ↔ NAM through the cmdlets, 7 days waited, map uploaded: ready to move. */
function readyShell(
  options: { outputShape?: OutputShape; faults?: CmdletFault[] } = {},
  scenario: Partial<Scenario> = {},
): Shell & { cloud: SimulatedCloud } {
  const cloud = cloudWith({ targetUsersExist: true, ...scenario });
  const sh = shell(cloud, options);
  sh.connect(CONTOSO_ADMIN);
  sh.run('Set-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Target', PartnerCrossTenantHostUrl: FABRIKAM_NAM });
  sh.connect(FABRIKAM_ADMIN);
  sh.run('Set-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Source', PartnerCrossTenantHostUrl: CONTOSO_NAM });
  sh.run('Add-SPOTenantIdentityMap', { IdentityMapPath: 'C:\\maps\\identity-map.csv', IdentityMapContent: MAP_TEXT });
  cloud.advance(DORMANT_PERIOD_MS);
  sh.connect(CONTOSO_ADMIN);
  return { ...sh, cloud };
}

function startMove(sh: Shell, sourceUpn: string, extra: Record<string, unknown> = {}, dateKinds?: Record<string, string>): unknown[] {
  return sh.run(
    'Start-SPOCrossTenantUserContentMove',
    {
      SourceUserPrincipalName: sourceUpn,
      TargetUserPrincipalName: targetOf(sourceUpn),
      TargetCrossTenantHostUrl: `${FABRIKAM_NAM}/`,
      ...extra,
    },
    dateKinds,
  );
}

const record = (x: unknown) => x as Record<string, unknown>;

describe('PowerShell face: SharePoint connection', () => {
  it('Connect-SPOService accepts a known admin URL (any case, trailing slash) and refuses an unknown one', () => {
    const sh = shell(cloudWith());
    throwsCode(
      () => sh.connect('https://northwind-admin.sharepoint.com'),
      'IdcrlException',
      /northwind-admin\.sharepoint\.com is not a SharePoint admin URL/,
    );
    assert.equal(sh.session().spoUrl, undefined);
    throwsCode(() => sh.connect(CONTOSO_NAM), 'IdcrlException', /contoso-my/);
    assert.deepEqual(sh.connect('HTTPS://ContosoEUR-Admin.sharepoint.com/'), []);
    assert.equal(sh.session().spoUrl, 'HTTPS://ContosoEUR-Admin.sharepoint.com/');
    assert.deepEqual(sh.run('Get-SPOCrossTenantHostUrl'), ['https://contosoeur-my.sharepoint.com/']);
  });

  it('SharePoint calls without a connection are refused with "No connection available", also after Disconnect-SPOService', () => {
    const sh = shell(cloudWith());
    for (const cmdlet of ['Get-SPOCrossTenantHostUrl', 'Get-SPOSite']) {
      throwsCode(() => sh.run(cmdlet), 'InvalidOperationException', /^No connection available\. Use Connect-SPOService/);
    }
    throwsCode(
      () => sh.run('Set-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Target', PartnerCrossTenantHostUrl: FABRIKAM_NAM }),
      'InvalidOperationException',
      /No connection available/,
    );
    sh.connect(CONTOSO_ADMIN);
    assert.deepEqual(sh.run('Get-SPOCrossTenantHostUrl'), [`${CONTOSO_NAM}/`]);
    sh.run('Disconnect-SPOService');
    assert.equal(sh.session().spoUrl, undefined);
    throwsCode(() => sh.run('Get-SPOCrossTenantHostUrl'), 'InvalidOperationException', /No connection available/);
  });

  it('connecting again replaces the connection (one SPO connection per session)', () => {
    const sh = shell(cloudWith());
    sh.connect(CONTOSO_ADMIN);
    sh.connect(FABRIKAM_ADMIN);
    assert.deepEqual(sh.run('Get-SPOCrossTenantHostUrl'), [`${FABRIKAM_NAM}/`]);
  });

  it('Get-SPOCrossTenantHostUrl: the URL with a trailing slash (documented), a verbose text otherwise', () => {
    const sh = shell(cloudWith(), { outputShape: 'alternative' });
    sh.connect(CONTOSO_ADMIN);
    const [text] = sh.run('Get-SPOCrossTenantHostUrl');
    assert.equal(typeof text, 'string');
    assert.notEqual(text, `${CONTOSO_NAM}/`);
    assert.match(String(text), /CrossTenantHostUrl : https:\/\/contoso-my\.sharepoint\.com\//);
  });

  it('Get-SPOMultiGeoCompanyAllowedDataLocation lists the geographies of the tenant', () => {
    const sh = shell(cloudWith());
    sh.connect(CONTOSO_ADMIN);
    assert.deepEqual(sh.run('Get-SPOMultiGeoCompanyAllowedDataLocation'), [
      { Location: 'NAM', Domain: 'contoso.sharepoint.com', IsDefault: true },
      { Location: 'EUR', Domain: 'contosoeur.sharepoint.com', IsDefault: false },
      { Location: 'APC', Domain: 'contosoapc.sharepoint.com', IsDefault: false },
    ]);
  });
});

describe('PowerShell face: trust cmdlets', () => {
  it('Set / Verify / Test / Remove, with enum values in any case', () => {
    const cloud = cloudWith();
    const sh = shell(cloud);
    sh.connect(CONTOSO_ADMIN);
    const params = { Scenario: 'mna', PartnerRole: 'target', PartnerCrossTenantHostUrl: FABRIKAM_NAM };
    assert.deepEqual(sh.run('Verify-SPOCrossTenantRelationship', params), ['NotEstablished']);
    assert.deepEqual(sh.run('Set-SPOCrossTenantRelationship', params), []);
    assert.equal(cloud.tenant('source').relationships[0]?.partnerRole, 'Target', 'stored in the catalogue spelling');
    assert.deepEqual(sh.run('Verify-SPOCrossTenantRelationship', params), ['NotEstablishedByPartner']);
    assert.deepEqual(sh.run('Test-SPOCrossTenantRelationship', { ...params, PartnerRole: 'TARGET' }), ['NotEstablishedByPartner']);

    sh.connect(FABRIKAM_ADMIN);
    sh.run('Set-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'source', PartnerCrossTenantHostUrl: `${CONTOSO_NAM}/` });
    assert.deepEqual(
      sh.run('Test-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Source', PartnerCrossTenantHostUrl: CONTOSO_NAM }),
      ['DormantByPartner'],
    );
    cloud.advance(DORMANT_PERIOD_MS);
    assert.deepEqual(
      sh.run('Verify-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Source', PartnerCrossTenantHostUrl: CONTOSO_NAM }),
      ['GoodToProceed'],
    );

    assert.deepEqual(
      sh.run('Remove-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Source', PartnerCrossTenantHostUrl: CONTOSO_NAM }),
      [],
    );
    assert.deepEqual(
      sh.run('Verify-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Source', PartnerCrossTenantHostUrl: CONTOSO_NAM }),
      ['NotEstablished'],
    );
    throwsCode(
      () => sh.run('Remove-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Source', PartnerCrossTenantHostUrl: CONTOSO_NAM }),
      'MnATrustNoSetupForPartner',
    );
    sh.connect(CONTOSO_ADMIN);
    assert.deepEqual(sh.run('Verify-SPOCrossTenantRelationship', params), ['NotEstablishedByPartner']);
  });

  it('refuses the wrong partner role and a scenario other than MnA', () => {
    const cloud = cloudWith();
    const sh = shell(cloud);
    sh.connect(CONTOSO_ADMIN);
    throwsCode(
      () => sh.run('Set-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'source', PartnerCrossTenantHostUrl: FABRIKAM_NAM }),
      'MnATrustWrongCmdletUsage',
      /\[Source\]/,
    );
    throwsCode(
      () => sh.run('Set-SPOCrossTenantRelationship', { Scenario: 'None', PartnerRole: 'Target', PartnerCrossTenantHostUrl: FABRIKAM_NAM }),
      'ArgumentException',
      /Scenario None is not supported/,
    );
    throwsCode(
      () => sh.run('Verify-SPOCrossTenantRelationship', { PartnerRole: 'Target', PartnerCrossTenantHostUrl: FABRIKAM_NAM }),
      'ArgumentException',
    );
    throwsCode(
      () => sh.run('Set-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Target' }),
      'ParameterBindingException',
      /-PartnerCrossTenantHostUrl/,
    );
    assert.deepEqual(cloud.tenant('source').relationships, []);
  });

  it('Verify returns { value } in the other output shapes', () => {
    for (const outputShape of ['alternative', 'unrecognised'] as const) {
      const sh = shell(cloudWith(), { outputShape });
      sh.connect(CONTOSO_ADMIN);
      assert.deepEqual(
        sh.run('Verify-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Target', PartnerCrossTenantHostUrl: FABRIKAM_NAM }),
        [{ value: 'NotEstablished' }],
      );
    }
  });

  it('Get-SPOCrossTenantCompatibilityStatus: the status (documented) or an object', () => {
    const scenario = { compatibility: { 'NAM>NAM': 'Warning' as const } };
    const documented = shell(cloudWith(scenario));
    documented.connect(CONTOSO_ADMIN);
    assert.deepEqual(documented.run('Get-SPOCrossTenantCompatibilityStatus', { PartnerCrossTenantHostUrl: FABRIKAM_NAM }), ['Warning']);
    const alternative = shell(cloudWith(scenario), { outputShape: 'alternative' });
    alternative.connect(CONTOSO_ADMIN);
    assert.deepEqual(alternative.run('Get-SPOCrossTenantCompatibilityStatus', { PartnerCrossTenantHostUrl: FABRIKAM_NAM }), [
      { CompatibilityStatus: 'Warning', PartnerCrossTenantHostUrl: FABRIKAM_NAM },
    ]);
    alternative.connect(FABRIKAM_ADMIN);
    throwsCode(
      () => alternative.run('Get-SPOCrossTenantCompatibilityStatus', { PartnerCrossTenantHostUrl: CONTOSO_NAM }),
      'MnATrustWrongCmdletUsage',
    );
  });
});

describe('PowerShell face: identity map', () => {
  it('Add-SPOTenantIdentityMap uploads IdentityMapContent (the file text the client read) to the connected target geography', () => {
    const cloud = cloudWith();
    const sh = shell(cloud);
    sh.connect(FABRIKAM_ADMIN);
    assert.deepEqual(sh.run('Add-SPOTenantIdentityMap', { IdentityMapPath: 'C:\\m.csv', IdentityMapContent: MAP_TEXT }), []);
    assert.equal(cloud.identityMap(TGT_NAM)?.rows, 15);
    assert.equal(cloud.identityMap({ side: 'target', geography: 'EUR' }), undefined);
    throwsCode(() => sh.run('Add-SPOTenantIdentityMap', { IdentityMapPath: 'C:\\m.csv' }), 'IOException');
    throwsCode(
      () =>
        sh.run('Add-SPOTenantIdentityMap', {
          IdentityMapPath: 'C:\\m.csv',
          IdentityMapContent: `Type,Tenant,Source,Target,Email,UserType\r\n${MAP_TEXT}`,
        }),
      'InvalidIdentityMap',
      /header row/,
    );
    assert.equal(cloud.identityMap(TGT_NAM)?.rows, 15, 'a refused upload keeps the previous map');
    sh.run('Add-SPOTenantIdentityMap', { IdentityMapPath: 'C:\\m.csv', IdentityMapContent: MAP_TEXT.split(/\r?\n/)[0] + '\r\n' });
    assert.equal(cloud.identityMap(TGT_NAM)?.rows, 1, 'the new upload replaced the map');
    sh.connect(CONTOSO_ADMIN);
    throwsCode(
      () => sh.run('Add-SPOTenantIdentityMap', { IdentityMapPath: 'C:\\m.csv', IdentityMapContent: MAP_TEXT }),
      'MnATrustWrongCmdletUsage',
    );
  });

  it('Get-SPOTenantIdentityMappingUser finds an entry by field (case-insensitive field name and value)', () => {
    const sh = shell(cloudWith());
    sh.connect(FABRIKAM_ADMIN);
    assert.deepEqual(sh.run('Get-SPOTenantIdentityMappingUser', { Field: 'SourceUserKey', Value: ADELE }), [], 'nothing before the upload');
    sh.run('Add-SPOTenantIdentityMap', { IdentityMapPath: 'C:\\m.csv', IdentityMapContent: MAP_TEXT });
    const adele = {
      SourceTenantCompanyId: SOURCE_TENANT_ID,
      SourceUserKey: ADELE,
      TargetUserUpn: 'adele.vance@fabrikam.com',
      TargetUserEmail: 'adele.vance@fabrikam.com',
      UserType: 'RegularUser',
    };
    assert.deepEqual(sh.run('Get-SPOTenantIdentityMappingUser', { Field: 'SourceUserKey', Value: 'Adele.Vance@Contoso.com' }), [adele]);
    assert.deepEqual(sh.run('Get-SPOTenantIdentityMappingUser', { Field: 'targetuserupn', Value: 'adele.vance@fabrikam.com' }), [adele]);
    assert.deepEqual(
      sh
        .run('Get-SPOTenantIdentityMappingUser', { Field: 'TargetUserEmail', Value: 'megan.bowen@contoso.com' })
        .map((u) => record(u).UserType),
      ['GuestUser'],
    );
    assert.deepEqual(sh.run('Get-SPOTenantIdentityMappingUser', { Field: 'SourceUserKey', Value: 'nobody@contoso.com' }), []);
    assert.deepEqual(
      sh
        .run('Get-SPOTenantIdentityMappingGroup', { Field: 'TargetGroupName', Value: 'finance team' })
        .map((g) => record(g).TargetGroupObjectId),
      [FINANCE],
    );
  });
});

describe('PowerShell face: moves', () => {
  it('Start-SPOCrossTenantUserContentMove returns the move object (documented shape) and queues it', () => {
    const sh = readyShell();
    const [move] = startMove(
      sh,
      ADELE,
      { PreferredMoveBeginDate: '2026-12-05T23:00:00.0000000+01:00', PreferredMoveEndDate: '2026-12-06T06:00:00.0000000Z' },
      { PreferredMoveBeginDate: 'Utc', PreferredMoveEndDate: 'Utc' },
    );
    assert.deepEqual(Object.keys(record(move)).sort(), [
      'DestinationDataLocation',
      'ErrorMessage',
      'MoveJobId',
      'MoveState',
      'SourceDataLocation',
      'SourceSiteUrl',
      'SourceUserPrincipalName',
      'TargetSiteUrl',
      'TargetUserPrincipalName',
      'TimeStamp',
    ]);
    assert.equal(record(move).MoveState, 'Scheduled');
    assert.equal(record(move).SourceUserPrincipalName, ADELE);
    assert.equal(record(move).TargetSiteUrl, `${FABRIKAM_NAM}/personal/adele_vance_fabrikam_com`);
    const stored = sh.cloud.state.moves[0]!;
    assert.equal(stored.preferredBegin, '2026-12-05T22:00:00.000Z', 'converted to UTC');
    assert.equal(stored.preferredEnd, '2026-12-06T06:00:00.000Z');
    assert.equal(stored.targetHostUrl, FABRIKAM_NAM);
    assert.equal(sh.face.notes.length, 0, 'Utc dates give no note');
  });

  it('-ValidationOnly: an object with the result in each output shape, and no move', () => {
    const expected: Record<OutputShape, [Record<string, unknown>, (o: Record<string, unknown>) => void]> = {
      documented: [
        { ValidationState: 'Success', ErrorMessage: '' },
        (o) => {
          assert.equal(o.ValidationState, 'Failed');
          assert.match(String(o.ErrorMessage), /^MnAOdbUsersAreNotLicensed: /);
        },
      ],
      alternative: [
        { Result: 'Passed', Error: '' },
        (o) => {
          assert.equal(o.Result, 'Failed');
          assert.match(String(o.Error), /^MnAOdbUsersAreNotLicensed: /);
        },
      ],
      unrecognised: [{ Outcome: 1 }, (o) => assert.deepEqual(o, { Outcome: 0 })],
    };
    for (const [outputShape, [passed, checkFailed]] of Object.entries(expected) as Array<[OutputShape, (typeof expected)[OutputShape]]>) {
      const sh = readyShell({ outputShape }, { unlicensedUsers: [DIEGO] });
      assert.deepEqual(startMove(sh, ADELE, { ValidationOnly: true }), [passed], outputShape);
      const failed = startMove(sh, DIEGO, { ValidationOnly: true });
      assert.equal(failed.length, 1);
      checkFailed(record(failed[0]));
      assert.equal(sh.cloud.state.moves.length, 0, `${outputShape}: nothing queued`);
    }
    // ValidationOnly must be the switch's value: false starts a real move.
    const sh = readyShell();
    assert.equal(record(startMove(sh, ADELE, { ValidationOnly: false })[0]).MoveState, 'Scheduled');
  });

  it('refusals come back as errors with the engine code', () => {
    const sh = readyShell();
    startMove(sh, ADELE);
    throwsCode(() => startMove(sh, ADELE), 'MnASiteMoveIsInprogressOrFinished');
    throwsCode(() => startMove(sh, ALEX, { TargetCrossTenantHostUrl: FABRIKAM_ADMIN }), 'MnAFatalErrorAdminSiteCouldNotBeUsedAsMySiteHost');
    throwsCode(() => startMove(sh, ALEX, { TargetUserPrincipalName: undefined }), 'ParameterBindingException', /-TargetUserPrincipalName/);
    sh.connect(FABRIKAM_ADMIN);
    throwsCode(() => startMove(sh, ALEX), 'MnATrustWrongCmdletUsage');
  });

  it('Get-SPOCrossTenantUserContentMoveState: documented objects have SourceUserPrincipalName and MoveState', () => {
    const sh = readyShell();
    startMove(sh, ADELE);
    const [state] = sh.run('Get-SPOCrossTenantUserContentMoveState', { PartnerCrossTenantHostUrl: FABRIKAM_NAM });
    const o = record(state);
    assert.equal(o.SourceUserPrincipalName, ADELE);
    assert.equal(o.TargetUserPrincipalName, 'adele.vance@fabrikam.com');
    assert.equal(o.MoveState, 'Scheduled');
    assert.equal(o.SourceSiteUrl, `${CONTOSO_NAM}/personal/adele_vance_contoso_com`);
    assert.deepEqual([o.SourceDataLocation, o.DestinationDataLocation, o.ErrorMessage], ['NAM', 'NAM', '']);
    assert.equal(o.MoveJobId, sh.cloud.state.moves[0]!.id);
    assert.equal(o.TimeStamp, sh.cloud.state.moves[0]!.queuedAt);
  });

  it('the alternative shape has no UPN and uses State; the unrecognised one has none of the known names', () => {
    const known = [
      'MoveState',
      'State',
      'SourceUserPrincipalName',
      'TargetUserPrincipalName',
      'SourceSiteUrl',
      'TargetSiteUrl',
      'MoveJobId',
      'JobId',
      'ErrorMessage',
      'TimeStamp',
    ];
    const alt = readyShell({ outputShape: 'alternative' }, { unlicensedUsers: [DIEGO] });
    startMove(alt, ADELE);
    startMove(alt, DIEGO);
    alt.cloud.advance(DAY);
    const objects = alt.run('Get-SPOCrossTenantUserContentMoveState', { PartnerCrossTenantHostUrl: FABRIKAM_NAM }).map(record);
    assert.deepEqual(
      objects.map((o) => o.State),
      ['Success', 'Failed'],
    );
    for (const o of objects) {
      assert.equal(
        Object.keys(o).some((k) => /UserPrincipalName|Upn/i.test(k)),
        false,
        `no UPN in ${JSON.stringify(o)}`,
      );
      assert.equal('MoveState' in o, false);
      assert.equal(o.SourceSiteUrl !== undefined, true, 'matching goes by SourceSiteUrl');
    }
    assert.match(String(objects[1]!.ErrorDescription), /^MnAOdbUsersAreNotLicensed/);
    assert.equal(objects[0]!.LastModified, alt.cloud.state.moves[0]!.finishedAt);

    const odd = readyShell({ outputShape: 'unrecognised' });
    startMove(odd, ADELE);
    const [o] = odd.run('Get-SPOCrossTenantUserContentMoveState', { PartnerCrossTenantHostUrl: FABRIKAM_NAM }).map(record);
    assert.ok(o);
    assert.deepEqual(
      known.filter((k) => k in o),
      [],
    );
    assert.equal(o.Phase, 'Scheduled', 'the state is there, under a name no script knows');
    // The Start output follows the same shape.
    assert.deepEqual(Object.keys(record(startMove(odd, ALEX)[0])).sort(), ['Dst', 'Id', 'Phase', 'Src']);
  });

  it('filters: -MoveState (any case, Queued = Scheduled, All), -SourceUserPrincipalName, -SiteMoveId, -Limit', () => {
    const sh = readyShell();
    startMove(sh, ADELE);
    startMove(sh, ALEX);
    sh.cloud.advance(DAY);
    startMove(sh, ISAIAH);
    const upns = (params: Record<string, unknown>) =>
      sh
        .run('Get-SPOCrossTenantUserContentMoveState', { PartnerCrossTenantHostUrl: FABRIKAM_NAM, ...params })
        .map((o) => record(o).SourceUserPrincipalName);
    assert.deepEqual(upns({}), [ADELE, ALEX, ISAIAH]);
    assert.deepEqual(upns({ MoveState: 'success' }), [ADELE, ALEX]);
    assert.deepEqual(upns({ MoveState: 'Queued' }), [ISAIAH]);
    assert.deepEqual(upns({ MoveState: 'All' }), [ADELE, ALEX, ISAIAH]);
    assert.deepEqual(upns({ MoveState: 'Failed' }), []);
    assert.deepEqual(upns({ SourceUserPrincipalName: 'ALEX.WILBER@contoso.com' }), [ALEX]);
    assert.deepEqual(upns({ SiteMoveId: sh.cloud.state.moves[2]!.id.toUpperCase() }), [ISAIAH]);
    assert.deepEqual(upns({ Limit: 2 }), [ADELE, ALEX]);
    assert.deepEqual(upns({ PartnerCrossTenantHostUrl: 'https://fabrikameur-my.sharepoint.com' }), [], 'another partner geography');
  });

  it('seen from the target with the source host as partner (MoveIn)', () => {
    const sh = readyShell();
    startMove(sh, ADELE);
    sh.connect(FABRIKAM_ADMIN);
    assert.deepEqual(
      sh
        .run('Get-SPOCrossTenantUserContentMoveState', { PartnerCrossTenantHostUrl: `${CONTOSO_NAM}/` })
        .map((o) => record(o).SourceUserPrincipalName),
      [ADELE],
    );
    assert.deepEqual(sh.run('Get-SPOCrossTenantUserContentMoveState', { PartnerCrossTenantHostUrl: CONTOSO_APC }), []);
    assert.deepEqual(
      sh.run('Get-SPOCrossTenantUserContentMoveState', { PartnerCrossTenantHostUrl: FABRIKAM_NAM }),
      [],
      'the own host is no partner',
    );
  });

  it('Stop-SPOCrossTenantUserContentMove stops a queued move and refuses one InProgress; not on the target', () => {
    const sh = readyShell();
    startMove(sh, ADELE);
    startMove(sh, ALEX);
    sh.cloud.advance(5 * MIN);
    assert.deepEqual(sh.run('Stop-SPOCrossTenantUserContentMove', { SourceUserPrincipalName: 'Adele.Vance@contoso.com' }), []);
    assert.deepEqual(
      sh.cloud.state.moves.map((m) => m.state),
      ['Stopped', 'ReadyToTrigger'],
    );
    sh.cloud.advance(5 * MIN);
    throwsCode(
      () => sh.run('Stop-SPOCrossTenantUserContentMove', { SourceUserPrincipalName: ALEX }),
      'MnASiteMoveIsInprogressOrFinished',
      /InProgress/,
    );
    sh.connect(FABRIKAM_ADMIN);
    throwsCode(() => sh.run('Stop-SPOCrossTenantUserContentMove', { SourceUserPrincipalName: ADELE }), 'MnATrustWrongCmdletUsage');
    assert.deepEqual(
      sh
        .run('Get-SPOCrossTenantUserContentMoveState', { PartnerCrossTenantHostUrl: CONTOSO_NAM, MoveState: 'Stopped' })
        .map((o) => record(o).SourceUserPrincipalName),
      [ADELE],
    );
  });
});

describe('PowerShell face: Get-SPOSite and Remove-SPOSite', () => {
  it('redirect sites: -Template (any case) with -IncludePersonalSite $true; without it personal-host sites are left out', () => {
    const sh = readyShell();
    startMove(sh, ADELE);
    sh.cloud.advance(DAY);
    const redirect = `${CONTOSO_NAM}/personal/adele_vance_contoso_com`;
    const urls = (params: Record<string, unknown>) => sh.run('Get-SPOSite', params).map((s) => record(s).Url);
    assert.deepEqual(urls({ Template: 'RedirectSite#0', IncludePersonalSite: true, Limit: 'All' }), [redirect]);
    assert.deepEqual(urls({ Template: 'REDIRECTSITE#0', IncludePersonalSite: true }), [redirect]);
    assert.deepEqual(urls({ Template: 'RedirectSite#0' }), []);
    assert.deepEqual(urls({}), []);
    const [site] = sh.run('Get-SPOSite', { Template: 'RedirectSite#0', IncludePersonalSite: true }).map(record);
    assert.deepEqual([site?.Template, site?.Title], ['RedirectSite#0', 'adele_vance_contoso_com']);
    assert.equal(
      urls({ IncludePersonalSite: true }).length,
      5,
      'the NAM OneDrives of alex, diego, isaiah and megan, and the redirect that replaced adele’s',
    );
  });

  it('-Filter "Url -like \'…\'" (doubled quotes), anything else is refused', () => {
    const sh = readyShell();
    const urls = (filter: string) => sh.run('Get-SPOSite', { Filter: filter, IncludePersonalSite: true }).map((s) => record(s).Url);
    assert.deepEqual(urls("Url -like '*alex_wilber*'"), [`${CONTOSO_NAM}/personal/alex_wilber_contoso_com`]);
    assert.deepEqual(urls("url -LIKE '*/personal/*'").length, 5);
    assert.deepEqual(urls("Url -like '*o''brien*'"), []);
    throwsCode(() => urls("Template -eq 'RedirectSite#0'"), 'NotImplemented');
  });

  it('-Limit defaults to 200; -Limit All returns every site; a number limits', () => {
    const extra = Array.from({ length: 250 }, (_, i) => `bulk${i}@contoso.com`);
    const sh = shell(cloudWith({ extraSourceUsers: extra }));
    sh.connect(CONTOSO_ADMIN);
    assert.equal(sh.run('Get-SPOSite', { IncludePersonalSite: true }).length, 200);
    assert.equal(sh.run('Get-SPOSite', { IncludePersonalSite: true, Limit: 'All' }).length, 255);
    assert.equal(sh.run('Get-SPOSite', { IncludePersonalSite: true, Limit: 'all' }).length, 255);
    assert.equal(sh.run('Get-SPOSite', { IncludePersonalSite: true, Limit: '7' }).length, 7);
  });

  it('-Identity: one site, the root site, or "Cannot get site"', () => {
    const sh = shell(cloudWith());
    sh.connect(CONTOSO_ADMIN);
    const url = `${CONTOSO_NAM}/personal/adele_vance_contoso_com`;
    assert.deepEqual(
      sh.run('Get-SPOSite', { Identity: `${url.toUpperCase()}` }).map((s) => record(s).Url),
      [url],
    );
    assert.equal(record(sh.run('Get-SPOSite', { Identity: 'https://contoso.sharepoint.com/' })[0]).Template, 'SITEPAGEPUBLISHING#0');
    throwsCode(
      () => sh.run('Get-SPOSite', { Identity: `${CONTOSO_NAM}/personal/nobody_contoso_com` }),
      'ServerException',
      /Cannot get site/,
    );
    throwsCode(
      () => sh.run('Get-SPOSite', { Identity: 'https://contosoeur-my.sharepoint.com/personal/lena_muller_contoso_com' }),
      'ServerException',
      /Cannot get site/,
    );
  });

  it('Remove-SPOSite removes the redirect site; it is then gone from every listing', () => {
    const sh = readyShell();
    startMove(sh, ADELE);
    sh.cloud.advance(DAY);
    const redirect = `${CONTOSO_NAM}/personal/adele_vance_contoso_com`;
    assert.deepEqual(sh.run('Remove-SPOSite', { Identity: redirect }), []);
    assert.deepEqual(sh.run('Get-SPOSite', { Template: 'RedirectSite#0', IncludePersonalSite: true, Limit: 'All' }), []);
    throwsCode(() => sh.run('Get-SPOSite', { Identity: redirect }), 'ServerException');
    throwsCode(() => sh.run('Remove-SPOSite', { Identity: redirect }), 'SiteNotFound');
    assert.ok(sh.cloud.state.events.some((e) => e.text.includes(`site ${redirect} (RedirectSite#0) removed`)));
  });
});

describe('PowerShell face: Microsoft Graph', () => {
  it('Connect-MgGraph by tenant ID or name.onmicrosoft.com; an unknown tenant is refused; Get-MgContext', () => {
    const sh = shell(cloudWith());
    assert.deepEqual(sh.run('Get-MgContext'), []);
    throwsCode(
      () => sh.run('Connect-MgGraph', { TenantId: 'northwind.onmicrosoft.com' }),
      'AuthenticationFailed',
      /AADSTS90002: Tenant 'northwind\.onmicrosoft\.com' not found/,
    );
    throwsCode(() => sh.run('Connect-MgGraph', {}), 'AuthenticationFailed');
    assert.equal(sh.session().graphTenant, undefined);
    sh.run('Connect-MgGraph', { TenantId: TARGET_TENANT_ID.toUpperCase(), Scopes: ['User.ReadWrite.All'] });
    assert.equal(sh.session().graphTenant, 'target');
    sh.run('Connect-MgGraph', { TenantId: 'Contoso.onmicrosoft.com' });
    assert.equal(sh.session().graphTenant, 'source');
    sh.run('Connect-MgGraph', { TenantId: 'fabrikam.onmicrosoft.com' });
    assert.deepEqual(
      sh.run('Get-MgContext').map((c) => [record(c).TenantId, record(c).Account]),
      [[TARGET_TENANT_ID, 'admin@fabrikam.onmicrosoft.com']],
    );
  });

  it('Graph calls without Connect-MgGraph are refused', () => {
    const sh = shell(cloudWith());
    sh.connect(FABRIKAM_ADMIN);
    throwsCode(() => sh.run('Get-MgUser', { UserId: 'adele.vance@fabrikam.com' }), 'AuthenticationNeeded', /Connect-MgGraph/);
  });

  it('Get-MgUser -UserId by UPN or ID; an unknown one gives the Graph not-found message', () => {
    const sh = shell(cloudWith({ targetUsersExist: true }));
    sh.run('Connect-MgGraph', { TenantId: TARGET_TENANT_ID });
    const [adele] = sh.run('Get-MgUser', { UserId: 'Adele.Vance@Fabrikam.com' }).map(record);
    assert.equal(adele?.UserPrincipalName, 'adele.vance@fabrikam.com');
    assert.equal(adele?.UserType, 'Member');
    assert.deepEqual(
      sh.run('Get-MgUser', { UserId: String(adele?.Id) }).map((u) => record(u).UserPrincipalName),
      ['adele.vance@fabrikam.com'],
    );
    throwsCode(
      () => sh.run('Get-MgUser', { UserId: 'nobody@fabrikam.com' }),
      'Request_ResourceNotFound',
      /^\[Request_ResourceNotFound\] : Resource 'nobody@fabrikam\.com' does not exist or one of its queried reference-property objects are not present\.$/,
    );
    assert.equal(sh.run('Get-MgUser').length, 12);
  });

  it('Get-MgUser -Filter "mail eq \'…\'" with doubled quotes; another filter is refused', () => {
    const sh = shell(cloudWith());
    sh.run('Connect-MgGraph', { TenantId: TARGET_TENANT_ID });
    assert.deepEqual(sh.run('Get-MgUser', { Filter: "mail eq 'o''brien@fabrikam.com'" }), []);
    sh.run('New-MgUser', {
      UserPrincipalName: "o'brien@fabrikam.com",
      DisplayName: "Pat O'Brien",
      MailNickname: 'obrien',
      AccountEnabled: true,
    });
    assert.deepEqual(
      sh.run('Get-MgUser', { Filter: "mail eq 'O''Brien@fabrikam.com'" }).map((u) => record(u).UserPrincipalName),
      ["o'brien@fabrikam.com"],
    );
    throwsCode(() => sh.run('Get-MgUser', { Filter: "mail eq 'o'brien@fabrikam.com'" }), 'BadRequest', /Invalid filter clause/);
    throwsCode(() => sh.run('Get-MgUser', { Filter: "startswith(mail,'o')" }), 'BadRequest');
  });

  it('New-MgUser creates an unlicensed member, with a PreferredDataLocation of the tenant; duplicates and unknown locations are refused', () => {
    const cloud = cloudWith();
    const sh = shell(cloud);
    sh.run('Connect-MgGraph', { TenantId: TARGET_TENANT_ID });
    const [created] = sh
      .run('New-MgUser', { UserPrincipalName: 'lena.muller@fabrikam.com', DisplayName: 'Lena Müller', PreferredDataLocation: 'EUR' })
      .map(record);
    assert.deepEqual(
      [created?.UserPrincipalName, created?.PreferredDataLocation, created?.UserType],
      ['lena.muller@fabrikam.com', 'EUR', 'Member'],
    );
    const user = cloud.user('target', 'lena.muller@fabrikam.com');
    assert.deepEqual([user?.geography, user?.licensed, user?.displayName], ['EUR', false, 'Lena Müller']);
    assert.equal(cloud.user('source', 'lena.muller@fabrikam.com'), undefined, 'created on the connected tenant only');
    throwsCode(
      () => sh.run('New-MgUser', { UserPrincipalName: 'LENA.MULLER@fabrikam.com', DisplayName: 'x' }),
      'Request_BadRequest',
      /same value for property userPrincipalName/,
    );
    throwsCode(
      () => sh.run('New-MgUser', { UserPrincipalName: 'x@fabrikam.com', DisplayName: 'x', PreferredDataLocation: 'APC' }),
      'Request_BadRequest',
      /preferredDataLocation/,
    );
    const [plain] = sh.run('New-MgUser', { UserPrincipalName: 'y@fabrikam.com', DisplayName: 'y' }).map(record);
    assert.equal(plain?.PreferredDataLocation, null);
    assert.equal(cloud.user('target', 'y@fabrikam.com')?.geography, 'NAM', 'the default geography');
  });

  it('New-MgInvitation creates a guest with the email_domain#EXT#@tenant.onmicrosoft.com UPN, once', () => {
    const cloud = cloudWith();
    const sh = shell(cloud);
    sh.run('Connect-MgGraph', { TenantId: TARGET_TENANT_ID });
    const [first] = sh
      .run('New-MgInvitation', {
        InvitedUserEmailAddress: 'megan.bowen@contoso.com',
        InviteRedirectUrl: 'https://myapps.microsoft.com',
        InvitedUserDisplayName: 'Megan Bowen',
      })
      .map(record);
    const guest = cloud.user('target', 'megan.bowen_contoso.com#EXT#@fabrikam.onmicrosoft.com');
    assert.ok(guest, 'the UPN form of the map row');
    assert.deepEqual([guest.userType, guest.mail, guest.displayName], ['Guest', 'megan.bowen@contoso.com', 'Megan Bowen']);
    assert.equal(first?.Status, 'PendingAcceptance');
    assert.deepEqual(first?.InvitedUser, { Id: guest.id });
    const [second] = sh.run('New-MgInvitation', { InvitedUserEmailAddress: 'megan.bowen@contoso.com' }).map(record);
    assert.deepEqual(second?.InvitedUser, { Id: guest.id });
    assert.notEqual(second?.Id, first?.Id);
    assert.equal(Object.keys(cloud.tenant('target').users).length, 1);
  });

  it('Get-MgGroup by ID: Unified groups have GroupTypes Unified; an unknown ID is not found', () => {
    const sh = shell(cloudWith());
    sh.run('Connect-MgGraph', { TenantId: TARGET_TENANT_ID });
    const [falcon] = sh.run('Get-MgGroup', { GroupId: FALCON.toUpperCase() }).map(record);
    assert.deepEqual([falcon?.Id, falcon?.DisplayName, falcon?.GroupTypes], [FALCON, 'ProjectFalcon', ['Unified']]);
    assert.deepEqual(record(sh.run('Get-MgGroup', { GroupId: FINANCE })[0]).GroupTypes, []);
    throwsCode(
      () => sh.run('Get-MgGroup', { GroupId: '00000000-0000-0000-0000-000000000000' }),
      'Request_ResourceNotFound',
      /Resource '00000000-0000-0000-0000-000000000000' does not exist/,
    );
    sh.run('Connect-MgGraph', { TenantId: SOURCE_TENANT_ID });
    throwsCode(() => sh.run('Get-MgGroup', { GroupId: FALCON }), 'Request_ResourceNotFound');
  });

  it('New-MgBetaGroup / New-MgGroup: a note when a Microsoft 365 group lacks ProvisionSiteOnDemand', () => {
    const cloud = cloudWith({ targetGroupsExist: false });
    const sh = shell(cloud);
    sh.run('Connect-MgGraph', { TenantId: TARGET_TENANT_ID });
    const [bare] = sh
      .run('New-MgBetaGroup', {
        DisplayName: 'Falcon',
        MailNickname: 'falcon',
        GroupTypes: ['Unified'],
        MailEnabled: true,
        SecurityEnabled: false,
      })
      .map(record);
    assert.deepEqual(
      sh.face.notes.map((n) => n.cmdlet),
      ['New-MgBetaGroup'],
    );
    assert.match(sh.face.notes[0]!.text, /Microsoft 365 group Falcon created without ProvisionSiteOnDemand/);
    assert.equal(cloud.tenant('target').groups[String(bare?.Id)]?.provisionSiteOnDemand, false);

    const [proper] = sh
      .run('New-MgBetaGroup', {
        DisplayName: 'Eagle',
        MailNickname: 'eagle',
        GroupTypes: ['unified'],
        ResourceBehaviorOptions: ['provisionSiteOnDemand'],
        PreferredDataLocation: 'EUR',
      })
      .map(record);
    const eagle = cloud.tenant('target').groups[String(proper?.Id)];
    assert.deepEqual([eagle?.kind, eagle?.provisionSiteOnDemand, eagle?.preferredDataLocation], ['Unified', true, 'EUR']);
    const [security] = sh
      .run('New-MgGroup', { DisplayName: 'Finance Team', MailNickname: 'FinanceTeam', SecurityEnabled: true, MailEnabled: false })
      .map(record);
    assert.deepEqual(
      [
        cloud.tenant('target').groups[String(security?.Id)]?.kind,
        cloud.tenant('target').groups[String(security?.Id)]?.provisionSiteOnDemand,
      ],
      ['Security', undefined],
    );
    assert.equal(sh.face.notes.length, 1, 'only the bare Unified group gave a note');
  });
});

describe('PowerShell face: faults, notes, the call log', () => {
  it('a cmdlet fault makes exactly the n-th call of that cmdlet throw', () => {
    const sh = shell(cloudWith(), {
      faults: [
        { cmdlet: 'get-spocrosstenanthosturl', onCall: 2, message: 'The remote server returned an error: (503) Server Unavailable.' },
        { cmdlet: 'Connect-SPOService', onCall: 3 },
      ],
    });
    sh.connect(CONTOSO_ADMIN);
    assert.deepEqual(sh.run('Get-SPOCrossTenantHostUrl'), [`${CONTOSO_NAM}/`]);
    throwsCode(
      () => sh.run('Get-SPOCrossTenantHostUrl'),
      'SimulatedFault',
      /^The remote server returned an error: \(503\) Server Unavailable\.$/,
    );
    assert.deepEqual(sh.run('Get-SPOCrossTenantHostUrl'), [`${CONTOSO_NAM}/`]);
    assert.equal(sh.face.callCount('GET-SPOCrossTenantHostUrl'), 3);
    sh.connect(FABRIKAM_ADMIN);
    throwsCode(() => sh.connect(CONTOSO_EUR_ADMIN), 'SimulatedFault', /^Simulated fault: call 3 of Connect-SPOService failed\.$/);
    assert.deepEqual(sh.run('Get-SPOCrossTenantHostUrl'), [`${FABRIKAM_NAM}/`], 'the failed connect left the session as it was');
  });

  it('a faulted call changes nothing in the cloud', () => {
    const cloud = cloudWith();
    const sh = shell(cloud, { faults: [{ cmdlet: 'Set-SPOCrossTenantRelationship', onCall: 1 }] });
    sh.connect(CONTOSO_ADMIN);
    const params = { Scenario: 'MnA', PartnerRole: 'Target', PartnerCrossTenantHostUrl: FABRIKAM_NAM };
    throwsCode(() => sh.run('Set-SPOCrossTenantRelationship', params), 'SimulatedFault');
    assert.equal(cloud.tenant('source').relationships.length, 0);
    sh.run('Set-SPOCrossTenantRelationship', params);
    assert.equal(cloud.tenant('source').relationships.length, 1);
  });

  it('a DateTime of a kind other than Utc adds a note', () => {
    const sh = readyShell();
    startMove(sh, ADELE, { PreferredMoveBeginDate: '2026-12-05T22:00:00.0000000Z' }, { PreferredMoveBeginDate: 'Utc' });
    assert.equal(sh.face.notes.length, 0);
    startMove(
      sh,
      ALEX,
      { PreferredMoveBeginDate: '2026-12-05T23:00:00.0000000+01:00', PreferredMoveEndDate: '2026-12-06T06:00:00.0000000Z' },
      { PreferredMoveBeginDate: 'Local', PreferredMoveEndDate: 'Utc' },
    );
    assert.deepEqual(sh.face.notes, [
      { cmdlet: 'Start-SPOCrossTenantUserContentMove', text: '-PreferredMoveBeginDate was a DateTime of kind Local, not Utc.' },
    ]);
    startMove(
      sh,
      ISAIAH,
      { ValidationOnly: true, PreferredMoveEndDate: '2026-12-06T06:00:00.0000000Z' },
      { PreferredMoveEndDate: 'Unspecified' },
    );
    assert.equal(sh.face.notes.length, 2);
    assert.equal(sh.face.notes[1]!.text, '-PreferredMoveEndDate was a DateTime of kind Unspecified, not Utc.');
  });

  it('the call log has every call in order with its bound parameter names and whether it worked', () => {
    const sh = shell(cloudWith());
    throwsCode(() => sh.run('Get-SPOCrossTenantHostUrl'), 'InvalidOperationException');
    sh.connect(CONTOSO_ADMIN);
    sh.run('Verify-SPOCrossTenantRelationship', { Scenario: 'MnA', PartnerRole: 'Target', PartnerCrossTenantHostUrl: FABRIKAM_NAM });
    throwsCode(() => sh.run('Get-SPOCrossTenantRelationship'), 'NotImplemented', /does not implement Get-SPOCrossTenantRelationship/);
    assert.deepEqual(sh.face.log, [
      { cmdlet: 'Get-SPOCrossTenantHostUrl', parameters: [], ok: false },
      { cmdlet: 'Connect-SPOService', parameters: ['Url'], ok: true },
      { cmdlet: 'Verify-SPOCrossTenantRelationship', parameters: ['Scenario', 'PartnerRole', 'PartnerCrossTenantHostUrl'], ok: true },
      { cmdlet: 'Get-SPOCrossTenantRelationship', parameters: [], ok: false },
    ]);
    assert.equal(sh.face.callCount('Get-SPOCrossTenantHostUrl'), 1);
    assert.equal(sh.face.callCount('Remove-SPOSite'), 0);
  });

  it('the face drives the model the same way as direct calls (a full NAM move through cmdlets)', () => {
    const sh = readyShell();
    const [verify] = sh.run('Verify-SPOCrossTenantRelationship', {
      Scenario: 'MnA',
      PartnerRole: 'Target',
      PartnerCrossTenantHostUrl: FABRIKAM_NAM,
    });
    assert.equal(verify, 'GoodToProceed');
    startMove(sh, ADELE);
    sh.cloud.advance(DAY);
    assert.equal(sh.cloud.state.moves[0]?.state, 'Success');
    assert.equal(sh.cloud.site(SRC_NAM, `${CONTOSO_NAM}/personal/adele_vance_contoso_com`)?.template, 'RedirectSite#0');
    assert.equal(sh.cloud.site(TGT_NAM, `${FABRIKAM_NAM}/personal/adele_vance_fabrikam_com`)?.template, 'SPSPERS#10');
  });
});

describe('fake PowerShell modules', () => {
  const files = fakeModuleFiles();
  const byPath = new Map(files.map((f) => [f.path, f.content]));
  const modules = [...new Set(CMDLETS.map((c) => c.module))];

  /** The text of one generated function, from `function Name {` to its closing brace. */
  function functionText(module: CmdletModule, name: string, list = files): string | undefined {
    const psm1 = list.find((f) => f.path === `${module}/${module}.psm1`)?.content ?? '';
    const start = psm1.indexOf(`function ${name} {\r\n`);
    if (start < 0) return undefined;
    return psm1.slice(start, psm1.indexOf('\r\n}\r\n', start) + 3);
  }

  it('one .psd1 and one .psm1 per real module name, plus the client module', () => {
    assert.deepEqual(modules.slice().sort(), [
      'Microsoft.Graph.Applications',
      'Microsoft.Graph.Authentication',
      'Microsoft.Graph.Beta.Groups',
      'Microsoft.Graph.Groups',
      'Microsoft.Graph.Identity.SignIns',
      'Microsoft.Graph.Users',
      'Microsoft.Online.SharePoint.PowerShell',
    ]);
    const expected = [CLIENT_MODULE, ...modules].flatMap((m) => [`${m}/${m}.psd1`, `${m}/${m}.psm1`]).sort();
    assert.deepEqual(files.map((f) => f.path).sort(), expected);
    assert.equal(CLIENT_MODULE, 'OdmSimulator.Client');
    assert.match(byPath.get(`${CLIENT_MODULE}/${CLIENT_MODULE}.psm1`)!, /function Invoke-OdmSimulatorCmdlet \{/);
  });

  it('every catalogue cmdlet is a function in its module, with each of its parameters, exported by the manifest', () => {
    const missing: string[] = [];
    for (const c of CMDLETS) {
      const text = functionText(c.module, c.name);
      if (!text) {
        missing.push(`function ${c.name}`);
        continue;
      }
      for (const p of c.parameters) if (!new RegExp(`\\]\\$${p.name}(,|\\r\\n)`).test(text)) missing.push(`${c.name} -${p.name}`);
      if (!text.includes(`Invoke-OdmSimulatorCmdlet -Name '${c.name}' -Bound $PSBoundParameters`)) missing.push(`${c.name} forwarding`);
      const psd1 = byPath.get(`${c.module}/${c.module}.psd1`) ?? '';
      const exported = /FunctionsToExport = @\(([^)]*)\)/.exec(psd1)?.[1] ?? '';
      if (!exported.includes(`'${c.name}'`)) missing.push(`${c.name} not exported`);
    }
    assert.deepEqual(missing, []);
    assert.ok(CMDLETS.length > 30);
  });

  it('no cmdlet lands in another module', () => {
    for (const module of modules) {
      const psm1 = byPath.get(`${module}/${module}.psm1`)!;
      const names = [...psm1.matchAll(/^function (\S+) \{/gm)].map((m) => m[1]);
      assert.deepEqual(
        names,
        CMDLETS.filter((c) => c.module === module).map((c) => c.name),
        module,
      );
    }
  });

  it('enum parameters carry a ValidateSet with the accepted values; mandatory and position are declared', () => {
    const verify = functionText('Microsoft.Online.SharePoint.PowerShell', 'Verify-SPOCrossTenantRelationship')!;
    assert.match(
      verify,
      /\[Parameter\(Mandatory = \$true, Position = 0\)\]\r\n\s+\[ValidateSet\('None', 'MnA'\)\]\r\n\s+\[string\]\$Scenario/,
    );
    assert.match(verify, /\[ValidateSet\('None', 'Source', 'Target'\)\]\r\n\s+\[string\]\$PartnerRole/);
    assert.match(verify, /\[Parameter\(Mandatory = \$true, Position = 2\)\]\r\n\s+\[string\]\$PartnerCrossTenantHostUrl/);
    const state = functionText('Microsoft.Online.SharePoint.PowerShell', 'Get-SPOCrossTenantUserContentMoveState')!;
    assert.match(state, /\[CmdletBinding\(DefaultParameterSetName = 'MoveReport'\)\]/);
    assert.match(
      state,
      /\[ValidateSet\('NotStarted', 'InProgress', 'Success', 'Failed', 'Stopped', 'Queued', 'NotSupported', 'Rescheduled', 'All'\)\]\r\n\s+\[string\]\$MoveState/,
    );
    assert.match(state, /\[Parameter\(Mandatory = \$true, ParameterSetName = 'SiteMoveId'\)\]\r\n\s+\[guid\]\$SiteMoveId/);
    const start = functionText('Microsoft.Online.SharePoint.PowerShell', 'Start-SPOCrossTenantUserContentMove')!;
    assert.match(start, /\[datetime\]\$PreferredMoveBeginDate/);
    assert.match(start, /\[switch\]\$ValidationOnly/);
    for (const c of CMDLETS) {
      for (const p of c.parameters.filter((x) => x.values)) {
        const list = p.values!.map((v) => `'${v}'`).join(', ');
        assert.ok(functionText(c.module, c.name)!.includes(`[ValidateSet(${list})]`), `${c.name} -${p.name}`);
      }
    }
    assert.equal(
      functionText('Microsoft.Online.SharePoint.PowerShell', 'Get-SPOSite')!.includes('ValidateSet'),
      false,
      'no enum parameter, no ValidateSet',
    );
  });

  it('Remove-SPOSite supports -WhatIf/-Confirm; Add-SPOTenantIdentityMap reads the file on the client', () => {
    const remove = functionText('Microsoft.Online.SharePoint.PowerShell', 'Remove-SPOSite')!;
    assert.match(remove, /SupportsShouldProcess = \$true/);
    assert.match(remove, /\$PSCmdlet\.ShouldProcess\(\[string\]\$Identity, 'Remove-SPOSite'\)/);
    const add = functionText('Microsoft.Online.SharePoint.PowerShell', 'Add-SPOTenantIdentityMap')!;
    assert.match(add, /IdentityMapContent = \[System\.IO\.File\]::ReadAllText\(\$resolved\)/);
  });

  it('manifests name the real module, a version, and require the client', () => {
    const spo = byPath.get('Microsoft.Online.SharePoint.PowerShell/Microsoft.Online.SharePoint.PowerShell.psd1')!;
    assert.match(spo, /RootModule = 'Microsoft\.Online\.SharePoint\.PowerShell\.psm1'/);
    assert.match(spo, /ModuleVersion = '16\.0\.\d+\.\d+'/);
    assert.match(spo, /RequiredModules = @\('OdmSimulator\.Client'\)/);
    assert.match(spo, /GUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}'/);
    const guids = files.filter((f) => f.path.endsWith('.psd1')).map((f) => /GUID = '([^']+)'/.exec(f.content)?.[1]);
    assert.equal(new Set(guids).size, guids.length, 'one GUID per module');
    assert.deepEqual(fakeModuleFiles(), files, 'deterministic');
  });

  it('omit drops a cmdlet from its module and its manifest, and nothing else', () => {
    const omitted = fakeModuleFiles({ omit: ['test-SPOCrossTenantRelationship'] });
    assert.equal(functionText('Microsoft.Online.SharePoint.PowerShell', 'Test-SPOCrossTenantRelationship', omitted), undefined);
    assert.ok(functionText('Microsoft.Online.SharePoint.PowerShell', 'Test-SPOCrossTenantRelationship'), 'present without omit');
    assert.ok(functionText('Microsoft.Online.SharePoint.PowerShell', 'Verify-SPOCrossTenantRelationship', omitted));
    const psd1 = omitted.find(
      (f) => f.path === 'Microsoft.Online.SharePoint.PowerShell/Microsoft.Online.SharePoint.PowerShell.psd1',
    )!.content;
    assert.equal(psd1.includes("'Test-SPOCrossTenantRelationship'"), false);
    assert.ok(psd1.includes("'Verify-SPOCrossTenantRelationship'"));
    const graphOnly = fakeModuleFiles({ omit: CMDLETS.filter((c) => c.module === 'Microsoft.Graph.Beta.Groups').map((c) => c.name) });
    assert.equal(
      graphOnly.some((f) => f.path.startsWith('Microsoft.Graph.Beta.Groups/')),
      false,
      'a module with every cmdlet omitted is not written',
    );
  });
});
