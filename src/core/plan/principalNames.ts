/** The five characters PowerShell treats as a single quote (ASCII ' and U+2018..U+201B). */
export const SINGLE_QUOTE_CHARS = /['\u2018\u2019\u201A\u201B]/;

// name@domain with dot-separated labels. The name part takes the characters Entra ID allows in a UPN
// (letters, digits and ' . - _ ! # ^ ~; the quote variants are caught as apostrophes): '=' or '+' in
// front would make a spreadsheet run the cell as a formula. Kept simple: it runs on every row of 100,000-row maps.
const UPN = /^[\p{L}\p{N}'\u2018\u2019\u201a\u201b.\-_!#^~]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/u;

export function isUserPrincipalName(value: string): boolean {
  return UPN.test(value);
}

export function hasSingleQuote(value: string): boolean {
  return SINGLE_QUOTE_CHARS.test(value);
}

/** UPNs compare case-insensitively; plan keys (moves) use this form. */
export function upnKey(upn: string): string {
  return upn.trim().toLowerCase();
}
