/** What the script generator takes and gives. */
import type { IdentityMapRow } from '../identity/identityMapRows';
import type { Plan, Side } from '../plan/planSchema';

export interface GeneratorInput {
  plan: Plan;
  /** Rows of the identity map, when the file could be read (steps 4 and 6 need it). */
  identityMap?: readonly IdentityMapRow[];
  paths: {
    /** From <out>/<side>/ to the results folder, with forward slashes, e.g. ../../results */
    resultsFromScripts: string;
    /** From <out>/<side>/ to the identity-map CSV, e.g. ../../identity-map.csv */
    identityMapFromScripts: string;
  };
  /** A line naming the plan the scripts came from. */
  provenance: string;
  /** Only this geography pair: set by generateScripts from the selection's `pair`. */
  onlyPair?: { sourceGeography: string; targetGeography: string };
}

export type GeneratedFileKind = 'script' | 'data' | 'runbook' | 'index';

/** What a generated file is for: commands select by it, never by file name. */
export const GENERATION_ACTIONS = [
  'connect',
  'requestTrust',
  'verifyTrust',
  'precreateUsersAndGroups',
  'checkNoTargetOneDrive',
  'uploadIdentityMap',
  'checkCompatibility',
  'queueBatch',
  'exportMoveStates',
  'stopMoves',
  'removeTrust',
  'listRedirectSites',
  'removeRedirectSites',
  'checkMigrateBack',
  'runbook',
  'index',
  /** Live mode's setup (generated on request, not with the steps). */
  'createLiveAppRegistration',
] as const;
export type GenerationAction = (typeof GENERATION_ACTIONS)[number];

/** Where a file, a blocked script or a warning belongs: step, action, side, geography, batch. */
export interface GenerationScope {
  step: number;
  action: GenerationAction;
  side: Side;
  /** Absent for what spans the tenant (step 4's Graph script, runbooks, the index). */
  geography?: string;
  /** The batch's name, for step 6's queue scripts and their data. */
  batch?: string;
}

export interface GeneratedFile extends GenerationScope {
  /** Relative to the output folder, with forward slashes: source/02-request-trust-NAM.ps1 */
  path: string;
  content: string;
  kind: GeneratedFileKind;
  title: string;
  /** Windows PowerShell 5.1 reads a BOM-less .ps1/.csv in the ANSI code page: non-ASCII names need the BOM. */
  bom: boolean;
}

/** A script that could not be generated yet, and what must happen first. */
export interface BlockedScript extends GenerationScope {
  message: string;
}

/** Something the admin should know (e.g. compatibility Incompatible recorded in the plan). */
export interface GenerationWarning extends Partial<GenerationScope> {
  step: number;
  message: string;
}

export interface StepOutput {
  files: GeneratedFile[];
  blocked: BlockedScript[];
  warnings: GenerationWarning[];
}

export function mergeOutputs(outputs: readonly StepOutput[]): StepOutput {
  return {
    files: outputs.flatMap((o) => o.files),
    blocked: outputs.flatMap((o) => o.blocked),
    warnings: outputs.flatMap((o) => o.warnings),
  };
}
