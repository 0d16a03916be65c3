/**
 * PowerShell literals. Every value in a generated script goes into a single-quoted (verbatim)
 * string: no `$` expansion, no backtick escapes. PowerShell treats ' and U+2018..U+201B all as
 * single quotes, so each of them is doubled (DESIGN.md §4).
 */
const ANY_SINGLE_QUOTE = /['\u2018\u2019\u201A\u201B]/g;

export function psString(value: string): string {
  return `'${value.replace(ANY_SINGLE_QUOTE, (q) => q + q)}'`;
}

/** `@('a', 'b')` — an array literal of single-quoted strings. */
export function psStringArray(values: readonly string[]): string {
  return values.length === 0 ? '@()' : `@(${values.map(psString).join(', ')})`;
}

export function psBool(value: boolean): string {
  return value ? '$true' : '$false';
}

/**
 * What PowerShell reads back from a single-quoted literal: the tokenizer's rule is "a quote
 * character followed by another quote character is one literal quote (the second one)".
 * Used by tests to prove psString round-trips; returns undefined when the literal is malformed.
 */
export function psUnquote(literal: string): string | undefined {
  const isQuote = (c: string | undefined) => c !== undefined && /['\u2018\u2019\u201A\u201B]/.test(c);
  if (!isQuote(literal[0])) return undefined;
  let out = '';
  let i = 1;
  while (i < literal.length) {
    const c = literal[i]!;
    if (isQuote(c)) {
      if (isQuote(literal[i + 1])) {
        out += literal[i + 1];
        i += 2;
        continue;
      }
      return i === literal.length - 1 ? out : undefined;
    }
    out += c;
    i++;
  }
  return undefined;
}
