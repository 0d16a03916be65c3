/**
 * Generates every script of the migration, laid out as <out>/source/… and <out>/target/…, file
 * names starting with the two-digit step, plus a runbook per side and an index. Pure: returns
 * files in memory; the caller writes them (atomically).
 */
import type { Side } from '../plan/planSchema';
import type { GenerationAction, GenerationScope, GeneratorInput, StepOutput } from './generatorTypes';
import { mergeOutputs } from './generatorTypes';
import { outputIndexFile } from './outputIndex';
import { runbookFile } from './runbook';
import { buildStep1 } from './steps/step1Connect';
import { buildStep2 } from './steps/step2RequestTrust';
import { buildStep3 } from './steps/step3VerifyTrust';
import { buildStep4 } from './steps/step4Precreate';
import { buildStep5 } from './steps/step5IdentityMap';
import { buildStep6 } from './steps/step6Moves';
import { buildStep7 } from './steps/step7Cleanup';

export const STEP_BUILDERS: ReadonlyArray<(input: GeneratorInput) => StepOutput> = [
  buildStep1,
  buildStep2,
  buildStep3,
  buildStep4,
  buildStep5,
  buildStep6,
  buildStep7,
];

export { STEP_TITLES } from './stepTitles';

/**
 * Which part of the migration to generate. Every criterion narrows; files, blocked scripts and
 * warnings that do not name a geography or batch (tenant-wide ones) pass those criteria. Runbooks
 * and the index come only with a complete generation (every step, no other criterion but `side`).
 */
export interface GenerationSelection {
  /** Only these steps (1–7). */
  steps?: readonly number[];
  side?: Side;
  /** Only these geographies (of either side, or of `side`). */
  geographies?: readonly string[];
  /** Only these places (a side and one of its geographies), e.g. the redirect sites chosen in the tree. */
  places?: ReadonlyArray<{ side: Side; geography: string }>;
  actions?: readonly GenerationAction[];
  /** Batch names (step 6's queue scripts and their data). */
  batches?: readonly string[];
  /** Only this trust pair (its verification or removal, on both sides). */
  pair?: { sourceGeography: string; targetGeography: string };
}

export function isInSelection(item: Partial<GenerationScope>, selection: GenerationSelection): boolean {
  const { side, geography, action, batch } = item;
  if (selection.steps?.length && item.step !== undefined && item.step !== 0 && !selection.steps.includes(item.step)) return false;
  if (selection.side && side && side !== selection.side) return false;
  if (selection.geographies && geography !== undefined && !selection.geographies.includes(geography)) return false;
  if (selection.places) {
    const here = selection.places.filter((p) => !side || p.side === side);
    if (!here.length || (geography !== undefined && !here.some((p) => p.geography === geography))) return false;
  }
  if (selection.actions && action && !selection.actions.includes(action)) return false;
  if (selection.batches && batch !== undefined && !selection.batches.includes(batch)) return false;
  return true;
}

export function generateScripts(input: GeneratorInput, selection: GenerationSelection = {}): StepOutput {
  const steps = selection.steps?.length ? [...new Set(selection.steps)].sort() : [1, 2, 3, 4, 5, 6, 7];
  const scoped: GeneratorInput = selection.pair ? { ...input, onlyPair: selection.pair } : input;
  const merged = mergeOutputs(steps.map((s) => STEP_BUILDERS[s - 1]!(scoped)));
  const keep = (x: Partial<GenerationScope>) => isInSelection(x, selection);
  const files = merged.files.filter(keep);
  const blocked = merged.blocked.filter(keep);
  const warnings = merged.warnings.filter(keep);
  const complete = steps.length === 7 && !selection.geographies && !selection.places && !selection.actions && !selection.batches;
  if (complete && !scoped.onlyPair) {
    const sides: Side[] = selection.side ? [selection.side] : ['source', 'target'];
    for (const side of sides) files.push(runbookFile(side, files, blocked, input.provenance));
    files.push(outputIndexFile(files, blocked, input.provenance));
  }
  return { files, blocked, warnings };
}

/** Live mode's app registration script: generated on request, with the generators (the same bundle). */
export { appRegistrationScript } from './appRegistration';
