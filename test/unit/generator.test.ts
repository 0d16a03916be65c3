import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { acceptedParameters, findCmdlet } from '../../src/core/powershell/cmdletCatalogue';
import { generateScripts, isInSelection } from '../../src/core/powershell/generateScripts';
import { GENERATION_ACTIONS, type GeneratedFile } from '../../src/core/powershell/generatorTypes';
import { commandsOf, functionsOf, nodesOfType, parsePowerShell, syntaxErrors } from '../support/powershellParser';
import { GOLDEN_DIR, examplePlan, exampleInput } from '../support/fixtures';
import type { Plan } from '../../src/core/plan/planSchema';

const all = generateScripts(exampleInput());
const scripts = all.files.filter((f) => f.path.endsWith('.ps1'));

function listGolden(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listGolden(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('script generator: the example plan', () => {
  it('matches the golden files (UPDATE_GOLDEN=1 to accept a deliberate change)', () => {
    if (process.env.UPDATE_GOLDEN) {
      rmSync(GOLDEN_DIR, { recursive: true, force: true });
      for (const f of all.files) {
        const target = path.join(GOLDEN_DIR, f.path);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, f.content);
      }
    }
    assert.deepEqual(all.files.map((f) => f.path).sort(), listGolden(GOLDEN_DIR).sort());
    for (const f of all.files)
      assert.equal(f.content, readFileSync(path.join(GOLDEN_DIR, f.path), 'utf8'), `${f.path} differs from its golden file`);
  });

  it('lays files out per side, names starting with the two-digit step', () => {
    for (const f of all.files) {
      if (f.kind === 'index') continue;
      assert.match(f.path, /^(source|target)\/(\d\d-[a-z0-9-]+(-[A-Z]{3})?\.(ps1|csv|txt)|RUNBOOK\.ps1)$/, f.path);
      if (f.kind !== 'runbook') assert.equal(f.path.split('/')[1]!.slice(0, 2), String(f.step).padStart(2, '0'), f.path);
    }
    assert.ok(all.files.some((f) => f.path === 'source/RUNBOOK.ps1'));
    assert.ok(all.files.some((f) => f.path === 'target/RUNBOOK.ps1'));
  });

  it('generates every script of every step for both sides, and nothing is blocked', () => {
    assert.deepEqual(all.blocked, []);
    const steps = (side: string) => [...new Set(scripts.filter((f) => f.side === side && f.kind === 'script').map((f) => f.step))].sort();
    assert.deepEqual(steps('source'), [1, 2, 3, 5, 6, 7]);
    assert.deepEqual(steps('target'), [1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('generated PowerShell is valid and uses only known cmdlets', () => {
  it('every script parses with no ERROR or MISSING node', async () => {
    for (const f of scripts) {
      const tree = await parsePowerShell(f.content);
      assert.deepEqual(syntaxErrors(tree), [], `${f.path} has syntax errors`);
    }
  });

  it('every command, parameter and enum value exists in the cmdlet catalogue (or is defined in the script)', async () => {
    let checked = 0;
    for (const f of scripts) {
      const tree = await parsePowerShell(f.content);
      const functions = functionsOf(tree);
      for (const cmd of commandsOf(tree)) {
        if (cmd.name.startsWith('(')) continue; // & (Join-Path …): the runbook invoking a generated script
        const name = cmd.name === '$verifyTrustCmdlet' ? 'Verify-SPOCrossTenantRelationship' : cmd.name;
        const own = functions.get(name.toLowerCase());
        const accepted = own ?? acceptedParameters(name);
        assert.ok(accepted, `${f.path}:${cmd.line}: unknown command ${cmd.name}`);
        for (const p of cmd.parameters) {
          assert.ok(
            accepted.some((a) => a.toLowerCase() === p.name.toLowerCase()),
            `${f.path}:${cmd.line}: ${name} has no parameter -${p.name}`,
          );
          const spec = findCmdlet(name)?.parameters.find((x) => x.name.toLowerCase() === p.name.toLowerCase());
          if (spec?.values && p.value !== undefined)
            assert.ok(
              spec.values.includes(p.value),
              `${f.path}:${cmd.line}: -${p.name} ${p.value} is not one of ${spec.values.join(', ')}`,
            );
          checked++;
        }
      }
    }
    assert.ok(checked > 500, `only ${checked} parameters checked`);
  });

  it('never puts anything in a double-quoted string or a here-string, and uses ASCII hyphens only', async () => {
    for (const f of scripts) {
      const tree = await parsePowerShell(f.content);
      assert.deepEqual(
        nodesOfType(tree, 'expandable_string_literal').map((n) => n.text),
        [],
        `${f.path} has double-quoted strings`,
      );
      assert.deepEqual(
        nodesOfType(tree, 'expandable_here_string_literal').map((n) => n.text),
        [],
        `${f.path} has here-strings`,
      );
      const code = f.content.split(/\r\n/).filter((l) => !l.trimStart().startsWith('#'));
      assert.ok(!code.some((l) => /[\u2010-\u2015\u2212]/.test(l)), `${f.path} has a non-ASCII dash in code`);
    }
  });

  it('starts every step script with #Requires, strict mode and Stop, and connects before any SPO cmdlet', async () => {
    for (const f of scripts.filter((s) => s.kind === 'script')) {
      assert.match(f.content, /#Requires -Modules (Microsoft\.Online\.SharePoint\.PowerShell|Microsoft\.Graph)/, f.path);
      assert.match(f.content, /\r\nSet-StrictMode -Version Latest\r\n\$ErrorActionPreference = 'Stop'\r\n/, f.path);
      const tree = await parsePowerShell(f.content);
      const commands = commandsOf(tree);
      const firstSpo = commands.find((c) => /-SPO/i.test(c.name) && c.name !== 'Connect-SPOService');
      const connect = commands.find((c) => c.name === 'Connect-SPOService' || c.name === 'Connect-MgGraph');
      if (firstSpo && firstSpo.line > 0 && !f.content.includes(`function Get-MoveStateReport`)) {
        assert.ok(connect && connect.line < firstSpo.line, `${f.path}: ${firstSpo.name} at line ${firstSpo.line} before any connection`);
      }
    }
  });
});

describe('the rules of each step', () => {
  const file = (p: string): GeneratedFile => {
    const f = all.files.find((x) => x.path === p);
    assert.ok(f, `${p} was not generated`);
    return f;
  };

  it('step 2/3/7: -PartnerRole names the PARTNER (Target on the source, Source on the target)', () => {
    for (const f of scripts.filter((s) => [2, 3, 7].includes(s.step))) {
      for (const m of f.content.matchAll(/-PartnerRole (\w+)/g))
        assert.equal(m[1], f.side === 'source' ? 'Target' : 'Source', `${f.path}: ${m[0]}`);
    }
    assert.match(file('target/07-remove-trust-NAM.ps1').content, /Remove-SPOCrossTenantRelationship -Scenario MnA -PartnerRole Source/);
    assert.match(file('source/07-remove-trust-APC.ps1').content, /Remove-SPOCrossTenantRelationship -Scenario MnA -PartnerRole Target/);
  });

  it('step 2 targets every partner geography of the pair list with the partner host URL', () => {
    const src = file('source/02-request-trust-APC.ps1').content;
    assert.match(src, /\$partnerHostUrl = 'https:\/\/fabrikam-my\.sharepoint\.com'/);
    const tgt = file('target/02-request-trust-NAM.ps1').content;
    assert.match(tgt, /'https:\/\/contoso-my\.sharepoint\.com'/);
    assert.match(tgt, /'https:\/\/contosoapc-my\.sharepoint\.com'/);
    assert.doesNotMatch(tgt, /contosoeur-my/, 'target NAM does not pair with source EUR');
  });

  it('step 6: a stop script per batch for its moves still waiting, with their list as data', () => {
    const stop = file('source/06-stop-move-wave-1-nam-pilot.ps1');
    assert.deepEqual([stop.action, stop.batch, stop.geography], ['stopMoves', 'Wave 1 - NAM pilot', 'NAM']);
    assert.match(
      stop.content,
      /\$SourceUserPrincipalName = @\(Import-Csv -LiteralPath \(Join-Path -Path \$PSScriptRoot -ChildPath '06-stop-wave-1-nam-pilot\.csv'\)/,
    );
    assert.match(stop.content, /ConfirmImpact = 'High'/);
    // Only the Scheduled user: the one in progress cannot be stopped, the moved and the failed need no stop.
    assert.equal(file('source/06-stop-wave-1-nam-pilot.csv').content, 'SourceUserPrincipalName\r\nisaiah.langer@contoso.com\r\n');
    assert.ok(!all.files.some((f) => f.path === 'source/06-stop-move-wave-2-eur.ps1'), 'nothing queued in wave 2: no stop script');
  });

  it('step 6: a retry batch queues its users again without -RetryFailed', () => {
    const plan = examplePlan();
    plan.batches!.push({
      name: 'Wave 1 retry',
      sourceGeography: 'NAM',
      targetGeography: 'NAM',
      users: ['lee.gu@contoso.com'],
      retryOf: 'Wave 1 - NAM pilot',
    });
    plan.batches![2]!.users = ['miriam.graham@contoso.com'];
    const out = generateScripts(exampleInput(plan), { batches: ['Wave 1 retry'], actions: ['queueBatch'] });
    const queue = out.files.find((f) => f.path === 'source/06-queue-wave-1-retry.ps1')!;
    assert.match(queue.content, /\$RetryFailed = \[switch\]::Present/);
    assert.match(queue.content, /retries failed users of batch 'Wave 1 - NAM pilot'/);
    assert.doesNotMatch(
      file('source/06-queue-wave-1-nam-pilot.ps1').content,
      /\$RetryFailed = /,
      'an ordinary batch retries only when asked',
    );
  });

  it('step 3 picks Test- or Verify-SPOCrossTenantRelationship at run time', () => {
    const c = file('source/03-verify-trust-NAM.ps1').content;
    assert.match(c, /Get-Command -Name 'Test-SPOCrossTenantRelationship'/);
    assert.match(c, /'Verify-SPOCrossTenantRelationship'/);
  });

  it('step 4: Microsoft 365 groups are created with New-MgBetaGroup ProvisionSiteOnDemand, and it only reports without -CreateMissing', () => {
    const c = file('target/04-precreate-users-and-groups.ps1').content;
    assert.match(
      c,
      /New-MgBetaGroup -GroupTypes @\('Unified'\) -MailNickname \$alias -DisplayName \$row\.DisplayName -ResourceBehaviorOptions @\('ProvisionSiteOnDemand'\) -MailEnabled:\$false -SecurityEnabled/,
    );
    assert.match(c, /if \(-not \$CreateMissing\)/);
    assert.match(c, /New-MgInvitation/);
    assert.match(c, /Connect-MgGraph -TenantId 'd1a4b7c2-8e3f-4a5b-b6c7-9d0e1f2a3b4c'/);
    assert.doesNotMatch(c, /\/drive/, 'never touches Graph /drive on the target');
    const users = file('target/04-target-users.csv').content.split('\r\n');
    assert.equal(users[0], 'SourceUserPrincipalName,TargetUserPrincipalName,TargetEmail,UserType,DisplayName,PreferredDataLocation');
    assert.ok(
      users.includes('lena.muller@contoso.com,lena.muller@fabrikam.com,lena.muller@fabrikam.com,RegularUser,Lena Muller,EUR'),
      'EUR batch user gets PDL EUR',
    );
    assert.ok(users.some((l) => l.startsWith('megan.bowen@contoso.com,') && l.includes(',GuestUser,')));
    const groups = file('target/04-target-groups.csv').content;
    assert.match(groups, /6c5b4a3f-2e1d-4c0b-9a8f-7e6d5c4b3a2f,8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d,ProjectFalcon,O365Group,ProjectFalcon/);
  });

  it('step 5: the map is uploaded to every target geography, compatibility is checked only on the source', () => {
    const uploads = all.files.filter((f) => /05-upload-identity-map/.test(f.path));
    assert.deepEqual(
      uploads.map((f) => f.path),
      ['target/05-upload-identity-map-NAM.ps1', 'target/05-upload-identity-map-EUR.ps1'],
    );
    assert.ok(all.files.filter((f) => /compatibility/.test(f.path)).every((f) => f.side === 'source'));
    assert.match(uploads[0]!.content, /Add-SPOTenantIdentityMap -IdentityMapPath \$fullPath/);
    assert.match(uploads[0]!.content, /'\.\.\/\.\.\/identity-map\.csv'/);
  });

  it('step 6: queue scripts loop over a CSV, pass UTC windows, refuse without GoodToProceed or with Incompatible', () => {
    const c = file('source/06-queue-wave-1-nam-pilot.ps1').content;
    assert.match(c, /ConvertTo-UtcDateTime -Value '2026-12-05T22:00:00Z'/);
    assert.match(c, /-PreferredMoveBeginDate \$PreferredBegin -PreferredMoveEndDate \$PreferredEnd -ValidationOnly:\$ValidationOnly/);
    assert.match(c, /\$compatibility -eq 'Incompatible'/);
    assert.match(c, /\$state -ne 'GoodToProceed'/);
    assert.match(c, /\[ValidateRange\(1, 4000\)\]\[int\]\$MaxQueued = 3800/);
    assert.equal((c.match(/Start-SPOCrossTenantUserContentMove/g) ?? []).length, 1, 'one data-driven call, not unrolled');
    assert.equal(file('source/06-queue-wave-1-nam-pilot.csv').content.split('\r\n').filter(Boolean).length, 5);
    const wave3 = file('source/06-queue-wave-3-apc-to-nam.ps1').content;
    assert.doesNotMatch(wave3, /PreferredMoveBeginDate/, 'no window, no date parameters');
    assert.match(file('source/06-queue-wave-2-eur.csv').content, /pradeep\.gupta@contoso\.com,pradeep\.gupta@fabrikam\.com/);
  });

  it('step 7: redirect inventory includes OneDrive redirects with -Limit All, removal checks the template', () => {
    const list = file('source/07-list-redirect-sites-NAM.ps1').content;
    assert.match(list, /Get-SPOSite -Template 'RedirectSite#0' -IncludePersonalSite \$true -Limit All/);
    const remove = file('source/07-remove-redirect-sites-NAM.ps1').content;
    assert.match(remove, /ConfirmImpact = 'High'/);
    assert.match(remove, /\$AllowedHosts = @\('https:\/\/contoso\.sharepoint\.com', 'https:\/\/contoso-my\.sharepoint\.com'\)/);
    assert.match(remove, /Remove-SPOSite -Identity \$url -Confirm:\$false/);
    assert.match(file('source/07-check-migrate-back-EUR.ps1').content, /\$MySiteHost = 'https:\/\/contosoeur-my\.sharepoint\.com'/);
  });

  it('runbooks run the steps in order and stop at every handoff', () => {
    const src = file('source/RUNBOOK.ps1').content;
    const order = [...src.matchAll(/Step = (\d); Script = '([^']+)'/g)].map((m) => Number(m[1]));
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
    assert.match(src, /Resume = 3 \}/);
    assert.doesNotMatch(src, /Script = '(06-stop-move|07-remove-redirect-sites|07-check-migrate-back)/);
    assert.ok(src.indexOf("'01-connect-NAM.ps1'") < src.indexOf("'01-connect-EUR.ps1'"), 'plan order within a step');
  });

  it('writes scripts and data with a BOM flag (Windows PowerShell 5.1 reads BOM-less files as ANSI)', () => {
    for (const f of all.files) assert.equal(f.bom, f.kind !== 'index', f.path);
  });
});

describe('generator options and blocked scripts', () => {
  it('--step and --side filter, without runbooks', () => {
    const r = generateScripts(exampleInput(), { steps: [2], side: 'target' });
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['target/02-request-trust-NAM.ps1', 'target/02-request-trust-EUR.ps1'],
    );
  });

  it('blocks what needs an unknown partner host URL, and says what to do', () => {
    const plan = examplePlan();
    delete plan.target.geographies[1]!.hostUrl;
    const r = generateScripts(exampleInput(plan));
    assert.ok(!r.files.some((f) => f.path === 'source/02-request-trust-EUR.ps1'));
    const b = r.blocked.find((x) => x.side === 'source' && x.step === 2 && x.geography === 'EUR');
    assert.ok(b);
    assert.match(b.message, /target geography EUR .* not in the plan yet: run the target admin's step 1 script/);
    assert.match(r.files.find((f) => f.path === 'source/RUNBOOK.ps1')!.content, /could not be generated yet/);
  });

  it('blocks a batch whose users have no target UPN', () => {
    const plan = examplePlan();
    plan.batches![2]!.users.push('nobody@contoso.com');
    const r = generateScripts(exampleInput(plan), { steps: [6] });
    assert.ok(r.blocked.some((b) => /no target UPN for nobody@contoso\.com/.test(b.message)));
    assert.ok(!r.files.some((f) => f.path.includes('wave-3')));
  });

  it('blocks step 4 without an identity map', () => {
    const input = exampleInput();
    delete input.identityMap;
    const r = generateScripts(input, { steps: [4] });
    assert.deepEqual(r.files, []);
    assert.match(r.blocked[0]!.message, /identity map could not be read/);
  });

  it('single-geo tenants get file names without a geography suffix', () => {
    const plan: Plan = {
      version: 1,
      source: {
        name: 'contoso',
        geographies: [{ code: 'default', adminUrl: 'https://contoso-admin.sharepoint.com', hostUrl: 'https://contoso-my.sharepoint.com' }],
      },
      target: {
        name: 'fabrikam',
        geographies: [
          { code: 'default', adminUrl: 'https://fabrikam-admin.sharepoint.com', hostUrl: 'https://fabrikam-my.sharepoint.com' },
        ],
      },
      trusts: [{ sourceGeography: 'default', targetGeography: 'default' }],
    };
    const r = generateScripts({ ...exampleInput(plan), plan }, { steps: [1, 2] });
    assert.deepEqual(
      r.files.map((f) => f.path),
      ['source/01-connect.ps1', 'target/01-connect.ps1', 'source/02-request-trust.ps1', 'target/02-request-trust.ps1'],
    );
  });

  it('quotes hostile values: batch names and UPNs with quotes, $ and backticks stay literal', async () => {
    const plan = examplePlan();
    plan.batches = [
      {
        name: 'Wave ‘5’ $(rm -rf /) `n',
        sourceGeography: 'NAM',
        targetGeography: 'NAM',
        users: [{ source: "o'neil@contoso.com", target: "o'neil@fabrikam.com" }],
      },
    ];
    const r = generateScripts(exampleInput(plan), { steps: [6] });
    const script = r.files.find((f) => f.path.endsWith('.ps1') && f.path.includes('queue'))!;
    assert.match(script.content, /\$BatchName = 'Wave ‘‘5’’ \$\(rm -rf \/\) `n'/);
    assert.deepEqual(syntaxErrors(await parsePowerShell(script.content)), []);
    assert.match(r.files.find((f) => f.path.endsWith('.csv'))!.content, /o'neil@contoso\.com,o'neil@fabrikam\.com/);
  });
});

describe('generator scope', () => {
  it('a pair keeps the scripts of one trust pair, on both sides', () => {
    const r = generateScripts(exampleInput(), { steps: [7], pair: { sourceGeography: 'APC', targetGeography: 'NAM' } });
    const trust = r.files.filter((f) => f.action === 'removeTrust');
    assert.deepEqual(
      trust.map((f) => f.path),
      ['source/07-remove-trust-APC.ps1', 'target/07-remove-trust-NAM.ps1'],
    );
    assert.doesNotMatch(trust[1]!.content, /contoso-my\.sharepoint\.com'/, 'target NAM removes only the APC trust');
    assert.match(trust[1]!.content, /contosoapc-my\.sharepoint\.com/);
    assert.ok(!r.files.some((f) => f.path === 'source/RUNBOOK.ps1'));
  });

  it("side + geography keep that geography and the side's tenant-wide scripts", () => {
    const r = generateScripts(exampleInput(), { side: 'target', geographies: ['EUR'] });
    assert.ok(r.files.every((f) => f.side === 'target' && (f.geography === undefined || f.geography === 'EUR')));
    assert.ok(r.files.some((f) => f.path === 'target/04-precreate-users-and-groups.ps1'));
    assert.ok(r.files.some((f) => f.path === 'target/05-upload-identity-map-EUR.ps1'));
    assert.ok(!r.files.some((f) => f.kind === 'runbook'));
  });
});

describe('generation selection: every file says what it is for', () => {
  const all = generateScripts(exampleInput());

  it('every file, blocked script and warning carries its step, action and side (and geography, batch where they have one)', () => {
    for (const f of all.files) {
      assert.ok(GENERATION_ACTIONS.includes(f.action), f.path);
      assert.equal(f.path.startsWith(`${f.side}/`) || f.kind === 'index', true, f.path);
      if (f.step > 0) assert.match(f.path, new RegExp(`/0${f.step}-`), f.path);
      if (f.geography && f.geography !== 'default') assert.ok(f.path.includes(f.geography) || f.batch, f.path);
    }
    const queue = all.files.filter((f) => f.action === 'queueBatch');
    assert.deepEqual(
      queue.map((f) => [f.path, f.batch, f.geography]),
      [
        ['source/06-queue-wave-1-nam-pilot.csv', 'Wave 1 - NAM pilot', 'NAM'],
        ['source/06-queue-wave-1-nam-pilot.ps1', 'Wave 1 - NAM pilot', 'NAM'],
        ['source/06-queue-wave-2-eur.csv', 'Wave 2 - EUR', 'EUR'],
        ['source/06-queue-wave-2-eur.ps1', 'Wave 2 - EUR', 'EUR'],
        ['source/06-queue-wave-3-apc-to-nam.csv', 'Wave 3 - APC to NAM', 'APC'],
        ['source/06-queue-wave-3-apc-to-nam.ps1', 'Wave 3 - APC to NAM', 'APC'],
      ],
    );
    assert.deepEqual(
      all.warnings.map((w) => [w.step, w.action, w.batch]),
      [
        [6, 'queueBatch', 'Wave 2 - EUR'],
        [6, 'queueBatch', 'Wave 3 - APC to NAM'],
      ],
    );
  });

  it("batches and actions: the chosen batches' queue scripts and the source exports, their warnings only", () => {
    const r = generateScripts(exampleInput(), {
      steps: [6],
      side: 'source',
      actions: ['queueBatch', 'exportMoveStates'],
      batches: ['Wave 2 - EUR'],
    });
    assert.deepEqual(
      r.files.map((f) => f.path),
      [
        'source/06-queue-wave-2-eur.csv',
        'source/06-queue-wave-2-eur.ps1',
        'source/06-export-move-state-NAM.ps1',
        'source/06-export-move-state-EUR.ps1',
        'source/06-export-move-state-APC.ps1',
      ],
    );
    assert.deepEqual(
      r.warnings.map((w) => w.batch),
      ['Wave 2 - EUR'],
    );
  });

  it('a blocked batch is reported only when that batch is selected', () => {
    const plan = examplePlan();
    plan.batches![2]!.users.push('nobody@contoso.com');
    const other = generateScripts(exampleInput(plan), { steps: [6], batches: ['Wave 1 - NAM pilot'] });
    assert.deepEqual(other.blocked, []);
    const chosen = generateScripts(exampleInput(plan), { steps: [6], batches: ['Wave 3 - APC to NAM'] });
    assert.deepEqual(
      chosen.blocked.map((b) => [b.action, b.batch, b.geography]),
      [['queueBatch', 'Wave 3 - APC to NAM', 'APC']],
    );
  });

  it('places: the removal of redirect sites chosen in two places, and nowhere else', () => {
    const plan = examplePlan();
    plan.postMigration = {
      redirectSitesToRemove: [
        'https://contoso-my.sharepoint.com/personal/a_contoso_com',
        'https://fabrikameur-my.sharepoint.com/personal/b_fabrikam_com',
      ],
    };
    const r = generateScripts(exampleInput(plan), {
      steps: [7],
      actions: ['removeRedirectSites'],
      places: [
        { side: 'source', geography: 'NAM' },
        { side: 'target', geography: 'EUR' },
      ],
    });
    assert.deepEqual(
      r.files.map((f) => f.path),
      [
        'source/07-redirect-sites-to-remove-NAM.txt',
        'source/07-remove-redirect-sites-NAM.ps1',
        'target/07-redirect-sites-to-remove-EUR.txt',
        'target/07-remove-redirect-sites-EUR.ps1',
      ],
    );
  });

  it('a narrowed selection gets no runbooks or index; the whole migration (or one side of it) does', () => {
    assert.ok(!generateScripts(exampleInput(), { actions: ['connect'] }).files.some((f) => f.kind === 'runbook' || f.kind === 'index'));
    assert.deepEqual(
      generateScripts(exampleInput(), { side: 'target' })
        .files.filter((f) => f.kind === 'runbook' || f.kind === 'index')
        .map((f) => f.path),
      ['target/RUNBOOK.ps1', 'README.md'],
    );
  });

  it('isInSelection: what names no geography or batch passes those criteria', () => {
    assert.equal(isInSelection({ step: 4, action: 'precreateUsersAndGroups', side: 'target' }, { geographies: ['EUR'] }), true);
    assert.equal(
      isInSelection({ step: 4, action: 'checkNoTargetOneDrive', side: 'target', geography: 'NAM' }, { geographies: ['EUR'] }),
      false,
    );
    assert.equal(isInSelection({ step: 6, action: 'exportMoveStates', side: 'source', geography: 'NAM' }, { batches: ['x'] }), true);
    assert.equal(isInSelection({ step: 6, action: 'queueBatch', side: 'source', geography: 'NAM', batch: 'y' }, { batches: ['x'] }), false);
    assert.equal(
      isInSelection(
        { step: 7, action: 'removeTrust', side: 'target', geography: 'NAM' },
        { places: [{ side: 'source', geography: 'NAM' }] },
      ),
      false,
    );
  });
});

describe("live mode's app registration script", () => {
  it('parses, uses only known cmdlets, asks for each permission by name (no GUID copied), and is a public client with the loopback redirect', async () => {
    const { appRegistrationScript, LIVE_PERMISSIONS } = await import('../../src/core/powershell/appRegistration');
    const file = appRegistrationScript(examplePlan(), 'target', 'Generated for a test.');
    assert.equal(file.path, 'target/00-create-live-app-registration.ps1');
    assert.equal(file.action, 'createLiveAppRegistration');
    const tree = await parsePowerShell(file.content);
    assert.deepEqual(syntaxErrors(tree), []);
    const functions = functionsOf(tree);
    for (const cmd of commandsOf(tree)) {
      const accepted = functions.get(cmd.name.toLowerCase()) ?? acceptedParameters(cmd.name);
      assert.ok(accepted, `unknown command ${cmd.name}`);
      for (const p of cmd.parameters)
        assert.ok(
          accepted.some((a) => a.toLowerCase() === p.name.toLowerCase()),
          `${cmd.name} -${p.name}`,
        );
    }
    assert.match(file.content, /# Live mode setup, not a migration step\. Run by the TARGET admin/);
    assert.match(file.content, /Connect-MgGraph -Scopes 'Application\.ReadWrite\.All' -TenantId 'd1a4b7c2-8e3f-4a5b-b6c7-9d0e1f2a3b4c'/);
    for (const perm of LIVE_PERMISSIONS) assert.ok(file.content.includes(`'${perm.name}'`), perm.name);
    assert.match(file.content, /isFallbackPublicClient = \$true/);
    const code = file.content.split(/\r?\n/).filter((l) => !l.trimStart().startsWith('#'));
    assert.deepEqual(
      code.filter((l) => l.includes('"')),
      [],
      'no double-quoted strings (the generated-PowerShell rules)',
    );
    assert.match(file.content, /redirectUris = @\('http:\/\/localhost'\)/);
    assert.match(file.content, /\[CmdletBinding\(SupportsShouldProcess = \$true\)\]/, '-WhatIf creates nothing');
    const guids = file.content.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [];
    assert.deepEqual([...new Set(guids)].sort(), [
      '00000003-0000-0000-c000-000000000000',
      '00000003-0000-0ff1-ce00-000000000000',
      'd1a4b7c2-8e3f-4a5b-b6c7-9d0e1f2a3b4c',
    ]);
  });
});
