/**
 * The identity map as typed rows: what the script generator, validation and matching read.
 * Built on identityMapFile (which keeps the exact text of every row).
 */
import type { Problem } from '../json/problem';
import { decodeIdentityMap, mappingRows, parseIdentityMap, type ParsedIdentityMap } from './identityMapFile';

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

/** Typed rows of a parsed map (6-column rows only; trimmed). */
export function typedRows(parsed: ParsedIdentityMap): IdentityMapRow[] {
  return mappingRows(parsed)
    .filter((r) => r.fields.length === 6)
    .map((r) => {
      const [kind, sourceTenantId, source, target, nameOrEmail, type] = r.fields.map((f) => f.trim()) as [
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      return { line: r.line, kind, sourceTenantId, source, target, nameOrEmail, type };
    });
}

export function readIdentityMapRows(text: string): { rows: IdentityMapRow[]; problems: Problem[] } {
  const parsed = parseIdentityMap(text);
  return { rows: typedRows(parsed), problems: parsed.problems };
}

/** From the file's bytes: UTF-8, or a legacy code page with a warning. */
export function readIdentityMapBytes(bytes: Uint8Array): { rows: IdentityMapRow[]; problems: Problem[] } {
  const decoded = decodeIdentityMap(bytes);
  const read = readIdentityMapRows(decoded.text);
  return { rows: read.rows, problems: [...decoded.problems, ...read.problems] };
}

export function isUserRow(row: IdentityMapRow): boolean {
  return row.kind.toLowerCase() === 'user';
}

export function isGroupRow(row: IdentityMapRow): boolean {
  return row.kind.toLowerCase() === 'group';
}
