/**
 * Messages echo values from files; a 50,000-character cell must not become a 50,000-character
 * message. Runs of more than 200 characters without a space (or of spaces) are cut to their start,
 * with their length. Linear in the text's length.
 */
const LONG_RUN = /\S{201,}|\s{201,}/g;

export function cutLongRuns(text: string): string {
  if (text.length <= 200) return text;
  return text.replace(LONG_RUN, (run) => `${run.slice(0, 120)}… (${run.length.toLocaleString('en-US')} characters)`);
}
