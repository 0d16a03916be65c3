/**
 * Generates every script of the migration, laid out as <out>/source/… and <out>/target/…, file
 * names starting with the two-digit step, plus a runbook per side and an index. Pure: returns
 * files in memory; the caller writes them (atomically).
 */
import type { Side } from '../plan/planSchema';
import type { GeneratorInput, StepOutput } from './generatorTypes';
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

export interface GenerateOptions {
  /** Only these steps (1–7). Runbooks and the index are written only for a complete generation. */
  steps?: readonly number[];
  side?: Side;
  /** With `side`: only the scripts of this geography (and that side's tenant-wide ones). */
  geography?: string;
}

export function generateScripts(input: GeneratorInput, options: GenerateOptions = {}): StepOutput {
  const steps = options.steps?.length ? [...new Set(options.steps)].sort() : [1, 2, 3, 4, 5, 6, 7];
  const merged = mergeOutputs(steps.map((s) => STEP_BUILDERS[s - 1]!(input)));
  const keep = <T extends { side: Side; geography?: string }>(x: T) =>
    (!options.side || x.side === options.side) && (!options.geography || x.geography === undefined || x.geography === options.geography);
  const files = merged.files.filter(keep);
  const blocked = merged.blocked.filter(keep);
  if (steps.length === 7 && !options.geography && !input.onlyPair) {
    const sides: Side[] = options.side ? [options.side] : ['source', 'target'];
    for (const side of sides) files.push(runbookFile(side, files, blocked, input.provenance));
    files.push(outputIndexFile(files, blocked, input.provenance));
  }
  return { files, blocked, warnings: merged.warnings };
}
