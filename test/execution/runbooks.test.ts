/**
 * Both admins' runbooks, run for real in PowerShell 7 against the simulated tenant pair, from
 * step 1 to the cleanup: the example plan (with the documented and the alternative output
 * shapes of the undocumented cmdlets, and with shapes no script knows), generated plans (one
 * geography; 3 × 3 Multi-Geo with guests and every group type; hostile names; 10,000 users in
 * several batches) and other cultures. Each run is asserted on the rehearsed plan, on the
 * simulator's final state and on every result file.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/main';
import { readIdentityMapRows } from '../../src/core/identity/identityMapRows';
import type { Plan } from '../../src/core/plan/planSchema';
import { upnKey } from '../../src/core/plan/principalNames';
import { batchUserSource } from '../../src/core/plan/planQueries';
import { rehearse, type RehearsalReport } from '../../src/rehearsal/rehearse';
import type { CloudState } from '../../src/simulator/cloudModel';
import type { Scenario } from '../../src/simulator/scenario';
import { loadResults } from '../../src/services/planWorkspace';
import { FIXED_NOW } from '../support/fixedClock.mjs';
import { EXAMPLE_DIR, EXAMPLE_PLAN } from '../support/fixtures';
import { pwshOrSkip, pwshSkipReason } from '../support/powershell';
import { syntheticPlan } from '../support/syntheticPlans';

const START = new Date(FIXED_NOW).toISOString();

interface Rehearsed {
  report: RehearsalReport;
  cloud: CloudState;
}

async function rehearsePlan(
  pwsh: string,
  plan: Plan,
  mapText: string,
  scenario: Partial<Scenario> = {},
  culture?: string,
): Promise<Rehearsed> {
  let cloud: CloudState | undefined;
  const report = await rehearse({
    plan,
    planName: 'onedrive-migration.json',
    identityMapText: mapText,
    identityMap: readIdentityMapRows(mapText).rows,
    workDir: mkdtempSync(path.join(tmpdir(), 'odm-exec-')),
    pwsh,
    scenario: { start: START, ...scenario },
    now: new Date(FIXED_NOW),
    ...(culture ? { culture } : {}),
    onFinished: (state) => (cloud = state),
  });
  return { report, cloud: cloud! };
}

function example(): { plan: Plan; mapText: string } {
  return {
    plan: JSON.parse(readFileSync(EXAMPLE_PLAN, 'utf8')) as Plan,
    mapText: readFileSync(path.join(EXAMPLE_DIR, 'identity-map.csv'), 'utf8'),
  };
}

/** What every completed migration must leave behind, in the plan, the simulator and the results folder. */
async function assertCompleted({ report, cloud }: Rehearsed, plan: Plan): Promise<void> {
  assert.equal(
    report.outcome,
    'completed',
    `${report.summary}\n${JSON.stringify(report.problems, null, 1)}\n${report.runs.at(-1)?.output ?? ''}`,
  );
  const users = (plan.batches ?? []).flatMap((b) => b.users.map((u) => upnKey(batchUserSource(u))));
  // The rehearsed plan: every batch user moved.
  for (const u of users) assert.equal(report.plan.moves?.[u]?.state, 'Success', `${u}: ${JSON.stringify(report.plan.moves?.[u])}`);
  // The simulator: every user moved exactly once, a redirect at each old URL, since removed.
  const perUser = new Map<string, number>();
  for (const m of cloud.moves) perUser.set(upnKey(m.sourceUpn), (perUser.get(upnKey(m.sourceUpn)) ?? 0) + 1);
  for (const u of users) assert.equal(perUser.get(u), 1, `${u} was queued ${perUser.get(u) ?? 0} times`);
  assert.ok(cloud.moves.every((m) => m.state === 'Success'));
  const redirects = Object.values(cloud.tenants.source.sites).filter((s) => s.template === 'RedirectSite#0');
  assert.equal(redirects.length, users.length);
  assert.ok(
    redirects.every((s) => s.deleted),
    'every redirect site listed and removed',
  );
  assert.deepEqual(report.plan.postMigration?.redirectSitesToRemove, [], 'the removal list is emptied by the removal results');
  // Trusts removed on both sides, for every pair.
  for (const side of ['source', 'target'] as const) {
    assert.ok(cloud.tenants[side].relationships.length >= (plan.trusts ?? []).length);
    assert.ok(
      cloud.tenants[side].relationships.every((r) => r.removedAt),
      `${side} relationships removed`,
    );
  }
  for (const t of report.plan.trusts ?? [])
    for (const side of ['source', 'target'] as const)
      assert.ok(t[side]?.removedAt, `${t.sourceGeography}→${t.targetGeography} ${side} removal recorded`);
  // Every result file is schema-valid; no temp file or journal is left behind; both runbooks kept a transcript.
  const resultsDir = path.join(report.workDir, 'results');
  const names = readdirSync(resultsDir);
  assert.ok(!names.some((n) => n.endsWith('.tmp') || n.endsWith('.journal')), names.join(', '));
  const loaded = await loadResults([resultsDir]);
  assert.ok(loaded.length > 10);
  for (const l of loaded) assert.deepEqual(l.problems, [], l.file);
  for (const side of ['source', 'target'])
    assert.ok(
      readdirSync(path.join(report.workDir, 'scripts', side)).some((n) => /^RUNBOOK-.*\.log$/.test(n)),
      `${side} transcript`,
    );
  // The CLI imports the same folder into the rehearsed plan: nothing left to change.
  const out: string[] = [];
  // The scripts stamp results with the machine's clock; a fixed reader clock far ahead keeps them in its past.
  const code = await runCli(['import', report.planFile, resultsDir], {
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    cwd: report.workDir,
    now: new Date('2100-01-01T00:00:00Z'),
  });
  assert.equal(code, 0, out.join('\n'));
  assert.match(out.join('\n'), /is up to date/);
}

/** The CLI, as an admin runs it: `onedrive-migration rehearse <plan>` on a copy of the example. */
async function cliRehearse(
  pwsh: string,
  scenario?: object,
): Promise<{ code: number; out: string; planBefore: string; planAfter: string; report: string }> {
  const ws = mkdtempSync(path.join(tmpdir(), 'odm-cli-rehearse-'));
  cpSync(EXAMPLE_DIR, ws, { recursive: true, filter: (src) => !src.includes(`${path.sep}scripts`) });
  const planFile = path.join(ws, 'onedrive-migration.json');
  const planBefore = readFileSync(planFile, 'utf8');
  const args = ['rehearse', planFile, '--out', path.join(ws, 'rehearsal'), '--quiet'];
  if (scenario) {
    writeFileSync(path.join(ws, 'scenario.json'), JSON.stringify(scenario));
    args.push('--scenario', path.join(ws, 'scenario.json'));
  }
  const lines: string[] = [];
  const previous = process.env.ODM_PWSH;
  process.env.ODM_PWSH = pwsh;
  try {
    const code = await runCli(args, { out: (l) => lines.push(l), err: (l) => lines.push(l), cwd: ws, now: new Date(FIXED_NOW) });
    const reportFile = path.join(ws, 'rehearsal', 'REHEARSAL.md');
    return {
      code,
      out: lines.join('\n'),
      planBefore,
      planAfter: readFileSync(planFile, 'utf8'),
      report: existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '',
    };
  } finally {
    if (previous === undefined) delete process.env.ODM_PWSH;
    else process.env.ODM_PWSH = previous;
  }
}

describe('execution: onedrive-migration rehearse', async () => {
  const pwsh = await pwshOrSkip();
  const skip = pwsh ? false : pwshSkipReason;

  it('rehearses the example: exit 0, a report, and the plan byte for byte as it was', { skip }, async () => {
    const r = await cliRehearse(pwsh!);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /Rehearsal completed: both runbooks ran to the end\. 10 of 10 moves succeeded, 0 failed/);
    assert.equal(r.planAfter, r.planBefore);
    assert.match(r.report, /# Migration rehearsal/);
    assert.match(r.report, /Nothing: every script ran, every handoff was passed, every move succeeded\./);
  });

  it('reports which user failed with which code (exit 1)', { skip }, async () => {
    const r = await cliRehearse(pwsh!, {
      unlicensedUsers: ['diego.siciliani@contoso.com'],
      failingUsers: { 'lee.gu@contoso.com': 'MnATargetUrlNotValidForRename' },
    });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /Rehearsal completed: both runbooks ran to the end\. 8 of 10 moves succeeded, 2 failed/);
    assert.match(
      r.report,
      /\| diego\.siciliani@contoso\.com \| MnAOdbUsersAreNotLicensed \| MnAOdbUsersAreNotLicensed: Neither source UPN/,
    );
    assert.match(r.report, /\| lee\.gu@contoso\.com \| MnATargetUrlNotValidForRename \|/);
  });

  it('stops before any move when a target user already has a OneDrive (the step 4 check)', { skip }, async () => {
    const r = await cliRehearse(pwsh!, { targetOneDrives: ['lee.gu@fabrikam.com'] });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /Rehearsal blocked: neither side could go on\. 0 of 0 moves/);
    assert.match(
      r.out,
      /problem: target step 4 \(04-check-no-target-onedrive-NAM\.ps1\): blocked: Resolve these OneDrives before the source admin queues any move/,
    );
    assert.match(r.report, /lee\.gu@fabrikam\.com already has a OneDrive|04-check-no-target-onedrive-NAM\.ps1/);
  });

  it('reports which handoff blocked when the partner never requests the trust', { skip }, async () => {
    const r = await cliRehearse(pwsh!, { silentSide: 'target' });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /Rehearsal blocked: neither side could go on/);
    assert.match(r.out, /problem: source step 3 \(03-verify-trust-NAM\.ps1\): blocked: /);
  });

  it('reports which script threw', { skip }, async () => {
    const r = await cliRehearse(pwsh!, {
      cmdletFaults: [
        { cmdlet: 'Get-SPOCrossTenantHostUrl', onCall: 2, message: 'The remote server returned an error: (401) Unauthorized.' },
      ],
    });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /Rehearsal stopped: a script failed/);
    assert.match(r.out, /problem: source step 1 \(01-connect-EUR\.ps1\): The remote server returned an error: \(401\) Unauthorized\./);
  });

  it('says what to install when there is no PowerShell', async () => {
    const saved = { ODM_PWSH: process.env.ODM_PWSH, PATH: process.env.PATH };
    process.env.ODM_PWSH = '/nonexistent/pwsh';
    process.env.PATH = '/nonexistent';
    const lines: string[] = [];
    try {
      const code = await runCli(['rehearse', EXAMPLE_PLAN, '--quiet'], {
        out: (l) => lines.push(l),
        err: (l) => lines.push(l),
        cwd: EXAMPLE_DIR,
        now: new Date(FIXED_NOW),
      });
      assert.equal(code, 1);
      assert.match(
        lines.join('\n'),
        /A rehearsal runs the generated scripts in PowerShell 7 \(pwsh\), which was not found\. Install PowerShell 7/,
      );
    } finally {
      process.env.ODM_PWSH = saved.ODM_PWSH;
      process.env.PATH = saved.PATH;
      if (saved.ODM_PWSH === undefined) delete process.env.ODM_PWSH;
    }
  });
});

describe('execution: both runbooks end to end against the simulated tenants', async () => {
  const pwsh = await pwshOrSkip();
  const skip = pwsh ? false : pwshSkipReason;

  it('the example plan (Multi-Geo, three batches, guests, groups), documented output names', { skip }, async () => {
    const { plan, mapText } = example();
    const run = await rehearsePlan(pwsh!, plan, mapText);
    await assertCompleted(run, plan);
    // Batches are queued one at a time: the pilot is done before wave 2 is queued.
    const pilot = run.cloud.moves.filter((m) => m.sourceGeography === 'NAM' && m.targetGeography === 'NAM');
    const wave2 = run.cloud.moves.filter((m) => m.sourceGeography === 'EUR');
    assert.ok(Math.max(...pilot.map((m) => Date.parse(m.finishedAt!))) <= Math.min(...wave2.map((m) => Date.parse(m.queuedAt))));
    // Preferred windows reach the cmdlet as UTC.
    assert.deepEqual(run.report.notes, []);
    assert.equal(pilot[0]!.preferredBegin, '2026-12-05T22:00:00.000Z');
  });

  it('the example plan, with the alternative output names (no UPN on move-state objects)', { skip }, async () => {
    const { plan, mapText } = example();
    await assertCompleted(await rehearsePlan(pwsh!, plan, mapText, { outputShape: 'alternative' }), plan);
  });

  it('fails closed, loudly, when the move-state output has names no script knows', { skip }, async () => {
    const { plan, mapText } = example();
    const { report, cloud } = await rehearsePlan(pwsh!, plan, mapText, { outputShape: 'unrecognised' });
    assert.equal(report.outcome, 'failed');
    assert.match(
      report.problems.map((p) => p.what).join('\n'),
      /Cannot read the output of Get-SPOCrossTenantUserContentMoveState \(its objects have the properties: Id, Src, Dst, Phase\)/,
    );
    // Nothing was queued twice on the way there.
    const counts = new Map<string, number>();
    for (const m of cloud.moves) counts.set(m.sourceUpn, (counts.get(m.sourceUpn) ?? 0) + 1);
    assert.ok([...counts.values()].every((n) => n === 1));
  });

  it('a single-geography pair with hostile names (quotes of every kind, $, backticks, non-ASCII)', { skip }, async () => {
    const s = syntheticPlan({ users: 12, hostile: true, guests: 1, groups: true });
    await assertCompleted(await rehearsePlan(pwsh!, s.plan, s.mapText), s.plan);
  });

  it('3 × 3 Multi-Geo with guests and every group type', { skip }, async () => {
    const s = syntheticPlan({
      users: 18,
      sourceGeographies: ['NAM', 'EUR', 'APC'],
      targetGeographies: ['NAM', 'EUR', 'GBR'],
      guests: 2,
      groups: true,
    });
    await assertCompleted(await rehearsePlan(pwsh!, s.plan, s.mapText), s.plan);
  });

  for (const culture of ['de-DE', 'ar-SA', 'th-TH']) {
    it(`in the ${culture} culture (result file names and times stay in the Gregorian calendar)`, { skip }, async () => {
      const s = syntheticPlan({ users: 3 });
      const run = await rehearsePlan(pwsh!, s.plan, s.mapText, {}, culture);
      await assertCompleted(run, s.plan);
      // A Thai calendar would stamp 25xx, a Hijri one 14xx: the names must stay Gregorian (20xx).
      for (const n of readdirSync(path.join(run.report.workDir, 'results')).filter((f) => f.endsWith('.json')))
        assert.match(n, /-20\d{6}T\d{9}Z\.json$/, n);
    });
  }

  it('10,000 users in three batches from one source geography (each at most 4,000)', { skip, timeout: 900_000 }, async () => {
    const s = syntheticPlan({ users: 10_000, batchSize: 3400 });
    assert.equal(s.plan.batches?.length, 3);
    const run = await rehearsePlan(pwsh!, s.plan, s.mapText, { targetUsersExist: true });
    await assertCompleted(run, s.plan);
    assert.ok(existsSync(run.report.planFile));
    // Long loops print progress (Write-Progress is silenced here and never reaches a transcript).
    assert.ok(run.report.runs.some((r) => /3000 of 3400 users handled \.\.\./.test(r.output)));
  });
});
