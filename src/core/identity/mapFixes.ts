/**
 * The quick fix for an identity-map problem, as a text edit: the cell's new value (trim spaces, fix
 * the case of a type, use the plan's tenant ID…), removing the header row, or rewriting the file in
 * the canonical form, adding rows for the plan's batch users that have none. The Problems panel's quick fixes and the grid editor's Fix buttons use it.
 */
import { csvField } from '../text/csvField';
import { canonicalText, deleteRowEdit, insertRowsEdit, type ParsedIdentityMap, type TextEdit } from './identityMapFile';
import type { MapProblem } from './validateIdentityMap';

export interface MapFix {
  title: string;
  edit: TextEdit;
}

/** The fix's title, when the problem has a fix (cheap: no edit is computed). */
export function mapFixTitle(p: MapProblem, parsed: ParsedIdentityMap): string | undefined {
  if (p.fix && p.range) return p.fix.title;
  if (p.code === 'map.header' && parsed.headerIndex !== undefined) return 'Remove the header row';
  if (p.code === 'map.semicolon' || p.code === 'map.bom') return 'Rewrite in the canonical form (UTF-8, commas, no header)';
  if (p.addRows?.length) return `Add ${p.addRows.length === 1 ? 'a row' : `${p.addRows.length} rows`} with the target left blank`;
  return undefined;
}

export function mapFix(parsed: ParsedIdentityMap, text: string, p: MapProblem): MapFix | undefined {
  const title = mapFixTitle(p, parsed);
  if (!title) return undefined;
  if (p.fix && p.range)
    return { title, edit: { offset: p.range.offset, length: p.range.length, text: csvField(p.fix.value, parsed.delimiter) } };
  if (p.code === 'map.header') return { title, edit: deleteRowEdit(parsed, parsed.rows[parsed.headerIndex!]!, text) };
  if (p.addRows?.length) return { title, edit: insertRowsEdit(parsed, text, p.addRows) };
  return { title, edit: { offset: 0, length: text.length, text: canonicalText(parsed) } };
}
