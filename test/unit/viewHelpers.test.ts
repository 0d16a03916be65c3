import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { newPlan, tenantFromAnswer } from '../../src/core/plan/planBuilder';
import { validatePlanRules } from '../../src/core/plan/validatePlan';
import { buildSnippets, cmdletSyntax, hoverAt } from '../../src/core/powershell/cmdletDocs';
import { findCmdlet } from '../../src/core/powershell/cmdletCatalogue';
import { parseMoveStates, pastedHostUrl, pastedMoveStates, pastedVerification, parseTrustState } from '../../src/core/results/pastedOutput';
import { ingestResults } from '../../src/core/results/ingestResults';
import { readResult } from '../../src/core/results/readResult';
import { redactSecrets } from '../../src/core/text/redact';
import { parseUtcInput } from '../../src/core/text/utcInput';
import { nextAction } from '../../src/core/views/nextAction';
import { ROOT, examplePlan } from '../support/fixtures';
import { SNIPPETS_FILE, snippetsText } from '../../scripts/generate-artifacts';

const NOW = new Date('2026-11-23T12:00:00Z');

describe('next action (status bar): the most urgent first, with exactly the scripts it needs', () => {
  it("a failed move comes before everything else: the Moves view shows the failures, and that batch's queue script is the scripts' way", () => {
    const plan = examplePlan();
    assert.deepEqual(nextAction(plan, NOW), {
      step: 6,
      urgency: 'failure',
      icon: 'error',
      text: '1 move failed (Wave 1 - NAM pilot)',
      tooltip:
        "MnAOdbUsersAreNotLicensed: see Explain Error Code. Fix the cause, then retry the failed users from the Moves view (a new batch of them with its queue script), or run the batch's queue script again with -RetryFailed (step 6).",
      selection: { steps: [6], side: 'source', actions: ['queueBatch'], batches: ['Wave 1 - NAM pilot'] },
      showMoves: { categories: ['failed', 'refused'] },
    });
  });

  it('then what unblocks others: a trust ready to verify before one to request, one pair at a time', () => {
    const plan = examplePlan();
    plan.moves!['diego.siciliani@contoso.com']!.state = 'Success';
    const request = nextAction(plan, NOW);
    assert.deepEqual(
      [request.text, request.urgency, request.selection],
      ['Request trust APC→NAM', 'unblocks', { steps: [2], pair: { sourceGeography: 'APC', targetGeography: 'NAM' } }],
    );
    // Five days later EUR → EUR's dormant period is over: verifying it unblocks wave 2.
    const verify = nextAction(plan, new Date('2026-11-28T00:00:00Z'));
    assert.equal(verify.text, 'Verify trust EUR→EUR');
    assert.deepEqual(verify.selection, { steps: [3], pair: { sourceGeography: 'EUR', targetGeography: 'EUR' } });
    // Only the side that has not requested is asked to.
    plan.trusts![2]!.target = { requestedAt: '2026-11-22T00:00:00Z' };
    const oneSide = nextAction(plan, NOW);
    assert.deepEqual(
      [oneSide.text, oneSide.selection],
      ['Request trust APC→NAM (source)', { steps: [2], pair: { sourceGeography: 'APC', targetGeography: 'NAM' }, side: 'source' }],
    );
    delete plan.target.geographies[1]!.hostUrl;
    const host = nextAction(plan, NOW);
    assert.deepEqual(
      [host.text, host.selection],
      ['Get host URL: target EUR', { steps: [1], places: [{ side: 'target', geography: 'EUR' }] }],
    );
  });

  it('a trust that could not contact its partner is a failure, verified again on that side only', () => {
    const plan = examplePlan();
    plan.moves!['diego.siciliani@contoso.com']!.state = 'Success';
    plan.trusts![0]!.target = { ...plan.trusts![0]!.target, lastVerifiedAt: '2026-11-23T11:00:00Z', lastResult: 'CouldNotContactPartner' };
    const next = nextAction(plan, NOW);
    assert.equal(next.urgency, 'failure');
    assert.equal(next.text, 'Trust NAM→NAM: could not contact the partner');
    assert.deepEqual(next.selection, { steps: [3], pair: { sourceGeography: 'NAM', targetGeography: 'NAM' }, side: 'target' });
  });

  it('waiting comes last: a dormant period counts down while nothing else can be done', () => {
    const plan = examplePlan();
    plan.trusts!.pop();
    plan.batches!.pop();
    plan.moves!['diego.siciliani@contoso.com']!.state = 'Success';
    plan.identityMapUploads = {
      NAM: { uploadedAt: '2026-11-20T00:00:00Z', sha256: 'x', rows: 15 },
      EUR: { uploadedAt: '2026-11-20T00:00:00Z', sha256: 'x', rows: 15 },
    };
    plan.trusts![0]!.compatibility = { status: 'Compatible', checkedAt: '2026-11-22T00:00:00Z' };
    const next = nextAction(plan, NOW);
    assert.deepEqual([next.text, next.urgency, next.selection], ['Trust EUR→EUR usable in 3d 23h', 'waiting', undefined]);
  });

  it('then the identity map, compatibility, queueing, moves in progress, and the trust removal', () => {
    const plan = examplePlan();
    plan.trusts = [plan.trusts![0]!];
    plan.batches = [plan.batches![0]!];
    plan.moves!['diego.siciliani@contoso.com']!.state = 'Success';
    const upload = nextAction(plan, NOW);
    assert.deepEqual(
      [upload.text, upload.selection],
      ['Upload the identity map to NAM, EUR', { steps: [5], side: 'target', actions: ['uploadIdentityMap'], geographies: ['NAM', 'EUR'] }],
    );
    plan.identityMapUploads = {
      NAM: { uploadedAt: '2026-11-20T00:00:00Z', sha256: 'x', rows: 15 },
      EUR: { uploadedAt: '2026-11-20T00:00:00Z', sha256: 'x', rows: 15 },
    };
    plan.trusts[0]!.compatibility = { status: 'Incompatible', checkedAt: '2026-11-22T00:00:00Z' };
    assert.equal(nextAction(plan, NOW).text, 'Compatibility NAM→NAM is Incompatible');
    delete plan.trusts[0]!.compatibility;
    assert.equal(nextAction(plan, NOW).text, 'Check compatibility NAM→NAM');
    plan.trusts[0]!.compatibility = { status: 'Warning', checkedAt: '2026-11-22T00:00:00Z' };
    assert.equal(nextAction(plan, NOW).text, '2 moves in progress');
    plan.batches[0]!.users.push('pradeep.gupta@contoso.com');
    const queue = nextAction(plan, NOW);
    assert.deepEqual(
      [queue.text, queue.selection],
      ["Queue batch 'Wave 1 - NAM pilot'", { steps: [6], side: 'source', actions: ['queueBatch'], batches: ['Wave 1 - NAM pilot'] }],
    );
    plan.batches[0]!.users.pop();
    for (const m of Object.values(plan.moves!)) m.state = 'Success';
    assert.equal(nextAction(plan, NOW).text, 'Remove the trust on both sides');
    plan.trusts[0]!.source!.removedAt = plan.trusts[0]!.target!.removedAt = '2026-11-22T00:00:00Z';
    assert.equal(nextAction(plan, NOW).text, 'Migration complete');
  });
});

describe('pasted cmdlet output', () => {
  const ctx = { side: 'source' as const, tenant: 'contoso', geography: 'NAM', adminUrl: 'https://contoso-admin.sharepoint.com', now: NOW };

  it('host URL: one -my URL, or a clear error', () => {
    const ok = pastedHostUrl('PS> Get-SPOCrossTenantHostUrl\nhttps://contoso-my.sharepoint.com/\n', ctx);
    assert.ok(ok.ok && ok.summary === 'https://contoso-my.sharepoint.com');
    const none = pastedHostUrl('The term is not recognized', ctx);
    assert.ok(!none.ok && /No cross-tenant host URL/.test(none.error));
    const two = pastedHostUrl('https://a-my.sharepoint.com https://b-my.sharepoint.com', ctx);
    assert.ok(!two.ok && /Several host URLs/.test(two.error));
  });

  it('verification: the documented state names, most specific first', () => {
    assert.equal(parseTrustState('Result : NotEstablishedByPartner'), 'NotEstablishedByPartner');
    assert.equal(parseTrustState('GoodToProceed'), 'GoodToProceed');
    assert.equal(parseTrustState('all fine'), undefined);
    const r = pastedVerification('DormantByPartner', ctx, { geography: 'NAM', hostUrl: 'https://fabrikam-my.sharepoint.com' });
    assert.ok(r.ok);
    const folded = ingestResults(examplePlan(), [readResult('pasted.json', JSON.stringify(r.result))]);
    assert.deepEqual(folded.plan.trusts![0]!.source!.lastResult, 'DormantByPartner');
  });

  it('move states from Format-Table output', () => {
    const table = `
SourceUserPrincipalName     TargetUserPrincipalName     MoveState   ErrorMessage
-----------------------     -----------------------     ---------   ------------
alex.wilber@contoso.com     alex.wilber@fabrikam.com    Success
isaiah.langer@contoso.com   isaiah.langer@fabrikam.com  Failed      MnAOdbUsersAreNotLicensed
`;
    const entries = parseMoveStates(table, 'https://fabrikam-my.sharepoint.com');
    assert.deepEqual(
      entries.map((e) => [e.sourceUserPrincipalName, e.state, e.error]),
      [
        ['alex.wilber@contoso.com', 'Success', null],
        ['isaiah.langer@contoso.com', 'Failed', 'MnAOdbUsersAreNotLicensed'],
      ],
    );
  });

  it('move states from Format-List output, with wrapped values', () => {
    const list = `SourceUserPrincipalName : alex.wilber@contoso.com
MoveState               : InProgress
SourceSiteUrl           : https://contoso-my.sharepoint.com/personal/alex_wilber_contoso_com

SourceUserPrincipalName : lee.gu@contoso.com
MoveState               : Failed
ErrorMessage            : The target tenant has a conflict
                          for the site provided
`;
    const r = pastedMoveStates(list, ctx, 'https://fabrikam-my.sharepoint.com');
    assert.ok(r.ok);
    assert.equal(r.summary, '2 move states');
    const entries = parseMoveStates(list, 'x');
    assert.equal(entries[1]!.error, 'The target tenant has a conflict for the site provided');
    assert.equal(entries[0]!.sourceSiteUrl, 'https://contoso-my.sharepoint.com/personal/alex_wilber_contoso_com');
    assert.ok(!pastedMoveStates('nothing here', ctx, 'x').ok);
  });
});

describe('snippets and hovers from the cmdlet catalogue', () => {
  it('snippets/powershell.json is up to date', () => {
    assert.equal(readFileSync(path.join(ROOT, SNIPPETS_FILE), 'utf8'), snippetsText());
  });

  it('has every cross-tenant cmdlet with all parameters, enum values as choices (None last)', () => {
    const snippets = buildSnippets();
    assert.ok(Object.keys(snippets).length >= 18);
    assert.equal(
      snippets['Set-SPOCrossTenantRelationship']!.body[0],
      'Set-SPOCrossTenantRelationship -Scenario ${1|MnA,None|} -PartnerRole ${2|Source,Target,None|} -PartnerCrossTenantHostUrl ${3:https://fabrikam-my.sharepoint.com}',
    );
    const move = snippets['Get-SPOCrossTenantUserContentMoveState']!.body[0]!;
    for (const p of findCmdlet('Get-SPOCrossTenantUserContentMoveState')!.parameters) assert.ok(move.includes(`-${p.name}`), p.name);
    assert.match(move, /-MoveState \$\{\d+\|NotStarted,InProgress,Success,Failed,Stopped,Queued,NotSupported,Rescheduled,All\|\}/);
    assert.match(snippets['Add-SPOTenantIdentityMap']!.body[0]!, /C:\\\\\\\\migration/);
  });

  it('syntax lines show required and optional parameters', () => {
    assert.equal(
      cmdletSyntax(findCmdlet('Stop-SPOCrossTenantUserContentMove')!),
      'Stop-SPOCrossTenantUserContentMove -SourceUserPrincipalName <String>',
    );
    assert.match(
      cmdletSyntax(findCmdlet('Start-SPOCrossTenantUserContentMove')!),
      /-TargetCrossTenantHostUrl <String> \[-PreferredMoveBeginDate <DateTime>\] \[-PreferredMoveEndDate <DateTime>\] \[-ValidationOnly\] \[-Force\]$/,
    );
  });

  it('hovers a cmdlet, a parameter of the cmdlet to its left, and nothing else', () => {
    const line = 'Set-SPOCrossTenantRelationship -Scenario MnA -PartnerRole Target | Out-Null; Remove-SPOSite -Identity $u';
    assert.match(hoverAt(line, 3)!.markdown, /^\*\*Set-SPOCrossTenantRelationship\*\*/);
    const param = hoverAt(line, line.indexOf('PartnerRole') + 2)!;
    assert.match(param.markdown, /^\*\*-PartnerRole\*\* `OrgRelationRole` \(required\) of Set-SPOCrossTenantRelationship/);
    assert.equal(param.start, line.indexOf('-PartnerRole'));
    assert.match(hoverAt(line, line.indexOf('Identity'))!.markdown, /of Remove-SPOSite/);
    assert.equal(hoverAt(line, line.indexOf('MnA') + 1), undefined);
    assert.equal(hoverAt('Get-ChildItem -Path x', 3), undefined);
  });
});

describe('building a plan from the step 1 answers', () => {
  it('single-geo tenants get the default geography and one trust pair', () => {
    const source = tenantFromAnswer({
      reference: 'https://Contoso-admin.sharepoint.com/',
      tenantId: '7c3e2a91-5d4b-4f0e-9a61-2b8d4c1e6f03',
      geographies: [],
    });
    const target = tenantFromAnswer({ reference: 'fabrikam.onmicrosoft.com', geographies: [] });
    const plan = newPlan(source, target, { scriptsFolder: 'scripts', resultsFolder: 'results', queueLimit: 3500 });
    assert.deepEqual(plan.source.geographies, [{ code: 'default', adminUrl: 'https://contoso-admin.sharepoint.com' }]);
    assert.deepEqual(plan.trusts, [{ sourceGeography: 'default', targetGeography: 'default' }]);
    assert.deepEqual(plan.limits, { maxQueuedPerSourceGeography: 3500 });
    assert.deepEqual(validatePlanRules(plan), []);
  });

  it('Multi-Geo answers keep what the plan already knew (host URLs)', () => {
    const previous = examplePlan().source;
    const edited = tenantFromAnswer(
      {
        reference: 'contoso',
        geographies: [
          { code: 'NAM', adminUrl: 'https://contoso-admin.sharepoint.com', isDefault: true },
          { code: 'GBR', adminUrl: 'https://contosogbr-admin.sharepoint.com', isDefault: false },
        ],
      },
      previous,
    );
    assert.deepEqual(edited.geographies, [
      { code: 'NAM', default: true, adminUrl: 'https://contoso-admin.sharepoint.com', hostUrl: 'https://contoso-my.sharepoint.com' },
      { code: 'GBR', adminUrl: 'https://contosogbr-admin.sharepoint.com' },
    ]);
    assert.equal(edited.tenantId, previous.tenantId);
    assert.throws(() => tenantFromAnswer({ reference: 'http://x', geographies: [] }), /uses http:/);
  });
});

describe('small text helpers', () => {
  it('redacts tokens and secrets before logging', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
    assert.equal(redactSecrets(`Authorization: Bearer ${jwt}`), 'Authorization: Bearer [redacted]');
    assert.equal(redactSecrets(`token ${jwt} end`), 'token [redacted token] end');
    assert.equal(redactSecrets('client_secret=abc123&x=1 password: "hunter2"'), 'client_secret=[redacted]&x=1 password: "[redacted]"');
    assert.equal(redactSecrets('nothing secret here'), 'nothing secret here');
  });

  it('reads UTC times typed by a person', () => {
    assert.equal(parseUtcInput('2026-12-05T22:00Z'), '2026-12-05T22:00:00Z');
    assert.equal(parseUtcInput(' 2026-12-05 22:00 '), '2026-12-05T22:00:00Z');
    assert.equal(parseUtcInput('2026-12-05T22:00:30.5Z'), '2026-12-05T22:00:30.5Z');
    assert.equal(parseUtcInput('2026-12-05T22:00+01:00'), undefined);
    assert.equal(parseUtcInput('tomorrow'), undefined);
    assert.equal(parseUtcInput(''), undefined);
  });
});
