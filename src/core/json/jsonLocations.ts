/**
 * Maps JSON paths to line:column ranges. Only used when there is something to report, so the
 * happy path (JSON.parse + validation) never pays for building a syntax tree.
 */
import { findNodeAtLocation, parseTree, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import type { JsonPath, Problem, SourceRange } from './problem';

export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  get length(): number {
    return this.text.length;
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
  range(offset: number, length: number): SourceRange {
    const start = this.position(offset);
    const end = this.position(Math.min(offset + length, this.text.length));
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, offset, length };
  }
}

/**
 * How deep arrays and objects may nest in a file we read (plan, result, scenario). No file of ours
 * comes near it (results are written with ConvertTo-Json -Depth 10, and 100 is ConvertTo-Json's
 * own maximum); beyond it the recursive steps after JSON.parse (locating, unwrapping, writing back)
 * would overflow the stack, so a deeper file is refused with its position instead.
 */
export const MAX_JSON_DEPTH = 100;

/**
 * The offset of the first `[` or `{` that opens a level deeper than `limit`, or -1. One linear
 * pass without recursion; brackets inside strings do not count. Works on invalid JSON too.
 */
export function tooDeepOffset(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* backslash: skip the escaped character */) i++;
        else if (d === 0x22 || d === 0x0a) break; // a newline ends an unterminated string: a syntax error anyway
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/**
 * The first key that appears twice in one object, with the offsets of both copies, or undefined.
 * JSON.parse keeps the last copy silently, so an edit of the first one would be lost. One linear pass
 * over valid JSON (call it after JSON.parse succeeded), with a stack as deep as the nesting.
 */
export function duplicateKey(text: string): { key: string; offset: number; length: number; firstOffset: number } | undefined {
  const stack: Array<Map<string, number> | undefined> = []; // a Map of keys for objects, undefined for arrays
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) {
          escaped = true;
          i++;
        } else if (d === 0x22) break;
      }
      const keys = stack[stack.length - 1];
      if (keys && expectKey) {
        const raw = text.slice(start, i + 1);
        const key = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
        const first = keys.get(key);
        if (first !== undefined) return { key, offset: start, length: i + 1 - start, firstOffset: first };
        keys.set(key, start);
        expectKey = false;
      }
    } else if (c === 0x7b /* { */) {
      stack.push(new Map());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push(undefined);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = stack[stack.length - 1] !== undefined;
    }
  }
  return undefined;
}

/** A located `json.tooDeep` error when the text nests deeper than `limit`, else none. */
export function nestingProblems(text: string, limit = MAX_JSON_DEPTH): Problem[] {
  const at = tooDeepOffset(text, limit);
  if (at < 0) return [];
  return [
    {
      severity: 'error',
      code: 'json.tooDeep',
      message: `Arrays and objects are nested deeper than ${limit} levels here.`,
      hint: `No plan or result file needs more than ${limit} levels: the file is damaged or was not written by this tool.`,
      path: [],
      range: new LineIndex(text).range(at, 1),
    },
  ];
}

/** Gives every problem a range: its node, or the nearest ancestor that exists (for missing properties). */
export function locateProblems(text: string, problems: Problem[]): Problem[] {
  if (problems.every((p) => p.range)) return problems;
  const lines = new LineIndex(text);
  // A syntax tree of a text nested too deep cannot be built (the parser recurses): point at the start.
  if (tooDeepOffset(text) >= 0) return problems.map((p) => (p.range ? p : { ...p, range: lines.range(0, 0) }));
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  // Unknown properties are underlined at their key; every other problem at the offending value.
  return problems.map((p) => (p.range ? p : { ...p, range: rangeForPath(root, lines, p.path, p.code === 'schema.unknownProperty') }));
}

function rangeForPath(root: Node | undefined, lines: LineIndex, path: JsonPath, atKey: boolean): SourceRange {
  if (!root) return lines.range(0, 0);
  for (let depth = path.length; depth >= 0; depth--) {
    const node = findNodeAtLocation(root, path.slice(0, depth) as (string | number)[]);
    if (!node) continue;
    // For an object property, point at its key: that is where editors underline.
    const keyNode = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    if (atKey && depth === path.length && keyNode && typeof path[depth - 1] === 'string') {
      return lines.range(keyNode.offset, keyNode.length);
    }
    if (depth < path.length && node.type === 'object') {
      // The thing is missing: point at the opening brace of the object that should hold it.
      return lines.range(node.offset, 1);
    }
    return lines.range(node.offset, node.length);
  }
  return lines.range(0, 0);
}

/** Syntax errors of a JSON text as located problems (only called when JSON.parse failed). */
export function jsonSyntaxProblems(text: string): Problem[] {
  if (text.trim() === '') {
    return [
      {
        severity: 'error',
        code: 'json.empty',
        message: 'The file is empty.',
        hint: 'A plan starts with { "version": 1, "source": …, "target": … }.',
        path: [],
        range: new LineIndex(text).range(0, 0),
      },
    ];
  }
  const deep = nestingProblems(text);
  if (deep.length) return deep;
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lines = new LineIndex(text);
  const found = errors.map((e) => ({
    severity: 'error' as const,
    code: 'json.syntax',
    message: `JSON syntax error: ${describeParseError(printParseErrorCode(e.error))}`,
    hint: 'Fix the JSON syntax at this position (look for a missing comma, quote or bracket just before it).',
    path: [],
    range: lines.range(e.offset, Math.max(e.length, 1)),
  }));
  return found;
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Strips a UTF-8 byte-order mark (Windows PowerShell 5.1 and Notepad write one). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Parses JSON quickly; on failure returns located syntax problems instead of throwing. A text
 * nested deeper than MAX_JSON_DEPTH is refused (`json.tooDeep`, at the bracket that goes too deep).
 * Offsets stay those of the original text (a BOM is replaced by a space, not removed).
 */
export function parseJson(text: string): { value: unknown; problems: Problem[]; text: string } {
  const clean = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const deep = nestingProblems(clean);
  if (deep.length) return { value: undefined, problems: deep, text: clean };
  let value: unknown;
  try {
    value = JSON.parse(clean);
  } catch {
    const problems = jsonSyntaxProblems(clean);
    return {
      value: undefined,
      problems: problems.length ? problems : [{ severity: 'error', code: 'json.syntax', message: 'Invalid JSON.', path: [] }],
      text: clean,
    };
  }
  const dup = duplicateKey(clean);
  if (!dup) return { value, problems: [], text: clean };
  const lines = new LineIndex(clean);
  const first = lines.range(dup.firstOffset, 1);
  return {
    value: undefined,
    problems: [
      {
        severity: 'error',
        code: 'json.duplicateKey',
        message: `"${dup.key}" appears twice in this object (first at line ${first.line}, column ${first.column}).`,
        hint: 'JSON readers keep only the last copy, so the first one is ignored and an edit to it would be lost: merge the two and keep one.',
        path: [],
        range: lines.range(dup.offset, dup.length),
      },
    ],
    text: clean,
  };
}
