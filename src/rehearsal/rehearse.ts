/**
 * Rehearsal: both admins' generated scripts run for real in PowerShell against a simulated
 * tenant pair built from the plan, step by step, in a copy of the workspace (the real plan and
 * results are never touched). The driver plays both admins: it runs each side's runbook from
 * where it stopped, imports the result files into the rehearsed plan, regenerates the scripts
 * (as the admins do after each handoff), takes the documented admin actions (creating missing
 * target users, choosing the redirect sites to remove), and jumps the simulated clock over the
 * waits (the 7-day dormant period, moves under way) when neither side can go on.
 */
import { writeGeneratedFiles } from '../services/generatedFiles';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseIdentityMap } from '../core/identity/identityMapFile';
import type { IdentityMapRow } from '../core/identity/identityMapRows';
import { validateIdentityMap } from '../core/identity/validateIdentityMap';
import type { Plan, Side } from '../core/plan/planSchema';
import { buildChecklist, checklistProgress, type ChecklistItem } from '../core/checklist/checklist';
import { generateScripts } from '../core/powershell/generateScripts';
import { geoSuffix } from '../core/powershell/stepContext';
import { PENDING_MOVE_STATES } from '../core/plan/moveStates';
import { describeDirection, pairStatus } from '../core/trust/trustState';
import { ingestResults, type IngestOutcome } from '../core/results/ingestResults';
import { planToText } from '../core/plan/planText';
import { generatorInput, loadResults, resultsFolder, scriptsFolder } from '../services/planWorkspace';
import { PENDING_STATES, type CloudState } from '../simulator/cloudModel';
import type { Scenario } from '../simulator/scenario';
import { runPowerShell, type PowerShellRun } from './powershellProcess';
import { startSimulatedPair } from './simulatedPair';

export interface RehearsalInput {
  plan: Plan;
  /** Name of the plan file the rehearsal copies (for the scripts' provenance line). */
  planName: string;
  identityMapText: string;
  identityMap: readonly IdentityMapRow[];
  /** An empty folder for the rehearsed workspace. */
  workDir: string;
  pwsh: string;
  scenario: Scenario;
  /**
   * The caller's clock, for the views of the rehearsed plan. The scripts stamp their results with the
   * machine's time (they are the production scripts); only the tenants follow the simulated clock.
   */
  now: Date;
  /** How many runbook rounds at most (each round runs each side at most once). */
  maxRounds?: number;
  /** Culture the scripts run in (e.g. de-DE). */
  culture?: string;
  onProgress?: (line: string) => void;
  /** Test hook: called with each PowerShell run as it starts. */
  onRun?: (what: string) => void;
  /** Test hook: the simulator's final state. */
  onFinished?: (state: CloudState) => void;
}

export type RunOutcome = 'finished' | 'handoff' | 'waiting' | 'failed';

export interface RehearsalRun {
  round: number;
  side: Side;
  what: string;
  fromStep: number;
  outcome: RunOutcome;
  exitCode: number | null;
  /** The step to run next. */
  resume?: number;
  /** The script that stopped the runbook (waiting or failed), and what it said. */
  script?: string;
  message?: string;
  ms: number;
  simulatedTime: string;
  output: string;
}

export interface RehearsalProblem {
  where: string;
  what: string;
}

export interface RehearsalReport {
  outcome: 'completed' | 'blocked' | 'failed';
  summary: string;
  runs: RehearsalRun[];
  problems: RehearsalProblem[];
  moves: {
    total: number;
    success: number;
    failed: number;
    pending: number;
    failures: Array<{ user: string; code: string; error: string }>;
  };
  simulatedStart: string;
  simulatedEnd: string;
  planFile: string;
  plan: Plan;
  workDir: string;
  ms: number;
  /** Things the scripts did that a careful script should not (e.g. a date that was not UTC). */
  notes: string[];
  /** The last ingest outcome (redirect inventories, checks) for the views. */
  ingest: IngestOutcome;
  /** What the Tenants tree and the checklist show for the rehearsed plan at the end of the rehearsal. */
  views: {
    trusts: Array<{ pair: string; source: string; target: string; compatibility?: string }>;
    checklist: { done: number; total: number; problems: number; items: Array<{ title: string; status: string; detail?: string }> };
  };
  /** The identity map's errors and warnings against the plan (what the editor and the Problems panel show). */
  mapProblems: { count: number; first: Array<{ line: number; column: number; severity: string; message: string }> };
  pair: { calls: number; serverMs: number };
}

/** After stopping at the handoff of step N, a side goes on once the other side has got past step M. */
const HANDOFF_WAITS: Record<Side, Record<number, number>> = {
  source: { 1: 1, 2: 2, 3: 5, 6: 0 },
  target: { 1: 1, 2: 2, 5: 0, 6: 6 },
};

interface SideState {
  resume: number;
  finished: boolean;
  /** The handoff step it stopped after, while it waits for the other side. */
  handoff?: number;
  createdMissing?: boolean;
}

/** The plan as the rehearsal starts it: the same tenants, pairs, batches and map, and nothing done yet. */
export function rehearsalPlan(plan: Plan): Plan {
  const p = structuredClone(plan) as Plan & Record<string, unknown>;
  for (const side of ['source', 'target'] as const) for (const g of p[side].geographies) delete (g as { hostUrl?: string }).hostUrl;
  p.trusts = (p.trusts ?? []).map((t) => ({ sourceGeography: t.sourceGeography, targetGeography: t.targetGeography }));
  delete p.moves;
  delete (p as { identityMapUploads?: unknown }).identityMapUploads;
  delete (p as { checklist?: unknown }).checklist;
  p.identityMap = 'identity-map.csv';
  p.output = { scripts: 'scripts', results: 'results' };
  p.postMigration = { redirectSitesToRemove: [], migrateBackUsers: plan.postMigration?.migrateBackUsers ?? [] };
  return p;
}

export async function rehearse(input: RehearsalInput): Promise<RehearsalReport> {
  const started = Date.now();
  const progress = input.onProgress ?? (() => undefined);
  await mkdir(input.workDir, { recursive: true });
  const planFile = path.join(input.workDir, 'onedrive-migration.json');
  let plan = rehearsalPlan(input.plan);
  await writeFile(path.join(input.workDir, 'identity-map.csv'), input.identityMapText, 'utf8');
  await writeFile(planFile, planToText(plan), 'utf8');
  const pair = await startSimulatedPair({ plan, identityMap: input.identityMap, scenario: input.scenario });
  const simulatedStart = pair.cloud.now.toISOString();
  const runs: RehearsalRun[] = [];
  const problems: RehearsalProblem[] = [];
  const sides: Record<Side, SideState> = { source: { resume: 1, finished: false }, target: { resume: 1, finished: false } };
  const outDir = scriptsFolder(planFile, plan);
  let ingest: IngestOutcome = { plan, changes: [], problems: [], redirectInventories: [], targetOneDriveChecks: [] };
  let outcome: RehearsalReport['outcome'] = 'blocked';
  let round = 0;

  const regenerate = async () => {
    const generated = generateScripts(generatorInput(planFile, plan, outDir, input.identityMap));
    await writeGeneratedFiles(outDir, generated.files);
  };
  const run = async (side: Side, what: string, command: string, fromStep: number): Promise<RehearsalRun> => {
    input.onRun?.(what);
    const r = await runPowerShell(`$ConfirmPreference = 'None'; $global:LASTEXITCODE = 0; ${command}; exit $LASTEXITCODE`, {
      pwsh: input.pwsh,
      cwd: outDir,
      env: pair.env,
      timeoutMs: 600_000,
      ...(input.culture ? { culture: input.culture } : {}),
    });
    const record = readRun(r, { round, side, what, fromStep, simulatedTime: pair.cloud.now.toISOString() });
    runs.push(record);
    progress(`[${record.simulatedTime}] ${side}: ${what} → ${describeRun(record)}`);
    return record;
  };
  const importAll = async () => {
    const loaded = await loadResults([resultsFolder(planFile, plan)]).catch(() => []);
    ingest = ingestResults(plan, loaded);
    plan = ingest.plan;
    await writeFile(planFile, planToText(plan), 'utf8');
  };

  try {
    for (round = 1; round <= (input.maxRounds ?? 60); round++) {
      await regenerate();
      let progressed = false;
      for (const side of ['source', 'target'] as const) {
        const me = sides[side];
        const other = sides[side === 'source' ? 'target' : 'source'];
        if (me.finished) continue;
        if (me.handoff !== undefined && !(other.finished || other.resume > (HANDOFF_WAITS[side][me.handoff] ?? 0))) continue;
        const record = await run(side, `RUNBOOK.ps1 -FromStep ${me.resume}`, `& ./${side}/RUNBOOK.ps1 -FromStep ${me.resume}`, me.resume);
        if (record.outcome === 'failed') {
          problems.push({
            where: `${side} step ${record.resume ?? me.resume}${record.script ? ` (${record.script})` : ''}`,
            what: record.message ?? 'the runbook failed',
          });
          outcome = 'failed';
          break;
        }
        if (record.outcome === 'finished') me.finished = true;
        const before = me.resume;
        me.resume = record.resume ?? me.resume;
        if (record.outcome === 'handoff') me.handoff = me.resume - 1;
        else delete me.handoff;
        // A stop at a step it already stopped at (a script not generated yet, a wait) is no progress: the clock may jump.
        if (me.finished || me.resume !== before) progressed = true;
        // The documented admin action: review the missing principals, then create them.
        if (record.outcome === 'waiting' && record.script === '04-precreate-users-and-groups.ps1' && !me.createdMissing) {
          me.createdMissing = true;
          await run(
            side,
            '04-precreate-users-and-groups.ps1 -CreateMissing',
            `& ./${side}/04-precreate-users-and-groups.ps1 -CreateMissing`,
            4,
          );
          progressed = true;
        }
      }
      if (outcome === 'failed') break;
      await importAll();
      if (sides.source.finished && sides.target.finished) {
        await removeRedirectSites();
        outcome = 'completed';
        break;
      }
      if (!progressed && !jumpClock()) {
        for (const side of ['source', 'target'] as const) {
          const last = [...runs].reverse().find((r) => r.side === side);
          if (last && !sides[side].finished)
            problems.push({
              where: `${side} step ${sides[side].resume}${last.script ? ` (${last.script})` : ''}`,
              what: `blocked: ${last.message ?? 'waiting for the other side'}`,
            });
        }
        break;
      }
    }
    if (round > (input.maxRounds ?? 60)) problems.push({ where: 'rehearsal', what: `stopped after ${input.maxRounds ?? 60} rounds` });
  } finally {
    input.onFinished?.(pair.cloud.toJSON());
    await pair.close();
  }

  for (const p of ingest.problems)
    if (p.problem.severity !== 'info') problems.push({ where: path.basename(p.file), what: p.problem.message });
  const moves = moveSummary(plan);
  for (const f of moves.failures) problems.push({ where: f.user, what: `move failed with ${f.code}: ${f.error}` });
  const report: RehearsalReport = {
    outcome,
    summary: '',
    runs,
    problems,
    moves,
    simulatedStart,
    simulatedEnd: pair.cloud.now.toISOString(),
    planFile,
    plan,
    workDir: input.workDir,
    ms: Date.now() - started,
    notes: pair.face.notes.map((n) => `${n.cmdlet}: ${n.text}`),
    ingest,
    mapProblems: mapProblemsOf(input.identityMapText, input.plan),
    views: viewsOf(plan, ingest, input.now),
    pair: { calls: pair.server.calls, serverMs: pair.server.serverMs },
  };
  report.summary = summarise(report);
  return report;

  /** Jumps over a wait: past every move under way, else to the next thing that changes by itself. */
  function jumpClock(): boolean {
    const cloud = pair.cloud;
    let jumped = false;
    for (let next = cloud.nextEvent(); next; next = cloud.nextEvent()) {
      cloud.setNow(new Date(next.getTime() + 1000));
      jumped = true;
      if (!cloud.state.moves.some((m) => PENDING_STATES.includes(m.state))) break;
    }
    if (jumped) progress(`[${cloud.now.toISOString()}] the simulated clock jumps over the wait`);
    return jumped;
  }

  /** The admin chooses every listed redirect site for removal (after the whole migration), then runs the removal scripts. */
  async function removeRedirectSites(): Promise<void> {
    const urls = ingest.redirectInventories.filter((i) => i.side === 'source').flatMap((i) => i.urls);
    if (!urls.length) return;
    plan = { ...plan, postMigration: { ...(plan.postMigration ?? { migrateBackUsers: [] }), redirectSitesToRemove: urls } };
    await writeFile(planFile, planToText(plan), 'utf8');
    await regenerate();
    for (const inv of ingest.redirectInventories.filter((i) => i.side === 'source' && i.urls.length)) {
      const script = `07-remove-redirect-sites${geoSuffix(inv.geography)}.ps1`;
      const record = await run('source', script, `& ./source/${script}`, 7);
      if (record.outcome === 'failed') problems.push({ where: `source ${script}`, what: record.message ?? 'failed' });
    }
    await importAll();
  }
}

/** The rehearsed plan as its views would show it (trust pairs, checklist) at the simulated end time. */
function viewsOf(plan: Plan, ingest: IngestOutcome, now: Date): RehearsalReport['views'] {
  const trusts = (plan.trusts ?? []).map((t) => {
    const status = pairStatus(t, now);
    return {
      pair: `${t.sourceGeography} → ${t.targetGeography}`,
      source: describeDirection(status.source),
      target: describeDirection(status.target),
      ...(t.compatibility ? { compatibility: t.compatibility.status } : {}),
    };
  });
  const items = buildChecklist({ plan, targetOneDriveChecks: ingest.targetOneDriveChecks, now });
  const flat: Array<{ title: string; status: string; detail?: string }> = [];
  const visit = (item: ChecklistItem, depth: number) => {
    if (depth === 0 || item.status === 'problem')
      flat.push({ title: `${depth ? '  ' : ''}${item.title}`, status: item.status, ...(item.detail ? { detail: item.detail } : {}) });
    for (const c of item.children ?? []) visit(c, depth + 1);
  };
  for (const i of items) visit(i, 0);
  return { trusts, checklist: { ...checklistProgress(items), items: flat } };
}

function mapProblemsOf(text: string, plan: Plan): RehearsalReport['mapProblems'] {
  const problems = validateIdentityMap(parseIdentityMap(text), { plan }).filter((p) => p.severity === 'error' || p.severity === 'warning');
  return {
    count: problems.length,
    first: problems
      .slice(0, 20)
      .map((p) => ({ line: p.range?.line ?? 1, column: p.range?.column ?? 1, severity: p.severity, message: p.message })),
  };
}

function readRun(r: PowerShellRun, at: Omit<RehearsalRun, 'outcome' | 'exitCode' | 'ms' | 'output'>): RehearsalRun {
  const resume = [...r.output.matchAll(/Then run: \.\\RUNBOOK\.ps1 -FromStep (\d)/g)].pop()?.[1];
  const waiting = /Step \d is waiting: (\S+) says why above\./.exec(r.output);
  const failed = /Step (\d) failed in (\S+): (.*)/.exec(r.output) ?? /Step (\d): (\S+) ended with exit code \d+/.exec(r.output);
  let outcome: RunOutcome;
  if (r.timedOut) outcome = 'failed';
  else if (r.exitCode === 0) outcome = 'finished';
  else if (r.exitCode === 2) outcome = waiting ? 'waiting' : 'handoff';
  else outcome = 'failed';
  const lastWarning = [...r.output.matchAll(/^WARNING: (.*)$/gm)]
    .map((m) => m[1]!)
    .filter((w) => !/unapproved verbs/.test(w))
    .pop();
  const record: RehearsalRun = { ...at, outcome, exitCode: r.exitCode, ms: r.ms, output: r.output };
  if (resume) record.resume = Number(resume);
  if (waiting) record.script = waiting[1]!;
  if (failed) {
    record.script = failed[2]!;
    record.message = failed[3] ?? failed[0];
  } else if (outcome === 'failed') record.message = r.timedOut ? 'timed out' : lastLines(r.output);
  else if (waiting && lastWarning) record.message = lastWarning;
  return record;
}

function lastLines(text: string): string {
  return text.trim().split(/\r?\n/).slice(-3).join(' ').slice(0, 500);
}

function describeRun(r: RehearsalRun): string {
  switch (r.outcome) {
    case 'finished':
      return `finished (${r.ms} ms)`;
    case 'handoff':
      return `handoff, resume at step ${r.resume} (${r.ms} ms)`;
    case 'waiting':
      return `waiting at step ${r.resume} in ${r.script}${r.message ? `: ${r.message}` : ''} (${r.ms} ms)`;
    default:
      return `FAILED${r.script ? ` in ${r.script}` : ''}: ${r.message ?? ''}`;
  }
}

function moveSummary(plan: Plan): RehearsalReport['moves'] {
  const moves = Object.entries(plan.moves ?? {});
  const failures = moves
    .filter(([, m]) => m.state === 'Failed' || m.state === 'QueueFailed')
    .map(([user, m]) => ({ user, code: m.errorCode ?? 'unknown', error: m.error ?? '' }));
  return {
    total: moves.length,
    success: moves.filter(([, m]) => m.state === 'Success').length,
    failed: failures.length,
    pending: moves.filter(([, m]) => (PENDING_MOVE_STATES as readonly string[]).includes(m.state)).length,
    failures,
  };
}

function summarise(r: RehearsalReport): string {
  const head =
    r.outcome === 'completed'
      ? 'Rehearsal completed: both runbooks ran to the end.'
      : r.outcome === 'failed'
        ? 'Rehearsal stopped: a script failed.'
        : 'Rehearsal blocked: neither side could go on.';
  return `${head} ${r.moves.success} of ${r.moves.total} moves succeeded, ${r.moves.failed} failed; ${r.runs.length} PowerShell runs; simulated time ${r.simulatedStart} → ${r.simulatedEnd}; ${Math.round(r.ms / 100) / 10} s.`;
}
