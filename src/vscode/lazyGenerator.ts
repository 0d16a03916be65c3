/**
 * The script generators are most of the code (about 80 KB minified) and only needed when scripts are
 * generated: they are their own bundle (dist/generator.js, next to dist/extension.js), loaded on the
 * first generation, so activation does not parse them.
 */
import * as path from 'node:path';
import type { GenerationSelection } from '../core/powershell/generateScripts';
import type { GeneratedFile, GeneratorInput, StepOutput } from '../core/powershell/generatorTypes';

type GeneratorModule = typeof import('../core/powershell/generateScripts');
let loaded: GeneratorModule | undefined;

function generator(): GeneratorModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require(path.join(__dirname, 'generator.js')) as GeneratorModule;
  return loaded;
}

export function generateScripts(input: GeneratorInput, options?: GenerationSelection): StepOutput {
  return generator().generateScripts(input, options);
}

export function appRegistrationScript(...args: Parameters<GeneratorModule['appRegistrationScript']>): GeneratedFile {
  return generator().appRegistrationScript(...args);
}
