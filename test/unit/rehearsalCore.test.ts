/** Unit tests for what the execution work added to the core: journals, ingestion rules, runbook gates, scenario files, the report. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ingestResults } from '../../src/core/results/ingestResults';
import { isResultFileName, journalAsResult, readResult } from '../../src/core/results/readResult';
import { generateScripts } from '../../src/core/powershell/generateScripts';
import { personalSiteUrl } from '../../src/core/tenancy/oneDriveUrls';
import { rehearsalMarkdown } from '../../src/rehearsal/rehearsalText';
import { rehearsalPlan, type RehearsalReport } from '../../src/rehearsal/rehearse';
import { readScenario } from '../../src/rehearsal/scenarioFile';
import { exampleInput, examplePlan } from '../support/fixtures';

const envelope = (kind: string, data: unknown, createdAt = '2026-11-24T08:00:00.000Z') => ({
  schema: 'onedrive-migration-result',
  version: 1,
  kind,
  side: 'source',
  tenant: 'contoso',
  geography: 'NAM',
  adminUrl: 'https://contoso-admin.sharepoint.com',
  createdAt,
  data,
});
const queued = (source: string, status = 'queued', at = '2026-11-24T08:00:01.000Z', error: string | null = null) => ({
  source,
  target: source.replace('contoso', 'fabrikam'),
  status,
  at,
  error,
});
const batch = {
  batch: 'Wave 1 - NAM pilot',
  partnerGeography: 'NAM',
  partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
  validationOnly: false,
  refused: null,
  pendingBefore: 0,
};

describe('journals of interrupted runs', () => {
  it('read as the result they would have become, marked interrupted; a cut-off last line is dropped', () => {
    const text = [
      JSON.stringify(envelope('queuedMoves', { ...batch, entries: [] })),
      JSON.stringify(queued('adele.vance@contoso.com')),
      JSON.stringify(queued('alex.wilber@contoso.com')),
      '{"source":"diego.sic',
    ].join('\r\n');
    const loaded = readResult('source-NAM-queuedMoves-20261124T080000000Z.json.journal', text);
    assert.deepEqual(loaded.problems, []);
    const data = loaded.result!.data as { entries: Array<{ source: string }>; interrupted?: boolean };
    assert.deepEqual(
      data.entries.map((e) => e.source),
      ['adele.vance@contoso.com', 'alex.wilber@contoso.com'],
    );
    assert.equal(data.interrupted, true);
    const plan = ingestResults(examplePlan(), [loaded]).plan;
    assert.equal(plan.moves!['alex.wilber@contoso.com']!.state, 'Queued');
  });

  it('a damaged line in the middle is not silently skipped, and a non-journal stays an error', () => {
    const text = [
      JSON.stringify(envelope('queuedMoves', { ...batch, entries: [] })),
      '{broken',
      JSON.stringify(queued('adele.vance@contoso.com')),
    ].join('\n');
    assert.ok(readResult('x.json.journal', text).problems.length > 0);
    assert.equal(journalAsResult('not json at all'), 'not json at all');
    assert.ok(
      isResultFileName('a.JSON') && isResultFileName('a.json.journal') && !isResultFileName('a.json.tmp') && !isResultFileName('a.csv'),
    );
  });
});

describe('ingestion rules found by running the scripts', () => {
  it('a later failed attempt to queue a user again never overwrites Success', () => {
    const plan = examplePlan(); // adele.vance: Success
    const rerun = readResult(
      'r.json',
      JSON.stringify(
        envelope(
          'queuedMoves',
          {
            ...batch,
            entries: [
              queued(
                'adele.vance@contoso.com',
                'failed',
                '2026-11-30T08:00:00.000Z',
                'MnASiteMoveIsInprogressOrFinished: Another move job is already in progress or has finished.',
              ),
            ],
          },
          '2026-11-30T08:00:00.000Z',
        ),
      ),
    );
    assert.equal(ingestResults(plan, [rerun]).plan.moves!['adele.vance@contoso.com']!.state, 'Success');
    // …while a real failure of a queued user is still recorded.
    const other = readResult(
      's.json',
      JSON.stringify(
        envelope(
          'queuedMoves',
          { ...batch, entries: [queued('isaiah.langer@contoso.com', 'failed', '2026-11-30T08:00:00.000Z', 'MnAOdbUsersAreNotLicensed')] },
          '2026-11-30T08:00:00.000Z',
        ),
      ),
    );
    assert.equal(ingestResults(plan, [other]).plan.moves!['isaiah.langer@contoso.com']!.state, 'QueueFailed');
  });

  it('move states named only by the source OneDrive URL are matched to the batch user', () => {
    const site = personalSiteUrl('https://contoso-my.sharepoint.com', 'Isaiah.Langer@contoso.com');
    assert.equal(site, 'https://contoso-my.sharepoint.com/personal/isaiah_langer_contoso_com');
    const entry = {
      sourceUserPrincipalName: null,
      targetUserPrincipalName: null,
      state: 'Success',
      moveJobId: 'x',
      sourceSiteUrl: `${site}/`,
      targetSiteUrl: null,
      timeStamp: null,
      error: null,
      partnerHostUrl: 'https://fabrikam-my.sharepoint.com',
    };
    const unknown = { ...entry, sourceSiteUrl: 'https://contoso-my.sharepoint.com/personal/someone_else_com' };
    const o = ingestResults(examplePlan(), [
      readResult('m.json', JSON.stringify(envelope('moveState', { entries: [entry, unknown] }, '2026-11-30T08:00:00.000Z'))),
    ]);
    assert.equal(o.plan.moves!['isaiah.langer@contoso.com']!.state, 'Success');
    assert.match(
      o.problems.map((p) => p.problem.message).join('\n'),
      /1 move had no source UPN in the cmdlet output and no OneDrive URL of a batch user/,
    );
  });
});

describe('generated scripts: gates and runbooks', () => {
  const files = generateScripts(exampleInput()).files;
  const text = (name: string) => files.find((f) => f.path.endsWith(name))!.content;

  it('scripts that must wait end with exit code 2; the runbook stops there with a resume hint and keeps a transcript', () => {
    for (const name of [
      'source/03-verify-trust-NAM.ps1',
      'target/04-precreate-users-and-groups.ps1',
      'target/04-check-no-target-onedrive-NAM.ps1',
      'target/05-upload-identity-map-NAM.ps1',
      'source/05-check-compatibility-NAM.ps1',
      'source/06-queue-wave-1-nam-pilot.ps1',
      'source/07-remove-trust-NAM.ps1',
    ]) {
      assert.match(text(name), /\bexit 2\b/, name);
    }
    const runbook = text('source/RUNBOOK.ps1');
    assert.match(runbook, /if \(\$LASTEXITCODE -eq 2\)/);
    assert.match(runbook, /Start-Transcript -LiteralPath \$transcript/);
    assert.match(runbook, /Fix the cause, then run: \.\\RUNBOOK\.ps1 -FromStep \{0\}/);
    assert.match(runbook, /exit \$code/);
    // Exports run before the queue scripts of step 6, so every stop leaves fresh states behind.
    assert.ok(runbook.indexOf("'06-export-move-state-NAM.ps1'") < runbook.indexOf("'06-queue-wave-1-nam-pilot.ps1'"));
  });

  it('the queue script records each call in a journal, reads -ValidationOnly output, and matches known moves by URL too', () => {
    const queue = text('source/06-queue-wave-1-nam-pilot.ps1');
    assert.match(queue, /Open-MigrationJournal -Kind 'queuedMoves'/);
    assert.match(queue, /Add-MigrationJournalEntry -Journal \$journal -Entry \$item/);
    assert.match(queue, /Close-MigrationJournal -Journal \$journal/);
    assert.match(queue, /\$outcome = @\(Start-SPOCrossTenantUserContentMove /);
    assert.match(queue, /Get-FirstPropertyValue -InputObject \$first -Name @\('ValidationState', 'Result', 'State', 'Status'\)/);
    assert.match(queue, /\$siteKey = Get-PersonalSiteUrl -HostUrl \$SourceHostUrl/);
    assert.match(queue, /\[switch\]\$RetryFailed/);
    assert.match(queue, /throw \('Cannot read the output of Get-SPOCrossTenantUserContentMoveState/);
  });

  it('stays within Windows PowerShell 5.1: no 7-only operators, no .NET Core-only overloads', () => {
    for (const f of files.filter((x) => x.path.endsWith('.ps1'))) {
      // Strings are single-quoted literals: strip them so their content cannot look like syntax.
      const code = f.content.replace(/'(?:[^']|'')*'/g, "''").replace(/^\s*#.*$/gm, '');
      assert.doesNotMatch(code, /\?\?|\?\.|\s\?\s[^:]+\s:\s|-Parallel\b|&&|\|\|/, `${f.path}: PowerShell 7-only syntax`);
      assert.doesNotMatch(code, /\[System\.IO\.File\]::Move\([^,)]+,[^,)]+,/, `${f.path}: File.Move with overwrite needs .NET Core`);
      assert.doesNotMatch(code, /ConvertFrom-Json\s[^\n]*-AsHashtable|-NoEnumerate/, `${f.path}: 7-only parameters`);
    }
  });

  it('result files are named in the invariant culture and not written under -WhatIf', () => {
    const script = text('source/01-connect-NAM.ps1');
    assert.match(script, /ToString\('yyyyMMdd\\THHmmssfff\\Z', \[System\.Globalization\.CultureInfo\]::InvariantCulture\)/);
    assert.match(
      script,
      /if \(\$WhatIfPreference\) \{ Write-Host \('What if: the \{0\} result file is not written\.' -f \$Kind\); return \}/,
    );
    assert.doesNotMatch(script, /New-Item|Move-Item/);
  });
});

describe('rehearsal plan and scenario files', () => {
  it('the rehearsal starts from the plan with nothing done: no host URLs, trust records, moves or uploads', () => {
    const p = rehearsalPlan(examplePlan());
    assert.ok(p.source.geographies.every((g) => g.hostUrl === undefined));
    assert.deepEqual(p.trusts?.[0], { sourceGeography: 'NAM', targetGeography: 'NAM' });
    assert.equal(p.moves, undefined);
    assert.equal(p.identityMap, 'identity-map.csv');
    assert.deepEqual(p.batches, examplePlan().batches);
    assert.equal(examplePlan().moves!['adele.vance@contoso.com']!.state, 'Success', 'the original is not changed');
  });

  it('scenario files: known fields of the right types, clear messages otherwise', () => {
    const ok = readScenario(
      '{"outputShape":"alternative","failingUsers":{"a@contoso.com":"MnAOdbUsersAreNotLicensed"},"cmdletFaults":[{"cmdlet":"Start-SPOCrossTenantUserContentMove","onCall":3}]}',
      's.json',
      { start: '2026-11-23T12:00:00.000Z' },
    );
    assert.equal(ok.scenario?.outputShape, 'alternative');
    assert.equal(ok.scenario?.start, '2026-11-23T12:00:00.000Z');
    assert.match(readScenario('{"outputshape":"x"}', 's.json', { start: 'x' }).error!, /s\.json: unknown field 'outputshape'/);
    assert.match(readScenario('[1]', 's.json', { start: 'x' }).error!, /a scenario is a JSON object/);
    assert.match(readScenario('{"moveMinutes":-1}', 's.json', { start: 'x' }).error!, /moveMinutes/);
    assert.match(readScenario('{"slowUsers":{"a":"fast"}}', 's.json', { start: 'x' }).error!, /'slowUsers' must map names to numbers/);
    assert.match(readScenario('{', 's.json', { start: 'x' }).error!, /s\.json: not JSON/);
  });

  it('the report names failed users with their codes and keeps table cells on one line', () => {
    const report = {
      outcome: 'completed',
      summary: 'Rehearsal completed.',
      runs: [
        {
          round: 1,
          side: 'source',
          what: 'RUNBOOK.ps1 -FromStep 1',
          fromStep: 1,
          outcome: 'handoff',
          exitCode: 2,
          resume: 2,
          ms: 700,
          simulatedTime: '2026-11-23T12:00:00.000Z',
          output: '',
        },
      ],
      problems: [{ where: 'diego@contoso.com', what: 'move failed with MnAOdbUsersAreNotLicensed: a|b\nc' }],
      moves: {
        total: 2,
        success: 1,
        failed: 1,
        pending: 0,
        failures: [{ user: 'diego@contoso.com', code: 'MnAOdbUsersAreNotLicensed', error: 'Neither … licensed |\r\n x' }],
      },
      simulatedStart: 'a',
      simulatedEnd: 'b',
      planFile: '/tmp/p.json',
      workDir: '/tmp',
      ms: 1000,
      notes: [],
      ingest: {} as never,
      mapProblems: { count: 1, first: [{ line: 3, column: 5, severity: 'error', message: 'Not a UPN' }] },
      views: {
        trusts: [{ pair: 'NAM → NAM', source: 'removed', target: 'removed' }],
        checklist: {
          done: 30,
          total: 35,
          problems: 1,
          items: [
            { title: 'Prerequisites', status: 'problem' },
            { title: '  Licences', status: 'problem', detail: '1 move(s) failed' },
          ],
        },
      },
      pair: { calls: 1, serverMs: 1 },
      plan: examplePlan(),
    } as unknown as RehearsalReport;
    const md = rehearsalMarkdown(report);
    assert.match(md, /\| diego@contoso\.com \| MnAOdbUsersAreNotLicensed \| Neither … licensed \\\| +x \|/);
    assert.match(md, /\| 1 \| 2026-11-23T12:00:00\.000Z \| source \| RUNBOOK\.ps1 -FromStep 1 \| 1 \| handoff → step 2 \| 700 \|/);
    assert.doesNotMatch(md, /a\|b/);
    assert.match(md, /- identity-map\.csv:3:5 error: Not a UPN/);
    assert.match(md, /\| NAM → NAM \| removed \| removed \| — \|/);
    assert.match(md, /Checklist: 30 of 35 done, 1 problem\.\n\n- ❌ Prerequisites\n {2}- ❌ Licences: 1 move\(s\) failed/);
  });
});

describe('connecting', () => {
  it("connects to the canonical admin URL, whatever the plan's spelling", () => {
    const plan = examplePlan();
    plan.source.geographies[0]!.adminUrl = 'HTTPS://Contoso-Admin.SharePoint.com/';
    const script = generateScripts(exampleInput(plan)).files.find((f) => f.path === 'source/01-connect-NAM.ps1')!.content;
    assert.match(script, /Connect-SPOService -Url 'https:\/\/contoso-admin\.sharepoint\.com'\r\n/);
  });
});
