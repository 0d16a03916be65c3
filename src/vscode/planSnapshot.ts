/**
 * What the plan store publishes: the plan file as read, validated and with its results folded in.
 * No plan in the workspace is `undefined`; otherwise a snapshot is valid (a plan without errors) or
 * invalid (with its problems), so "is the plan valid" is asked in one way: `state === 'valid'`.
 */
import type * as vscode from 'vscode';
import type { Problem } from '../core/json/problem';
import type { Plan } from '../core/plan/planSchema';
import type { FileProblem, RedirectInventory, TargetOneDriveCheck } from '../core/results/ingestResults';
import type { OutsidePath } from '../services/pathConsent';

export type PlanState = 'none' | 'invalid' | 'valid';

interface SnapshotOfPlanFile {
  uri: vscode.Uri;
  text: string;
  problems: Problem[];
  folder: vscode.Uri;
  scriptsUri: vscode.Uri;
  resultsUri: vscode.Uri;
  identityMapUri: vscode.Uri;
  redirectInventories: RedirectInventory[];
  /** The newest "no target OneDrive yet" check per target geography (for the checklist). */
  targetOneDriveChecks: TargetOneDriveCheck[];
  /** Problems of result files (invalid files, conflicts, notes), with the file's text for locating. */
  resultProblems: Array<FileProblem & { text: string }>;
  /** The plan's paths that lead outside its folder (absolute, `..`, or through a link), with where they lead. */
  outsidePaths: OutsidePath[];
  /** Those not followed because the user has not allowed them (yet): nothing is read from or written to them. */
  blockedPaths: OutsidePath[];
}

export interface ValidPlanSnapshot extends SnapshotOfPlanFile {
  state: 'valid';
  plan: Plan;
}

export interface InvalidPlanSnapshot extends SnapshotOfPlanFile {
  state: 'invalid';
  /** Set when the plan is structurally valid and only its rules fail (quick fixes edit it). */
  plan?: Plan;
}

export type PlanSnapshot = ValidPlanSnapshot | InvalidPlanSnapshot;
