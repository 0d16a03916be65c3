/**
 * Which of a plan's paths lead outside the plan's folder, on disk: written that way (absolute, `..`)
 * or through a symbolic link. The CLI refuses them without --allow-outside; VS Code asks.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { JsonPath } from '../core/json/problem';
import { planPaths, staysInside } from '../core/plan/planPaths';
import type { Plan } from '../core/plan/planSchema';

export interface OutsidePath {
  label: string;
  /** Where the plan names it (output.scripts, output.results, identityMap). */
  path: JsonPath;
  /** Where it really leads. */
  resolved: string;
}

export async function pathsLeavingPlanFolder(planFile: string, plan: Plan): Promise<OutsidePath[]> {
  const base = await realOrSelf(path.dirname(path.resolve(planFile)));
  const out: OutsidePath[] = [];
  for (const p of planPaths(plan)) {
    const target = path.resolve(path.dirname(path.resolve(planFile)), p.value);
    const real = await realOrSelf(target);
    const relative = path.relative(base, real);
    if (!staysInside(p.value) || relative.startsWith('..') || path.isAbsolute(relative))
      out.push({ label: p.label, path: p.path, resolved: real });
  }
  return out;
}

/** The real path of a file or folder, or of its nearest existing ancestor (plus the rest) when it does not exist yet. */
async function realOrSelf(target: string): Promise<string> {
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await fs.realpath(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return target;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}
