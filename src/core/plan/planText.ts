/**
 * Writing a changed plan back into its text. Only the top-level properties that changed are
 * replaced (jsonc-parser edits), so the rest of the file keeps its formatting, and properties
 * this version does not know survive untouched.
 */
import { applyEdits, findNodeAtLocation, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import type { Plan } from './planSchema';

export function detectFormatting(text: string): FormattingOptions {
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 4 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
    insertFinalNewline: true,
  };
}

/**
 * Changed top-level properties get their new value as one edit each: the value's JSON, indented for
 * its place. (jsonc-parser's `modify` formats what it inserts edit by edit, each edit copying the whole
 * text: quadratic in the size of the value, minutes for 10,000 move states.) Linear in the plan's size.
 */
export function rewritePlanText(text: string, before: Plan, after: Plan): string {
  const formattingOptions = detectFormatting(text);
  const unit = formattingOptions.insertSpaces ? ' '.repeat(formattingOptions.tabSize ?? 2) : '\t';
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (b === undefined) {
      out = applyEdits(out, modify(out, [key], undefined, { formattingOptions }));
      continue;
    }
    // A new key is added with a placeholder (a small edit), then the placeholder is replaced like any value.
    if (!findNodeAtLocation(parseTree(out)!, [key])) out = applyEdits(out, modify(out, [key], 0, { formattingOptions }));
    const node = findNodeAtLocation(parseTree(out)!, [key])!;
    out = out.slice(0, node.offset) + valueText(b, unit, formattingOptions.eol ?? '\n') + out.slice(node.offset + node.length);
  }
  if (!out.endsWith('\n')) out += formattingOptions.eol;
  return out;
}

/** A top-level property's value as JSON: nested lines indented one level deeper, the file's line ends. */
function valueText(value: unknown, unit: string, eol: string): string {
  return JSON.stringify(value, null, unit)
    .split('\n')
    .join(eol + unit);
}

/** A new plan file's text. */
export function planToText(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}
