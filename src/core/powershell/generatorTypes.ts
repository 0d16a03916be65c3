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
  /** Only this geography pair (trust actions on one tree node). */
  onlyPair?: { sourceGeography: string; targetGeography: string };
}

export type GeneratedFileKind = 'script' | 'data' | 'runbook' | 'index';

export interface GeneratedFile {
  /** Relative to the output folder, with forward slashes: source/02-request-trust-NAM.ps1 */
  path: string;
  content: string;
  kind: GeneratedFileKind;
  side: Side;
  step: number;
  title: string;
  geography?: string;
  /** Windows PowerShell 5.1 reads a BOM-less .ps1/.csv in the ANSI code page: non-ASCII names need the BOM. */
  bom: boolean;
}

/** A script that could not be generated yet, and what must happen first. */
export interface BlockedScript {
  side: Side;
  step: number;
  geography?: string;
  message: string;
}

export interface StepOutput {
  files: GeneratedFile[];
  blocked: BlockedScript[];
  /** Things the admin should know (e.g. compatibility Incompatible recorded in the plan). */
  warnings: string[];
}

export function mergeOutputs(outputs: readonly StepOutput[]): StepOutput {
  return {
    files: outputs.flatMap((o) => o.files),
    blocked: outputs.flatMap((o) => o.blocked),
    warnings: outputs.flatMap((o) => o.warnings),
  };
}
