/**
 * `onedrive-migration map validate <csv> [--plan <plan>]` and
 * `onedrive-migration map match --source-users … --target-users … [--source-groups …] [--target-groups …]
 *    [--domain a=b]… (--plan <plan> | --source-tenant-id <guid>) --out <csv> [--report <csv>] [--accept-suggestions]`
 */
import { counted } from '../core/text/plural';
import { promises as fs } from 'node:fs';
import { problemRecord, relative } from './jsonOutput';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { readGroupsCsv, readUsersCsv } from '../core/identity/directory';
import { decodeIdentityMap, formatIdentityMap, parseIdentityMap } from '../core/identity/identityMapFile';
import { typedRows } from '../core/identity/identityMapRows';
import { matchGroups, matchUsers, summarize, type Proposal } from '../core/identity/matchIdentities';
import { describeUploadDiff, uploadDiff } from '../core/identity/uploadDiff';
import { validateIdentityMap } from '../core/identity/validateIdentityMap';
import { hasErrors, type Problem } from '../core/json/problem';
import type { Plan } from '../core/plan/planSchema';
import { csvLineForPeople } from '../core/text/csvField';
import { writeFileAtomic } from '../services/atomicFiles';
import { loadPlan, resultsFolder } from '../services/planWorkspace';
import { checkIsFile, humanIo, oneLine, problemText, relativeToCwd as rel, shown, usageError, type Io } from './cliSupport';
import { GUID } from '../core/text/guid';
import { isPlainFileName } from '../core/plan/planPaths';
import { pathsLeavingPlanFolder } from '../services/pathConsent';

async function planFor(io: Io, planArg: string | undefined): Promise<{ plan: Plan; file: string } | undefined> {
  if (!planArg) return undefined;
  const file = path.resolve(io.cwd, planArg);
  await checkIsFile(file, 'a plan file');
  const loaded = await loadPlan(file, io.now);
  if (!loaded.plan || hasErrors(loaded.problems))
    throw new Error(`${rel(io, loaded.file)} has errors: run "onedrive-migration validate" first.`);
  return { plan: loaded.plan, file: loaded.file };
}

export async function mapCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'validate') return mapValidate(rest, io);
  if (sub === 'match') return mapMatch(rest, io);
  throw usageError(`Unknown map command '${shown(sub ?? '')}': use "map validate" or "map match".`);
}

async function mapValidate(args: string[], io: Io): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { plan: { type: 'string' }, json: { type: 'boolean' } },
  });
  if (!positionals[0]) throw usageError('Missing the identity-map CSV argument.');
  const jsonIo = io;
  io = humanIo(io, values.json);
  const file = path.resolve(io.cwd, positionals[0]);
  await checkIsFile(file, 'an identity map (CSV file)');
  const decoded = decodeIdentityMap(await fs.readFile(file));
  const parsed = parseIdentityMap(decoded.text);
  const planInfo = await planFor(io, values.plan);
  const problems: Problem[] = [...decoded.problems, ...validateIdentityMap(parsed, planInfo ? { plan: planInfo.plan } : {})];
  for (const p of problems) io.err(problemText(io, file, p));
  const rows = typedRows(parsed);
  const users = rows.filter((r) => r.kind.toLowerCase() === 'user').length;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  io.out(
    `${rel(io, file)}: ${rows.length} rows (${users} users, ${rows.length - users} groups): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  );
  if (planInfo) {
    for (const [geo, upload] of Object.entries(planInfo.plan.identityMapUploads ?? {})) {
      if (!upload.snapshot) continue;
      if (!isPlainFileName(upload.snapshot)) {
        io.err(
          `warning: the upload snapshot of ${shown(geo)} (${shown(upload.snapshot)}) is not a plain file name in the results folder; not read.`,
        );
        continue;
      }
      const outside = await pathsLeavingPlanFolder(planInfo.file, planInfo.plan);
      if (outside.some((o) => o.label.includes('results'))) {
        io.err(`warning: the results folder leads outside the plan's folder; the upload snapshots are not read.`);
        break;
      }
      try {
        const last = typedRows(
          parseIdentityMap(
            decodeIdentityMap(await fs.readFile(path.join(resultsFolder(planInfo.file, planInfo.plan), upload.snapshot))).text,
          ),
        );
        const message = describeUploadDiff(uploadDiff(rows, last));
        if (message)
          io.err(
            `${rel(io, file)}:1:1: warning: ${oneLine(message)} (compared with the upload to ${shown(geo)} on ${shown(upload.uploadedAt)})`,
          );
      } catch {
        io.err(`warning: the map uploaded to ${shown(geo)} (${shown(upload.snapshot)}) is not in the results folder; cannot compare.`);
      }
    }
  }
  if (values.json)
    jsonIo.json!({
      command: 'map validate',
      file: relative(io, file),
      rows: rows.length,
      users,
      groups: rows.length - users,
      errors,
      warnings,
      problems: problems.map((p) => problemRecord(io, file, p)),
    });
  return errors ? 1 : 0;
}

function parseDomains(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const m = /^\s*([^=\s]+)\s*=\s*([^=\s]+)\s*$/.exec(v);
    if (!m) throw usageError(`--domain takes source=target, e.g. contoso.com=fabrikam.com, not '${shown(v)}'.`);
    out[m[1]!.toLowerCase()] = m[2]!.toLowerCase();
  }
  return out;
}

async function mapMatch(args: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'source-users': { type: 'string' },
      'target-users': { type: 'string' },
      'source-groups': { type: 'string' },
      'target-groups': { type: 'string' },
      domain: { type: 'string', multiple: true },
      plan: { type: 'string' },
      'source-tenant-id': { type: 'string' },
      out: { type: 'string' },
      report: { type: 'string' },
      'accept-suggestions': { type: 'boolean' },
    },
  });
  if (!values['source-users'] || !values['target-users'])
    throw usageError('Give --source-users and --target-users (CSV exports of both directories).');
  if (!values.out) throw usageError('Give --out <csv> for the identity map to write.');
  if (!!values['source-groups'] !== !!values['target-groups'])
    throw usageError('Give both --source-groups and --target-groups, or neither.');
  const planInfo = await planFor(io, values.plan);
  const tenantId = values['source-tenant-id'] ?? planInfo?.plan.source.tenantId;
  if (!tenantId || !GUID.test(tenantId))
    throw usageError('The source tenant ID is needed for column 2: give --source-tenant-id <guid>, or --plan with source.tenantId set.');
  const read = async (f: string) => {
    await checkIsFile(path.resolve(io.cwd, f), 'a CSV file');
    return fs.readFile(path.resolve(io.cwd, f), 'utf8');
  };
  const su = readUsersCsv(await read(values['source-users']), values['source-users']);
  const tu = readUsersCsv(await read(values['target-users']), values['target-users']);
  const sg = values['source-groups']
    ? readGroupsCsv(await read(values['source-groups']), values['source-groups'])
    : { groups: [], problems: [] };
  const tg = values['target-groups']
    ? readGroupsCsv(await read(values['target-groups']), values['target-groups'])
    : { groups: [], problems: [] };
  const problems = [...su.problems, ...tu.problems, ...sg.problems, ...tg.problems];
  for (const p of problems) io.err(`${p.severity}: ${oneLine(p.message)}${p.hint ? ` (${oneLine(p.hint)})` : ''}`);
  if (hasErrors(problems)) return 1;

  const started = performance.now();
  const proposals: Proposal[] = [
    ...matchUsers(su.users, tu.users, { sourceTenantId: tenantId, domainMap: parseDomains(values.domain ?? []) }),
    ...matchGroups(sg.groups, tg.groups, { sourceTenantId: tenantId }),
  ];
  const took = performance.now() - started;
  const accepted = proposals.filter((p) => p.status === 'matched' || (values['accept-suggestions'] && p.status === 'suggested'));
  const outFile = path.resolve(io.cwd, values.out);
  const mapText = formatIdentityMap(accepted.map((p) => p.row!));
  await writeFileAtomic(outFile, mapText);
  // The exports are another system's data: say so when a written row would not pass map validate.
  const rowProblems = validateIdentityMap(parseIdentityMap(mapText), planInfo ? { plan: planInfo.plan } : {}).filter(
    (p) => p.severity === 'error' && p.code !== 'map.missingBatchUser',
  );
  for (const p of rowProblems.slice(0, 10))
    io.err(`${rel(io, outFile)}:${p.range?.line ?? 1}:${p.range?.column ?? 1}: error: ${oneLine(p.message)}`);
  if (rowProblems.length)
    io.err(
      `warning: ${counted(rowProblems.length, 'problem')} in the rows written (from the exports): fix them before the upload (onedrive-migration map validate ${rel(io, outFile)}).`,
    );
  if (values.report) {
    const name = (p: Proposal) => (p.kind === 'User' ? p.source.userPrincipalName : `${p.source.displayName ?? ''} (${p.source.id})`);
    const targetName = (t: unknown, kind: Proposal['kind']) =>
      kind === 'User' ? (t as { userPrincipalName: string }).userPrincipalName : (t as { id: string }).id;
    const lines = [csvLineForPeople(['Kind', 'Source', 'Status', 'Rule', 'Target', 'Candidates'])];
    for (const p of proposals)
      lines.push(
        csvLineForPeople([
          p.kind,
          name(p),
          p.status,
          p.rule ?? '',
          p.target ? targetName(p.target, p.kind) : '',
          (p.candidates ?? []).map((c) => targetName(c, p.kind)).join('; '),
        ]),
      );
    await writeFileAtomic(path.resolve(io.cwd, values.report), lines.join('\r\n') + '\r\n');
  }
  const report = summarize(proposals);
  const rules = Object.entries(report.byRule)
    .map(([r, n]) => `${shown(r)} ${n}`)
    .join(', ');
  io.out(
    `Matched ${report.byStatus.matched}${rules ? ` (${rules})` : ''}, suggested ${report.byStatus.suggested} (display name only${values['accept-suggestions'] ? ', accepted' : ', not written: check them, or use --accept-suggestions'}), ambiguous ${report.byStatus.ambiguous}, conflicts ${report.byStatus.conflict}, unmatched ${report.byStatus.unmatched} — of ${report.total} in ${took.toFixed(0)} ms.`,
  );
  for (const p of proposals.filter((x) => x.status === 'ambiguous' || x.status === 'conflict').slice(0, 10)) {
    const source = p.kind === 'User' ? p.source.userPrincipalName : p.source.id;
    const candidates = (p.candidates ?? []).map((c) => ('userPrincipalName' in c ? c.userPrincipalName : c.id)).join(', ');
    io.out(`  ${p.status}: ${shown(source)} → ${oneLine(candidates)}${p.rule ? ` (by ${shown(p.rule)})` : ''}`);
  }
  io.out(
    `Wrote ${accepted.length} row${accepted.length === 1 ? '' : 's'} to ${rel(io, outFile)}${values.report ? ` and the full report to ${rel(io, path.resolve(io.cwd, values.report))}` : ''}.`,
  );
  return 0;
}
