/**
 * The identity-map CSV exactly as Microsoft expects it (domain.md §2): six columns, no header,
 * users and groups in one file. Reading accepts what Excel produces (UTF-8 BOM, CRLF, quoted
 * fields, trailing blank lines) and reports a header row, semicolon separators or a legacy
 * encoding; writing is always canonical (UTF-8 without BOM, commas, CRLF, quotes only when
 * needed). Every row keeps its exact text and offset, so an edit replaces only its own row and
 * untouched rows come back byte for byte. Fields are parsed by papaparse.
 */
import Papa from 'papaparse';
import { problem, type Problem } from '../json/problem';
import { LineIndex } from '../json/jsonLocations';
import { csvLine } from '../text/csvField';

export const CANONICAL_EOL = '\r\n';

export interface MapRow {
  /** 0-based among the non-empty records of the file. */
  index: number;
  /** 1-based line the record starts on. */
  line: number;
  /** Character offset of the record's text, and the text itself (no line break). */
  offset: number;
  text: string;
  fields: string[];
}

export interface ParsedIdentityMap {
  rows: MapRow[];
  bom: boolean;
  eol: '\r\n' | '\n';
  delimiter: ',' | ';';
  /** Index of a header row, when the first row is one (it is not a mapping). */
  headerIndex?: number;
  /** File-level findings: header, separator, BOM, parse errors. */
  problems: Problem[];
  /** Offsets → line:column, built on first use (only problems need it). */
  readonly lines: LineIndex;
}

const NON_BLANK = /\S/;
const HEADER_HINT = /^(type|objecttype|kind|usertype|principaltype|rowtype|user ?or ?group)$/i;

/** Decodes bytes as UTF-8, or as Windows-1252 with a warning (Excel's "CSV (Comma delimited)"). */
export function decodeIdentityMap(bytes: Uint8Array): { text: string; problems: Problem[] } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), problems: [] };
  } catch {
    return {
      text: new TextDecoder('windows-1252').decode(bytes),
      problems: [
        problem(
          'warning',
          'map.encoding',
          [],
          'The file is not UTF-8 (probably Excel\'s "CSV (Comma delimited)", a legacy code page); names with accents may be wrong.',
          'Save it as "CSV UTF-8" in Excel, or let the tool rewrite it (it always writes UTF-8).',
        ),
      ],
    };
  }
}

function detectDelimiter(text: string): ',' | ';' {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  return !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
}

export function parseIdentityMap(input: string): ParsedIdentityMap {
  const bom = input.charCodeAt(0) === 0xfeff;
  // Keep offsets of the original text: the BOM becomes part of nothing (row offsets start after it).
  const start = bom ? 1 : 0;
  const text = input;
  const body = text.slice(start);
  const eol = body.includes('\r\n') || !body.includes('\n') ? '\r\n' : '\n';
  const delimiter = detectDelimiter(body);
  let lineIndex: LineIndex | undefined;
  const lines = () => (lineIndex ??= new LineIndex(text));
  const rows: MapRow[] = [];
  const problems: Problem[] = [];
  const addRow = (offset: number, rowText: string, line: number, fields: string[], errors: ReadonlyArray<{ message: string }>) => {
    // Blank lines (Excel leaves some at the end); most rows start with a visible character.
    if (!(rowText.length && (rowText.charCodeAt(0) > 32 || NON_BLANK.test(rowText)))) return;
    const row: MapRow = { index: rows.length, line, offset, text: rowText, fields };
    for (const e of errors) {
      problems.push({
        ...problem(
          'error',
          'map.csv',
          [],
          `CSV error: ${e.message}.`,
          'A field that contains a comma or a quote must be wrapped in double quotes, with quotes inside doubled.',
        ),
        range: lines().range(offset, rowText.length),
      });
    }
    rows.push(row);
  };
  if (!body.includes('"')) {
    // No quotes, so a line break can only end a record: papaparse's fast mode gives the fields,
    // and the records' offsets are the line starts.
    const result = Papa.parse<string[]>(body, { delimiter, newline: eol, skipEmptyLines: false, fastMode: true });
    let offset = 0;
    result.data.forEach((fields, i) => {
      const next = body.indexOf(eol, offset);
      const end = next === -1 ? body.length : next;
      addRow(start + offset, body.slice(offset, end), i + 1, fields, []);
      offset = end + eol.length;
    });
  } else {
    let cursor = 0;
    let line = 1;
    Papa.parse<string[]>(body, {
      delimiter,
      newline: eol,
      skipEmptyLines: false,
      step: (result) => {
        const end = result.meta.cursor;
        const raw = body.slice(cursor, end);
        const rowText = raw.endsWith(eol) ? raw.slice(0, -eol.length) : raw;
        const offset = start + cursor;
        const rowLine = line;
        cursor = end;
        // Count this record's line breaks (quoted fields may hold some) instead of searching offsets.
        for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) line++;
        addRow(offset, rowText, rowLine, result.data, result.errors);
      },
    });
  }
  const parsed: ParsedIdentityMap = {
    rows,
    bom,
    eol,
    delimiter,
    problems,
    get lines() {
      return lines();
    },
  };
  if (bom)
    problems.push({
      ...problem(
        'info',
        'map.bom',
        [],
        'The file starts with a UTF-8 byte-order mark (Excel\'s "CSV UTF-8" adds one).',
        'The tool writes the map without it.',
      ),
      range: lines().range(0, 1),
    });
  if (delimiter === ';') {
    problems.push({
      ...problem(
        'warning',
        'map.semicolon',
        [],
        'The fields are separated by semicolons (Excel does this in locales that use a decimal comma); Add-SPOTenantIdentityMap expects commas.',
        'Let the tool rewrite the map (it always writes commas).',
      ),
      range: lines().range(start, Math.max(1, rows[0]?.text.length ?? 1)),
    });
  }
  const first = rows[0];
  if (
    first &&
    !/^(user|group)$/i.test(first.fields[0]?.trim() ?? '') &&
    (HEADER_HINT.test(first.fields[0]?.replace(/\s+/g, '').trim() ?? '') || first.fields.every((f) => !/[@-]/.test(f)))
  ) {
    parsed.headerIndex = 0;
    problems.push({
      ...problem(
        'warning',
        'map.header',
        [],
        'The first row looks like column headings; the identity map must not have a header row.',
        'Remove the header row.',
      ),
      range: lines().range(first.offset, first.text.length),
    });
  }
  if (!rows.length || (rows.length === 1 && parsed.headerIndex === 0)) {
    problems.push({
      ...problem(
        'error',
        'map.empty',
        [],
        'The identity map has no rows.',
        'One row per user (User,…) and per group (Group,…) of the whole migration.',
      ),
      range: lines().range(0, 0),
    });
  }
  return parsed;
}

/** The mapping rows (header excluded). */
export function mappingRows(parsed: ParsedIdentityMap): MapRow[] {
  return parsed.headerIndex === undefined ? parsed.rows : parsed.rows.filter((r) => r.index !== parsed.headerIndex);
}

/** One row: commas (or the file's own delimiter), quotes only where needed. */
export function formatRow(fields: readonly string[], delimiter = ','): string {
  return csvLine(fields, delimiter);
}

/** A whole canonical file. */
export function formatIdentityMap(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((r) => formatRow(r)).join(CANONICAL_EOL) + (rows.length ? CANONICAL_EOL : '');
}

/** The canonical form of a parsed file: header dropped, commas, no BOM, CRLF. */
export function canonicalText(parsed: ParsedIdentityMap): string {
  return formatIdentityMap(mappingRows(parsed).map((r) => r.fields));
}

export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

/**
 * Replaces one row's text; every other byte of the file stays as it was. Row edits keep the file's
 * own delimiter and line breaks (a semicolon file stays one until it is rewritten canonically).
 */
export function replaceRowEdit(parsed: ParsedIdentityMap, row: MapRow, fields: readonly string[]): TextEdit {
  return { offset: row.offset, length: row.text.length, text: formatRow(fields, parsed.delimiter) };
}

/** Deletes a row together with its line break. */
export function deleteRowEdit(parsed: ParsedIdentityMap, row: MapRow, fullText: string): TextEdit {
  const after = fullText.slice(row.offset + row.text.length, row.offset + row.text.length + parsed.eol.length);
  return { offset: row.offset, length: row.text.length + (after === parsed.eol ? parsed.eol.length : 0), text: '' };
}

/** Inserts rows after `after` (or at the end), in the file's own line-break style. */
export function insertRowsEdit(
  parsed: ParsedIdentityMap,
  fullText: string,
  rows: ReadonlyArray<readonly string[]>,
  after?: MapRow,
): TextEdit {
  const block = rows.map((r) => formatRow(r, parsed.delimiter)).join(parsed.eol);
  if (after) return { offset: after.offset + after.text.length, length: 0, text: parsed.eol + block };
  const needsBreak = fullText.length > 0 && !fullText.endsWith('\n');
  return { offset: fullText.length, length: 0, text: (needsBreak ? parsed.eol : '') + block + parsed.eol };
}

export function applyEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.text + text.slice(edit.offset + edit.length);
}

/**
 * Where each field starts in a row's text (for diagnostics at the right column). Fields come from
 * the parser; this only measures them, taking a surrounding quote pair into account.
 */
export function fieldOffsets(row: MapRow, delimiter: string): number[] {
  const out: number[] = [];
  let p = 0;
  for (const field of row.fields) {
    out.push(p);
    if (row.text[p] === '"') {
      // Quoted: skip to the closing quote (doubled quotes are content).
      let q = p + 1;
      while (q < row.text.length) {
        if (row.text[q] === '"') {
          if (row.text[q + 1] === '"') q += 2;
          else break;
        } else q++;
      }
      p = q + 1 + delimiter.length;
    } else p += field.length + delimiter.length;
  }
  return out;
}
