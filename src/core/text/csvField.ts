/** RFC 4180 field: quoted (with doubled quotes) only when it must be (a quote, the delimiter, a line break, edge spaces). */
export function csvField(value: string, delimiter = ','): string {
  const mustQuote = /["\r\n]|^\s|\s$/.test(value) || value.includes(delimiter);
  return mustQuote ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map((v) => csvField(v, delimiter)).join(delimiter);
}
