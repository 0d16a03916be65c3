/**
 * Reading the identity-map CSV (domain.md §2): six columns, no header, users and groups in one
 * file. This is the reader the script generator needs (target UPNs for batches, principals for
 * pre-creation); the identity-map issue grows validation and the editor on top of it.
 */
import { parse } from 'csv-parse/sync';
import type { Problem } from '../json/problem';

export interface IdentityMapRow {
  /** 1-based line of the record in the file. */
  line: number;
  /** Column 1: `User` or `Group`. */
  kind: string;
  sourceTenantId: string;
  /** Column 3: source UPN (user) or source group object ID (group). */
  source: string;
  /** Column 4: target UPN (user) or target group object ID (group). */
  target: string;
  /** Column 5: target e-mail (user), group name or Microsoft 365 group alias (group). */
  nameOrEmail: string;
  /** Column 6: UserType / GroupType. */
  type: string;
}

export function readIdentityMapRows(text: string): { rows: IdentityMapRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    const line = err.lines ?? 1;
    problems.push({
      severity: 'error',
      code: 'map.csv',
      message: `CSV error: ${err.message}`,
      hint: 'Check quotes: a field that contains a comma must be wrapped in double quotes.',
      path: [],
      range: { line, column: 1, endLine: line, endColumn: 1, offset: 0, length: 0 },
    });
    return { rows: [], problems };
  }
  const rows: IdentityMapRow[] = [];
  for (const { record, info } of records) {
    if (record.length !== 6) {
      problems.push({
        severity: 'error',
        code: 'map.columns',
        message: `Expected 6 columns, found ${record.length}.`,
        hint: 'Each row is Type,SourceTenantId,Source,Target,E-mail or name,UserType/GroupType.',
        path: [],
        range: { line: info.lines, column: 1, endLine: info.lines, endColumn: 1, offset: 0, length: 0 },
      });
      continue;
    }
    const [kind, sourceTenantId, source, target, nameOrEmail, type] = record.map((c) => c.trim()) as [string, string, string, string, string, string];
    rows.push({ line: info.lines, kind, sourceTenantId, source, target, nameOrEmail, type });
  }
  return { rows, problems };
}

export function isUserRow(row: IdentityMapRow): boolean {
  return row.kind.toLowerCase() === 'user';
}

export function isGroupRow(row: IdentityMapRow): boolean {
  return row.kind.toLowerCase() === 'group';
}
