/** A problem found in a file: what, where (JSON path and, once located, line:column) and how to fix it. */
import { cutLongRuns } from '../text/cutLongRuns';

export type Severity = 'error' | 'warning' | 'info';
export type JsonPath = ReadonlyArray<string | number>;

export interface SourceRange {
  /** 1-based line and column, as editors and `file:line:col` print them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
}

export interface Problem {
  severity: Severity;
  /** Stable identifier, e.g. `plan.unknownGeography`; quick fixes key on it. */
  code: string;
  message: string;
  hint?: string;
  path: JsonPath;
  range?: SourceRange;
}

/** A problem; long values echoed in the message or hint are cut (see cutLongRuns). */
export function problem(severity: Severity, code: string, path: JsonPath, message: string, hint?: string): Problem {
  const text = cutLongRuns(message);
  return hint === undefined ? { severity, code, path, message: text } : { severity, code, path, message: text, hint: cutLongRuns(hint) };
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** `$.batches[2].users[10]` */
export function formatJsonPath(path: JsonPath): string {
  return (
    '$' +
    path
      .map((segment) =>
        typeof segment === 'number' ? `[${segment}]` : /^[A-Za-z_$][\w$]*$/.test(segment) ? `.${segment}` : `[${JSON.stringify(segment)}]`,
      )
      .join('')
  );
}

/** `file:line:col: severity: message (path) — hint`, the format compilers and the CLI print. */
export function formatProblem(file: string, p: Problem): string {
  const where = p.range ? `${file}:${p.range.line}:${p.range.column}` : `${file}:1:1`;
  const at = p.path.length ? ` [${formatJsonPath(p.path)}]` : '';
  const hint = p.hint ? `\n    hint: ${p.hint}` : '';
  return `${where}: ${p.severity}: ${p.message}${at}${hint}`;
}
