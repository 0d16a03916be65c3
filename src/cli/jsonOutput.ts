/**
 * `--json`: what a command found, as one JSON document on stdout for pipelines (the human lines go
 * to stderr, exit codes are unchanged). The text is ASCII: every character a terminal could act on
 * (controls, line separators, bidi overrides, anything past U+007E) is a \u escape, so the document
 * is safe to print and still exact JSON.
 */
import type { Problem } from '../core/json/problem';
import { formatJsonPath } from '../core/json/problem';
import type { Io } from './cliSupport';
import * as path from 'node:path';

export interface ProblemRecord {
  file: string;
  severity: Problem['severity'];
  code: string;
  message: string;
  hint?: string;
  /** The JSON path or CSV cell, e.g. $.batches[0].users */
  path?: string;
  line?: number;
  column?: number;
}

export function problemRecord(io: Io, file: string, p: Problem): ProblemRecord {
  const record: ProblemRecord = { file: relative(io, file), severity: p.severity, code: p.code, message: p.message };
  if (p.hint !== undefined) record.hint = p.hint;
  if (p.path.length) record.path = formatJsonPath(p.path);
  if (p.range) {
    record.line = p.range.line;
    record.column = p.range.column;
  }
  return record;
}

export function relative(io: Io, file: string): string {
  const r = path.relative(io.cwd, file);
  return r.startsWith('..') ? file : r || file;
}

export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[^\x20-\x7e\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
