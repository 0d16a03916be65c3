/** Reads one result file: JSON (BOM tolerated) → envelope → the data shape of its kind. */
import { duplicateKey, locateProblems, parseJson, tooDeepOffset } from '../json/jsonLocations';
import { hasErrors, problem, type Problem } from '../json/problem';
import { validateAgainstSchema } from '../json/schemaValidator';
import { RESULT_DATA_SCHEMAS, RESULT_SCHEMA_ID, ResultEnvelopeSchema, type MigrationResult, type ResultKind } from './resultSchema';

export interface LoadedResult {
  file: string;
  text: string;
  result?: MigrationResult;
  problems: Problem[];
}

export const JOURNAL_EXTENSION = '.journal';

/** Result files and the journals of runs that did not finish. */
export function isResultFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.json') || lower.endsWith(JOURNAL_EXTENSION);
}

export function readResult(file: string, text: string): LoadedResult {
  const parsed = parseJson(file.toLowerCase().endsWith(JOURNAL_EXTENSION) ? journalAsResult(text) : text);
  if (parsed.problems.length) return { file, text: parsed.text, problems: parsed.problems };
  const value = unwrapPowerShellArrays(parsed.value);
  if (typeof value === 'object' && value !== null && (value as { schema?: unknown }).schema !== RESULT_SCHEMA_ID) {
    const p = problem(
      'error',
      'results.notAResult',
      [],
      `This is not a migration result file (no "schema": "${RESULT_SCHEMA_ID}").`,
      'Result files are written by the generated scripts into the results folder.',
    );
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
 * A journal (a run that was interrupted): its first line is the result as it started, each
 * further line one entry. The last line may be cut off by the interruption: it is dropped.
 * Returns the text of the equivalent result, marked `interrupted`.
 */
export function journalAsResult(text: string): string {
  // Nesting too deep for the recursive steps below: left as it is, parseJson reports it at its line.
  if (tooDeepOffset(text) >= 0) return text;
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (!lines.length) return text;
  // A line with a key twice is returned alone: the JSON reader then reports that key at its column.
  const duplicated = lines.find((l) => duplicateKey(l) !== undefined);
  if (duplicated) return duplicated;
  let head: { data?: Record<string, unknown> };
  try {
    head = JSON.parse(lines[0]!) as typeof head;
  } catch {
    return text; // not a journal: let the JSON reader report it
  }
  const entries: unknown[] = [];
  for (const [i, line] of lines.slice(1).entries()) {
    try {
      entries.push(JSON.parse(line));
    } catch {
      if (i === lines.length - 2) break; // the line being written when the run stopped
      return text;
    }
  }
  if (head && typeof head === 'object' && head.data && typeof head.data === 'object')
    head.data = { ...head.data, entries, interrupted: true };
  return JSON.stringify(head, null, 2);
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
