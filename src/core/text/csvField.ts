/** RFC 4180 field: quoted (with doubled quotes) only when it must be (a quote, the delimiter, a line break, edge spaces). */
export function csvField(value: string, delimiter = ','): string {
  const mustQuote = /["\r\n]|^\s|\s$/.test(value) || value.includes(delimiter);
  return mustQuote ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map((v) => csvField(v, delimiter)).join(delimiter);
}

/**
 * A cell of a CSV meant for people (reports opened in Excel): a value starting with = + - @ or a tab
 * or carriage return would run as a formula (CSV injection), so it gets a leading apostrophe, which
 * spreadsheets show as text. Never for files a cmdlet reads (the identity map, batch CSVs): that would change the data.
 */
export function csvLineForPeople(values: readonly string[], delimiter = ','): string {
  return csvLine(
    values.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)),
    delimiter,
  );
}
