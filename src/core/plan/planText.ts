/**
 * Writing a changed plan back into its text. Only the top-level properties that changed are
 * replaced (jsonc-parser edits), so the rest of the file keeps its formatting, and properties
 * this version does not know survive untouched.
 */
import { applyEdits, modify, type FormattingOptions } from 'jsonc-parser';
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

export function rewritePlanText(text: string, before: Plan, after: Plan): string {
  const formattingOptions = detectFormatting(text);
  let out = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const a = (before as Record<string, unknown>)[key];
    const b = (after as Record<string, unknown>)[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    out = applyEdits(out, modify(out, [key], b, { formattingOptions }));
  }
  if (!out.endsWith('\n')) out += formattingOptions.eol;
  return out;
}

/** A new plan file's text. */
export function planToText(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + '\n';
}
