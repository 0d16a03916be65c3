/**
 * `onedrive-migration`: the command-line front door to the core (validate a plan, generate the
 * scripts, import results, explain an error code). Errors go to stderr as file:line:col: message;
 * the exit code is non-zero on errors. Every write is atomic.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { explainErrorCode, findErrorCode, similarErrorCodes, ERROR_CODES } from '../core/errors/mnaErrorCodes';
import { locateProblems, MAX_JSON_DEPTH, nestingProblems } from '../core/json/jsonLocations';
import { hasErrors, type Problem } from '../core/json/problem';
import { rewritePlanText } from '../core/plan/planText';
import { generateScripts, STEP_TITLES, type GenerationSelection } from '../core/powershell/generateScripts';
import { GENERATION_ACTIONS, type GenerationAction } from '../core/powershell/generatorTypes';
import type { Side } from '../core/plan/planSchema';
import { ingestResults } from '../core/results/ingestResults';
import { writeFileAtomic } from '../services/atomicFiles';
import { writeGeneratedFiles } from '../services/generatedFiles';
import { generatorInput, loadIdentityMap, loadPlan, loadResults, scriptsFolder, type LoadedPlan } from '../services/planWorkspace';
import { pathsLeavingPlanFolder } from '../services/pathConsent';
import {
  checkIsFile,
  MAX_SHOWN_VALUE,
  oneLine,
  problemText,
  relativeToCwd as rel,
  shown,
  terminalSafeIo,
  humanIo,
  usageError,
  type Io,
} from './cliSupport';
import { mapCommand } from './mapCommands';
import { loginCommand, logoutCommand } from './loginCommand';
import { reportCommand } from './reportCommand';
import { statusCommand } from './statusCommand';
import { COMMAND_HELP, helpTopic } from './commandHelp';
import { jsonText, problemRecord, relative } from './jsonOutput';
import packageJson from '../../package.json';

const CLI_VERSION: string = packageJson.version;
import { rehearsePlanFile } from '../rehearsal/rehearsePlanFile';
import { rehearsalConsoleLines } from '../rehearsal/rehearsalText';
import { readScenario } from '../rehearsal/scenarioFile';
import type { Scenario } from '../simulator/scenario';

export type { Io } from './cliSupport';

const USAGE = `Usage: onedrive-migration <command> [options]
       onedrive-migration <command> --help     the command's options and an example
       onedrive-migration --version

Commands:
  validate <plan>                          Check a plan file; problems as file:line:col.
  scripts <plan> [--step N]... [--side source|target] [--geography CODE]... [--batch NAME]... [--action NAME]... [--out DIR]
                                           Generate the PowerShell scripts (default folder: the plan's output.scripts).
  import <plan> <result file or folder>... Fold result files into the plan (conflicts are reported, never overwritten).
  explain <code or error text>             Explain an engine error code (MnA…).
  status <plan> [--json]                   Where the moves stand, per batch; exit 0 all done, 1 failures, 3 still to do.
  report <plan> --html <file> [--csv <file>]
                                           The management report (one self-contained HTML page) and every user's state.
  login source|target <plan> --client-id <id>
                                           Live mode: sign in to one tenant with a device code (the cache stays
                                           in ~/.config/onedrive-migration, readable only by you).
  logout source|target                     Live mode: delete that tenant's token cache.
  rehearse <plan> [--scenario <json>] [--out DIR]
                                           Run both sides' scripts in PowerShell 7 against simulated tenants built
                                           from the plan, in a copy (the plan is never touched); report what failed.
  map validate <csv> [--plan <plan>]       Check an identity map; problems as file:line:col.
  map match --source-users <csv> --target-users <csv> [--source-groups <csv> --target-groups <csv>]
            [--domain contoso.com=fabrikam.com]... (--plan <plan> | --source-tenant-id <guid>)
            --out <csv> [--report <csv>] [--accept-suggestions]
                                           Build identity-map rows from two directory exports.

Paths the plan names (scripts, results, identity map) are followed outside the plan's folder, or
through a link that leaves it, only with --allow-outside.

Exit codes: 0 ok, 1 errors, 2 conflicts while importing, 3 moves still to do (status), 64 bad usage.

Output: control characters from files and arguments (ESC, CR, LF inside a value, NUL, BEL,
U+0085, U+2028/U+2029, bidi overrides…) are printed as visible escapes: \\x1b, \\x0d, \\u2028.
Values longer than ${MAX_SHOWN_VALUE} characters are cut: "… (N characters)". JSON files may nest
arrays and objects at most ${MAX_JSON_DEPTH} levels deep.`;

/** Runs one command; every line goes out through `terminalSafeIo`, so no value from a file reaches the terminal raw. */
export async function runCli(argv: readonly string[], rawIo: Io): Promise<number> {
  // --json documents are already escaped to ASCII (jsonOutput.ts): they bypass the terminal filter.
  const io: Io = { ...terminalSafeIo(rawIo), json: (value) => rawIo.out(jsonText(value)) };
  const [command, ...rest] = argv;
  const topic = helpTopic(argv);
  if (topic) {
    io.out(COMMAND_HELP[topic]!);
    return 0;
  }
  try {
    switch (command) {
      case '--version':
      case '-v':
      case 'version':
        io.out(`onedrive-migration ${CLI_VERSION}`);
        return 0;
      case 'validate':
        return await validateCommand(rest, io);
      case 'scripts':
        return await scriptsCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'explain':
        return explainCommand(rest, io);
      case 'rehearse':
        return await rehearseCommand(rest, io);
      case 'map':
        return await mapCommand(rest, io);
      case 'status':
        return await statusCommand(rest, io, loadValidPlan);
      case 'report':
        return await reportCommand(rest, io, loadValidPlan);
      case 'login':
        return await loginCommand(rest, io, loadValidPlan);
      case 'logout':
        return await logoutCommand(rest, io);
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        io.out(USAGE);
        return command === undefined ? 64 : 0;
      default:
        io.err(`Unknown command '${shown(command)}'.\n\n${USAGE}`);
        return 64;
    }
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { what?: string };
    if (e.code === 'ENOENT') io.err(`${e.path ? rel(io, e.path) : ''}: error: file not found.`);
    else if (e.code === 'NOT_A_FILE') io.err(`${rel(io, e.path!)}: error: is a folder, not ${e.what}.`);
    else if (e.code === 'EISDIR')
      io.err(`${e.path ? `${rel(io, e.path)}: ` : ''}error: a folder was given where a file is read (${oneLine(e.message)}).`);
    else if (e.code === 'USAGE') io.err(`${oneLine(e.message)}\n\n${USAGE}`);
    else io.err(`error: ${oneLine(e.message)}`);
    return e.code === 'USAGE' ? 64 : 1;
  }
}

/** Problems found so far, for --json. */
type Found = Array<{ file: string; problem: Problem }>;

function printProblems(io: Io, file: string, problems: readonly Problem[], found?: Found): void {
  for (const p of problems) {
    io.err(problemText(io, file, p));
    found?.push({ file, problem: p });
  }
}

/** `--allow-outside`: follow the plan's paths (scripts, results, identity map) out of its folder. */
export const ALLOW_OUTSIDE = { 'allow-outside': { type: 'boolean' } } as const;

async function loadValidPlan(planArg: string | undefined, io: Io, allowOutside = false, found?: Found): Promise<LoadedPlan | undefined> {
  if (!planArg) throw usageError('Missing the plan file argument.');
  const file = path.resolve(io.cwd, planArg);
  await checkIsFile(file, 'a plan file');
  const loaded = await loadPlan(file, io.now);
  printProblems(io, loaded.file, loaded.problems, found);
  if (!loaded.plan || hasErrors(loaded.problems)) {
    const n = loaded.problems.filter((p) => p.severity === 'error').length;
    io.err(`${rel(io, loaded.file)}: ${n} error${n === 1 ? '' : 's'}; fix the plan first.`);
    return undefined;
  }
  // A plan may come from another organisation: its paths are followed out of its folder only when asked.
  const outside = await pathsLeavingPlanFolder(loaded.file, loaded.plan);
  if (outside.length && !allowOutside) {
    for (const o of outside)
      io.err(
        `${rel(io, loaded.file)}: error: ${o.label} leads outside the plan's folder, to ${o.resolved}. Give --allow-outside to use it.`,
      );
    return undefined;
  }
  return loaded;
}

async function validateCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, ...ALLOW_OUTSIDE } });
  const human = humanIo(io, values.json);
  const found: Found = [];
  const loaded = await loadValidPlan(positionals[0], human, values['allow-outside'], found);
  const map = loaded?.plan ? await loadIdentityMap(loaded.file, loaded.plan) : undefined;
  if (loaded && map) {
    printProblems(human, map.file, map.problems, found);
    const warnings = loaded.problems.length;
    human.out(`${rel(io, loaded.file)}: valid${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'} or notes)` : ''}.`);
    if (map.missing) human.out(`Identity map ${rel(io, map.file)} not found yet (needed for steps 4 and 6).`);
    else human.out(`Identity map ${rel(io, map.file)}: ${map.rows?.length ?? 0} rows.`);
  }
  const code = !loaded ? 1 : map && hasErrors(map.problems) ? 1 : 0;
  if (values.json)
    io.json!({
      command: 'validate',
      plan: relative(io, path.resolve(io.cwd, positionals[0]!)),
      valid: code === 0,
      identityMap: map ? { file: relative(io, map.file), rows: map.rows?.length ?? 0, found: !map.missing } : null,
      problems: found.map((f) => problemRecord(io, f.file, f.problem)),
    });
  return code;
}

async function scriptsCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      step: { type: 'string', multiple: true },
      side: { type: 'string' },
      geography: { type: 'string', multiple: true },
      batch: { type: 'string', multiple: true },
      action: { type: 'string', multiple: true },
      out: { type: 'string' },
      ...ALLOW_OUTSIDE,
    },
  });
  const steps = (values.step ?? [])
    .flatMap((s) => s.split(','))
    .map((s) => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 1 || n > 7) throw usageError(`--step must be a number from 1 to 7, not '${shown(s)}'.`);
      return n;
    });
  if (values.side !== undefined && values.side !== 'source' && values.side !== 'target')
    throw usageError(`--side must be source or target, not '${shown(values.side)}'.`);
  const side = values.side as Side | undefined;
  const actions = (values.action ?? []).flatMap((a) => a.split(','));
  for (const a of actions)
    if (!(GENERATION_ACTIONS as readonly string[]).includes(a))
      throw usageError(`--action must be one of ${GENERATION_ACTIONS.join(', ')}, not '${shown(a)}'.`);
  const loaded = await loadValidPlan(positionals[0], io, values['allow-outside']);
  if (!loaded?.plan) return 1;
  const plan = loaded.plan;
  const known = new Set((plan.batches ?? []).map((b) => b.name));
  for (const b of values.batch ?? [])
    if (!known.has(b))
      throw usageError(
        `--batch '${shown(b)}' is not a batch of the plan (${[...known].map((n) => `'${shown(n)}'`).join(', ') || 'none yet'}).`,
      );
  const selection: GenerationSelection = {
    steps,
    ...(side ? { side } : {}),
    ...(values.geography?.length
      ? {
          geographies: values.geography
            .flatMap((g) => g.split(','))
            .map((g) => (g.toUpperCase() === 'DEFAULT' ? 'default' : g.toUpperCase())),
        }
      : {}),
    ...(values.batch?.length ? { batches: values.batch } : {}),
    ...(actions.length ? { actions: actions as GenerationAction[] } : {}),
  };
  const map = await loadIdentityMap(loaded.file, plan);
  printProblems(io, map.file, map.problems);
  const outDir = scriptsFolder(loaded.file, plan, values.out ? path.resolve(io.cwd, values.out) : undefined);
  const result = generateScripts(generatorInput(loaded.file, plan, outDir, map.rows), selection);
  const written = await writeGeneratedFiles(outDir, result.files);

  io.out(`Wrote ${result.files.length} files to ${rel(io, outDir)}${path.sep}`);
  for (const note of written.notes) io.err(`warning: ${note}`);
  for (const s of ['source', 'target'] as const) {
    const mine = result.files.filter((f) => f.side === s && f.kind !== 'index');
    if (!mine.length) continue;
    io.out(`  ${s}/ (${s} admin): ${mine.length} files`);
    for (let step = 0; step <= 7; step++) {
      const inStep = mine.filter((f) => f.step === step);
      if (inStep.length)
        io.out(
          `    ${step ? `${step}. ${STEP_TITLES[step - 1]}` : 'Runbook'}: ${inStep.map((f) => f.path.slice(s.length + 1)).join(', ')}`,
        );
    }
  }
  if (map.missing && (!steps.length || steps.includes(4) || steps.includes(6)))
    io.err(`warning: identity map ${rel(io, map.file)} not found; steps 4 and 6 need it.`);
  for (const b of result.blocked)
    io.err(`warning: not generated: step ${b.step} ${b.side}${b.geography ? ` ${shown(b.geography)}` : ''}: ${oneLine(b.message)}`);
  for (const w of result.warnings) io.err(`warning: ${oneLine(w.message)}`);
  return 0;
}

async function importCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, ...ALLOW_OUTSIDE } });
  const [planArg, ...resultArgs] = positionals;
  if (!resultArgs.length) throw usageError('Give at least one result file or folder to import.');
  const human = humanIo(io, values.json);
  const found: Found = [];
  const report = (code: number, changes: ReadonlyArray<{ file: string; description: string }>, updated: boolean) => {
    if (values.json)
      io.json!({
        command: 'import',
        plan: relative(io, path.resolve(io.cwd, planArg!)),
        updated,
        changes: changes.map((c) => ({ file: relative(io, c.file), description: c.description })),
        problems: found.map((f) => problemRecord(io, f.file, f.problem)),
      });
    return code;
  };
  const loaded = await loadValidPlan(planArg, human, values['allow-outside'], found);
  if (!loaded?.plan) return report(1, [], false);
  const results = await loadResults(resultArgs.map((r) => path.resolve(io.cwd, r)));
  const outcome = ingestResults(loaded.plan, results, { now: io.now });
  const texts = new Map(results.map((r) => [r.file, r.text]));
  const byFile = new Map<string, Problem[]>();
  for (const fp of outcome.problems) byFile.set(fp.file, [...(byFile.get(fp.file) ?? []), fp.problem]);
  for (const [file, problems] of byFile) printProblems(human, file, locateProblems(texts.get(file) ?? '', problems), found);

  for (const c of outcome.changes) human.out(`${rel(io, c.file)}: ${oneLine(c.description)}`);
  const updated = JSON.stringify(outcome.plan) !== JSON.stringify(loaded.plan);
  if (updated) {
    await writeFileAtomic(loaded.file, rewritePlanText(loaded.text, loaded.plan, outcome.plan));
    human.out(
      `Updated ${rel(io, loaded.file)} (${outcome.changes.length} change${outcome.changes.length === 1 ? '' : 's'} from ${results.length} file${results.length === 1 ? '' : 's'}).`,
    );
  } else human.out(`${rel(io, loaded.file)} is up to date (${results.length} file${results.length === 1 ? '' : 's'} read).`);
  const all = outcome.problems.map((p) => p.problem);
  return report(hasErrors(all) ? 1 : all.some((p) => p.code === 'results.conflict') ? 2 : 0, outcome.changes, updated);
}

async function rehearseCommand(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { scenario: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean' }, ...ALLOW_OUTSIDE },
  });
  const loaded = await loadValidPlan(positionals[0], io, values['allow-outside']);
  if (!loaded?.plan) return 1;
  let scenario: Scenario = { start: io.now.toISOString() };
  if (values.scenario) {
    const file = path.resolve(io.cwd, values.scenario);
    await checkIsFile(file, 'a scenario file');
    const text = await fs.readFile(file, 'utf8');
    const deep = nestingProblems(text);
    if (deep.length) {
      printProblems(io, file, deep);
      return 1;
    }
    const read = readScenario(text, rel(io, file), { start: scenario.start });
    if (!read.scenario) {
      io.err(`error: ${oneLine(read.error ?? 'not a scenario file')}`);
      return 1;
    }
    scenario = read.scenario;
  }
  let workDir: string | undefined;
  if (values.out) {
    workDir = path.resolve(io.cwd, values.out);
    const existing = await fs.readdir(workDir).catch(() => []);
    if (existing.length)
      throw usageError(`--out ${rel(io, workDir)} is not empty: give a new or empty folder (the rehearsal never overwrites files).`);
  }
  io.out(`Rehearsing ${rel(io, loaded.file)} against simulated tenants (the plan and its results are not touched) ...`);
  const done = await rehearsePlanFile({
    planFile: loaded.file,
    plan: loaded.plan,
    scenario,
    now: io.now,
    ...(workDir ? { workDir } : {}),
    ...(values.quiet ? {} : { onProgress: (l: string) => io.out(`  ${oneLine(l)}`) }),
  });
  if ('error' in done) {
    io.err(`error: ${oneLine(done.error)}`);
    return 1;
  }
  for (const line of rehearsalConsoleLines(done.report)) io.out(oneLine(line));
  io.out(`Report: ${rel(io, done.reportFile)}`);
  return done.report.outcome === 'completed' && done.report.moves.failed === 0 ? 0 : 1;
}

function explainCommand(args: string[], io: Io): number {
  const text = args.join(' ').trim();
  if (!text) throw usageError('Give an error code, e.g. onedrive-migration explain MnAOdbUsersAreNotLicensed');
  const found = explainErrorCode(text) ?? (findErrorCode(text) ? explainErrorCode(findErrorCode(text)!) : undefined);
  if (!found) {
    const similar = similarErrorCodes(text);
    io.err(`error: unknown error code '${shown(text)}'.${similar.length ? ` Did you mean ${similar.join(', ')}?` : ''}`);
    io.err(`Known codes: ${ERROR_CODES.map((e) => e.code).join(', ')}`);
    return 1;
  }
  io.out(`${found.code}${found.confirmed ? '' : ' (community finding, not confirmed by Microsoft)'}`);
  io.out(`  What it means: ${found.meaning}`);
  io.out(`  What to do:    ${found.fix}`);
  if (found.step) io.out(`  Go back to:    step ${found.step} (${STEP_TITLES[found.step - 1]})`);
  return 0;
}
