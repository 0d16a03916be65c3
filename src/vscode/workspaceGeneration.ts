/**
 * Generation for the workspace: the plan store's valid snapshot, its identity map read through VS
 * Code's file system, and the core generator (loaded on first use) with a typed selection. Commands
 * choose what to generate by step, action, side, geography, batch or trust pair, never by file name.
 */
import * as vscode from 'vscode';
import { readIdentityMapBytes } from '../core/identity/identityMapRows';
import type { GenerationSelection } from '../core/powershell/generateScripts';
import type { StepOutput } from '../core/powershell/generatorTypes';
import { generatorInput } from '../services/planWorkspace';
import { generateScripts } from './lazyGenerator';
import { requireAllowedPaths } from './pathConsent';
import type { PlanSnapshot } from './planSnapshot';

/** Generates the selected scripts for the plan (the identity map read when it exists). */
export async function generateForSnapshot(snapshot: PlanSnapshot, selection: GenerationSelection = {}): Promise<StepOutput> {
  if (snapshot.state !== 'valid') throw new Error(vscode.l10n.t('The plan has errors: fix them first (see the Problems panel).'));
  // The map is read from its path and the scripts name the scripts and results folders: all three must be allowed.
  requireAllowedPaths(snapshot);
  let rows;
  try {
    rows = readIdentityMapBytes(await vscode.workspace.fs.readFile(snapshot.identityMapUri)).rows;
  } catch {
    rows = undefined; // steps 4 and 6 report it as blocked
  }
  return generateScripts(generatorInput(snapshot.uri.fsPath, snapshot.plan, snapshot.scriptsUri.fsPath, rows), selection);
}
