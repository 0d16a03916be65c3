/**
 * Rehearsing a plan file: loads the plan and its identity map, finds PowerShell, runs the
 * rehearsal in a fresh folder and writes its report there. Shared by the CLI and VS Code.
 */
import { promises as fs } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readIdentityMapRows } from '../core/identity/identityMapRows';
import type { Plan } from '../core/plan/planSchema';
import { planFolders } from '../core/plan/planQueries';
import { writeFileAtomic } from '../services/atomicFiles';
import type { Scenario } from '../simulator/scenario';
import { findPwsh } from './powershellProcess';

export { findPwsh };
import { rehearsalMarkdown } from './rehearsalText';
import { rehearse, type RehearsalReport } from './rehearse';

export const PWSH_MISSING =
  "A rehearsal runs the generated scripts in PowerShell 7 (pwsh), which was not found. Install PowerShell 7 (for example `dotnet tool install --global PowerShell`, or your platform's package), put pwsh on PATH, or set ODM_PWSH to its path.";

export interface PlanRehearsal {
  report: RehearsalReport;
  reportFile: string;
}

export async function rehearsePlanFile(options: {
  planFile: string;
  plan: Plan;
  scenario: Scenario;
  now: Date;
  /** Where the rehearsed workspace goes (a new temporary folder when omitted). */
  workDir?: string;
  pwsh?: string;
  onProgress?: (line: string) => void;
}): Promise<PlanRehearsal | { error: string }> {
  const pwsh = options.pwsh ?? findPwsh();
  if (!pwsh) return { error: PWSH_MISSING };
  const mapFile = path.resolve(path.dirname(options.planFile), planFolders(options.plan).identityMap);
  let mapText: string;
  try {
    mapText = await fs.readFile(mapFile, 'utf8');
  } catch (e) {
    return { error: `${mapFile}: the identity map could not be read (${(e as Error).message}); the rehearsal needs it.` };
  }
  const workDir = options.workDir ?? (await mkdtemp(path.join(tmpdir(), 'onedrive-rehearsal-')));
  const report = await rehearse({
    plan: options.plan,
    planName: path.basename(options.planFile),
    identityMapText: mapText,
    identityMap: readIdentityMapRows(mapText).rows,
    workDir,
    pwsh,
    scenario: options.scenario,
    now: options.now,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const reportFile = path.join(workDir, 'REHEARSAL.md');
  await writeFileAtomic(reportFile, rehearsalMarkdown(report));
  return { report, reportFile };
}
