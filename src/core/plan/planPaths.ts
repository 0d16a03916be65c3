/**
 * Paths a plan names (the scripts and results folders, the identity map) are relative to the plan's
 * folder. One that is absolute or climbs out of it (`../..`) points somewhere the user may not expect
 * a file from another organisation to send the tool: it is reported, and the tool only follows it
 * with the user's say-so. Pure: the caller checks symbolic links on disk (services/pathConsent).
 */
import type { JsonPath } from '../json/problem';
import { planFolders } from './planQueries';
import type { Plan } from './planSchema';

export interface PlanPath {
  /** Where the plan names it. */
  path: JsonPath;
  label: string;
  value: string;
}

/** The three paths of a plan, with where they are written in it. */
export function planPaths(plan: Plan): PlanPath[] {
  const f = planFolders(plan);
  return [
    { path: ['output', 'scripts'], label: 'the scripts folder (output.scripts)', value: f.scripts },
    { path: ['output', 'results'], label: 'the results folder (output.results)', value: f.results },
    { path: ['identityMap'], label: 'the identity map (identityMap)', value: f.identityMap },
  ];
}

/** Whether a relative path stays inside its base folder: not absolute, no drive or UNC prefix, never above the base. */
export function staysInside(relative: string): boolean {
  if (relative === '' || /^([a-zA-Z]:|[\\/]|~)/.test(relative)) return false;
  let depth = 0;
  for (const part of relative.split(/[\\/]+/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return false;
  }
  return true;
}

/** The plan's paths that leave its folder. */
export function pathsOutside(plan: Plan): PlanPath[] {
  return planPaths(plan).filter((p) => !staysInside(p.value));
}

/** A file name from a result file (e.g. an upload snapshot): one plain name, no folders. */
export function isPlainFileName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/:\u0000-\u001f]/.test(name) && name.length <= 255;
}
