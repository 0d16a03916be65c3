/**
 * The rules behind "Allow for This Workspace" (issue 9), kept free of the vscode module so they are
 * unit-tested: which part of the plan an outside path is, what workspace state remembers when the
 * user allows a plan's paths out of its folder, and whether that covers the paths the plan names
 * now. An allowance is per plan file and per exact place (the part of the plan and where it really
 * leads): another path, or the same path leading elsewhere through a new link, asks again.
 */
import type { OutsidePath } from '../services/pathConsent';

/** The three paths a plan names (planPaths in core/plan/planPaths). */
export type PathRole = 'scripts' | 'results' | 'identityMap';

/** One allowed place, as remembered in workspace state. */
export interface AllowedPath {
  /** Where the plan names it: output.scripts, output.results or identityMap. */
  at: string;
  /** Where it leads (the real path, links followed). */
  resolved: string;
}

/** The workspace-state key of a plan's allowance. */
export function allowanceKey(planUri: string): string {
  return `outsidePaths:${planUri}`;
}

export function roleOf(p: OutsidePath): PathRole {
  const last = p.path[p.path.length - 1];
  return last === 'scripts' || last === 'results' ? last : 'identityMap';
}

/** What an allowance of exactly these paths records: one entry per place, sorted, no duplicates. */
export function allowanceRecord(outside: readonly OutsidePath[]): AllowedPath[] {
  const seen = new Map<string, AllowedPath>();
  for (const p of outside) {
    const entry = { at: p.path.join('.'), resolved: p.resolved };
    seen.set(JSON.stringify(entry), entry);
  }
  return [...seen.values()].sort((a, b) => a.at.localeCompare(b.at) || a.resolved.localeCompare(b.resolved));
}

/** Whether a remembered allowance (anything read back from workspace state) covers every one of these paths. */
export function isAllowed(stored: unknown, outside: readonly OutsidePath[]): boolean {
  if (!outside.length) return true;
  if (!Array.isArray(stored)) return false;
  const allowed = new Set(
    (stored as unknown[])
      .filter(
        (e): e is AllowedPath =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as AllowedPath).at === 'string' &&
          typeof (e as AllowedPath).resolved === 'string',
      )
      .map((e) => JSON.stringify({ at: e.at, resolved: e.resolved })),
  );
  return allowanceRecord(outside).every((e) => allowed.has(JSON.stringify(e)));
}

/** Identifies one question (a plan and its set of outside paths): the warning is shown once per question. */
export function questionId(planUri: string, outside: readonly OutsidePath[]): string {
  return JSON.stringify([planUri, allowanceRecord(outside)]);
}

/** "the results folder (output.results) → /srv/elsewhere; …", for messages and the log. Values are cut, control characters shown escaped. */
export function describeOutside(outside: readonly OutsidePath[]): string {
  return outside.map((p) => `${p.label} → ${visible(p.resolved)}`).join('; ');
}

function visible(text: string): string {
  const shown = text.replace(
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}
