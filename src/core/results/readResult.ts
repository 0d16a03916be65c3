/** Reads one result file: JSON (BOM tolerated) → envelope → the data shape of its kind. */
import { locateProblems, parseJson } from '../json/jsonLocations';
import { hasErrors, problem, type Problem } from '../json/problem';
import { validateAgainstSchema } from '../json/schemaValidator';
import { RESULT_DATA_SCHEMAS, RESULT_SCHEMA_ID, ResultEnvelopeSchema, type MigrationResult, type ResultKind } from './resultSchema';

export interface LoadedResult {
  file: string;
  text: string;
  result?: MigrationResult;
  problems: Problem[];
}

export function readResult(file: string, text: string): LoadedResult {
  const parsed = parseJson(text);
  if (parsed.problems.length) return { file, text: parsed.text, problems: parsed.problems };
  const value = unwrapPowerShellArrays(parsed.value);
  if (typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema !== RESULT_SCHEMA_ID) {
    const p = problem('error', 'results.notAResult', [], `This is not a migration result file (no "schema": "${RESULT_SCHEMA_ID}").`, 'Result files are written by the generated scripts into the results folder.');
    return { file, text: parsed.text, problems: locateProblems(parsed.text, [p]) };
  }
  const envelope = validateAgainstSchema(ResultEnvelopeSchema, value);
  if (hasErrors(envelope)) return { file, text: parsed.text, problems: locateProblems(parsed.text, envelope) };
  const kind = (value as { kind: ResultKind }).kind;
  const data = validateAgainstSchema(RESULT_DATA_SCHEMAS[kind], (value as { data: unknown }).data, ['data']);
  if (hasErrors(data)) return { file, text: parsed.text, problems: locateProblems(parsed.text, data) };
  return { file, text: parsed.text, result: value as MigrationResult, problems: [] };
}

/**
 * Windows PowerShell 5.1 sometimes serialises an array as {"value": [...], "Count": n} (its
 * extended type data leaks into ConvertTo-Json). Undo that anywhere in the document.
 */
export function unwrapPowerShellArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unwrapPowerShellArrays);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 2 && Array.isArray(obj.value) && typeof obj.Count === 'number') return unwrapPowerShellArrays(obj.value);
    for (const k of keys) obj[k] = unwrapPowerShellArrays(obj[k]);
  }
  return value;
}
