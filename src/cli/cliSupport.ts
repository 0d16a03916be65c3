/** Small pieces every CLI command shares. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { formatProblem, type Problem } from '../core/json/problem';

export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  now: Date;
  /** Prints one JSON document on stdout (`--json`); set by runCli. */
  json?: (value: unknown) => void;
}

/** An error that means "wrong arguments": the CLI prints the usage and exits 64. */
export function usageError(message: string): Error {
  return Object.assign(new Error(message), { code: 'USAGE' });
}

/** An error that means "a folder was given where a file is read": `<path>: error: is a folder, not <what>.` (`what`: "a plan file") */
export function notAFileError(file: string, what: string): Error {
  return Object.assign(new Error(`${file} is a folder, not ${what}.`), { code: 'NOT_A_FILE', path: file, what });
}

/** Throws `notAFileError` when `file` is a folder (reading it would fail with a bare EISDIR); a missing file is left to the read. */
export async function checkIsFile(file: string, what: string): Promise<void> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat?.isDirectory()) throw notAFileError(file, what);
}

/**
 * Characters that must never reach a terminal raw: C0 controls (ESC, CR, BEL, backspace, NUL,
 * tab…), DEL, C1 controls (U+0080–U+009F, U+0085 among them), the Unicode line and paragraph
 * separators, and the bidi embeddings, overrides, isolates and marks that reorder what is shown.
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b` for a character below U+0100, `\u2028` above. */
function visibleEscape(c: string): string {
  const n = c.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
}

/**
 * Every control character of `text` as a visible escape (`\x1b`, `\x0d`, `\u2028`, `\u202e`…);
 * with `keepNewlines`, the line feeds stay (for text whose lines the CLI itself composed).
 */
export function escapeControls(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? CONTROLS_BUT_NEWLINE : CONTROLS, visibleEscape);
}

/** How much of a value from a file or an argument a message shows. */
export const MAX_SHOWN_VALUE = 200;
/** How long a message that embeds values may get (a few values and the words around them). */
export const MAX_SHOWN_MESSAGE = 600;

/** `text` cut after `max` characters (never inside a surrogate pair), saying how long it was. */
export function cut(text: string, max = MAX_SHOWN_VALUE): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** A value from a file or an argument, ready to embed in a line: cut when long, every control escaped (line feeds too). */
export function shown(value: string, max = MAX_SHOWN_VALUE): string {
  return escapeControls(cut(value, max));
}

/**
 * A message that embeds values from files (the core's problem messages, change descriptions,
 * error texts from results) as one line: every control escaped, line feeds too, so a value
 * cannot start a line of its own; each quoted value longer than MAX_SHOWN_VALUE cut, then the
 * whole message cut at MAX_SHOWN_MESSAGE.
 */
export function oneLine(message: string): string {
  const quotedCut = message.replace(/'([^']{201,})'/g, (_, value: string) => `'${cut(value)}'`);
  return escapeControls(cut(quotedCut, MAX_SHOWN_MESSAGE));
}

/**
 * The Io every command writes through: each line has its control characters escaped except the
 * line feeds the CLI puts between lines itself (values embedded into a multi-line message go
 * through `shown` or `oneLine` first, so their own line breaks are escaped before this step).
 */
export function terminalSafeIo(io: Io): Io {
  return {
    out: (line) => io.out(escapeControls(line, true)),
    err: (line) => io.err(escapeControls(line, true)),
    cwd: io.cwd,
    now: io.now,
  };
}

/** A path as the user would type it from where they are (controls escaped: a file name can hold any). */
export function relativeToCwd(io: Io, file: string): string {
  const r = path.relative(io.cwd, file);
  return escapeControls(r.startsWith('..') ? file : r || file);
}

/** `file:line:col: severity: message [path]` and its hint line, with the values in them made safe to print. */
export function problemText(io: Io, file: string, p: Problem): string {
  const safe: Problem = {
    ...p,
    message: oneLine(p.message),
    path: p.path.map((segment) => (typeof segment === 'string' ? cut(segment) : segment)),
    ...(p.hint === undefined ? {} : { hint: oneLine(p.hint) }),
  };
  return formatProblem(relativeToCwd(io, file), safe);
}

/** With --json the human lines all go to stderr, so stdout holds the JSON document alone. */
export function humanIo(io: Io, json: boolean | undefined): Io {
  return json ? { ...io, out: io.err } : io;
}
