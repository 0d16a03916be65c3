/**
 * Removes secrets from text before it is logged. Pure, and linear in the length of the text: every
 * pattern below either fails after a bounded look or consumes what it scanned, and the values are
 * read by hand-written scanners (no nested quantifiers, no regex that can re-scan a run of text).
 *
 * What is redacted (the key or header and the quotes stay; the value becomes `[redacted]`):
 * - `key=value`, `key: value`, `key => value`, `"key": "value"`, `'key': 'value'`, `key%3Dvalue`
 *   (URL-encoded, also `%253D`), escaped JSON (`\"key\":\"value\"`), for keys that name a secret:
 *   anything ending in password / passwd / pwd / passphrase / secret / api key / access key /
 *   account key / private key / subscription key / shared access key / …, the OAuth tokens
 *   (`token`, `access_token`, `refresh_token`, `id_token`, …), `client_assertion`, `SAMLResponse`,
 *   the SharePoint and Entra cookies (`FedAuth`, `rtFa`, `SPOIDCRL`, `ESTSAUTH…`), and in query-string
 *   form only (`=` with nothing around it) `code` and the SAS signature `sig`;
 * - connection strings: after `;`, a value runs to the next `;` (spaces and commas included);
 * - PowerShell and CLI parameters: `-ClientSecret 'a b c'` (single, double or smart quotes: the whole
 *   quoted value), `-Password abc`, `--client-secret abc`, `ConvertTo-SecureString 'x' -AsPlainText`;
 * - headers: `Authorization: <scheme> …` keeps the scheme (`Basic`, `Bearer`, …), `Cookie:` loses
 *   every value, `Set-Cookie:` the cookie's value (its attributes stay); standalone `Bearer <token>`
 *   and `Basic <base64 of user:password>`;
 * - JWTs anywhere (`[redacted token]`) and PEM private key blocks (the markers stay).
 *
 * Not redacted: the word `code` in prose (`error code 42`) or inside a name (`ErrorCode=42`), short
 * numeric `code=` values, `"code": "accessDenied"`, booleans and nulls (`hasPassword: false`), UPNs,
 * and URLs apart from their secret parameters.
 */
export function redactSecrets(text: string): string {
  if (text.length === 0) return text;
  let out = redactPrivateKeys(text);
  out = redactSecureStringLiterals(out);
  out = redactStandaloneCredentials(out);
  out = redactKeyValues(out);
  return out.replace(JWT, '[redacted token]');
}

const REDACTED = '[redacted]';

// ---------------------------------------------------------------------------------------------
// PEM private keys

const PEM_BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?)-----/y;
const PEM_END = /-----END [A-Z0-9 ]{0,60}-----/y;

/** `-----BEGIN … PRIVATE KEY-----` up to the next `-----` (the END marker, or the end of the text). */
function redactPrivateKeys(text: string): string {
  let begin = text.indexOf('-----BEGIN ');
  if (begin < 0) return text;
  let out = '';
  let last = 0;
  while (begin >= 0) {
    PEM_BEGIN.lastIndex = begin;
    const header = PEM_BEGIN.exec(text);
    if (!header) {
      begin = text.indexOf('-----BEGIN ', begin + 1);
      continue;
    }
    const bodyStart = begin + header[0].length;
    let bodyEnd = text.indexOf('-----', bodyStart);
    if (bodyEnd < 0) bodyEnd = text.length;
    out += text.slice(last, bodyStart) + (bodyEnd > bodyStart ? REDACTED : '');
    last = bodyEnd;
    PEM_END.lastIndex = bodyEnd;
    const end = PEM_END.exec(text);
    if (end) {
      out += end[0];
      last = bodyEnd + end[0].length;
    }
    begin = text.indexOf('-----BEGIN ', last);
  }
  return out + text.slice(last);
}

// ---------------------------------------------------------------------------------------------
// ConvertTo-SecureString 'plain text'

const SECURE_STRING = /\bConvertTo-SecureString((?:[ \t]+-(?:AsPlainText|Force|String)\b(?::\$\w+)?)*)[ \t]+/gi;

function redactSecureStringLiterals(text: string): string {
  if (!/ConvertTo-SecureString/i.test(text)) return text;
  SECURE_STRING.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = SECURE_STRING.exec(text); m; m = SECURE_STRING.exec(text)) {
    const start = m.index + m[0].length;
    const value = plainValue(text, start, 'ps');
    out += text.slice(last, start) + value.out;
    last = value.end;
    SECURE_STRING.lastIndex = Math.max(value.end, start);
  }
  return out + text.slice(last);
}

// ---------------------------------------------------------------------------------------------
// key = value, key: value, -Key value

/**
 * A name (optionally after `-`/`--`) followed by a separator: `=`, `:`, `:=`, `=>` (with an optional
 * closing quote or escaped quote before it and blanks around it), URL-encoded `%3D`/`%3A`/`%253D`
 * (optionally between encoded quotes), or, for a name starting with `-`, blanks (a parameter).
 * A name cannot end in a separator character, so the engine never re-splits a name.
 */
const KEY_VALUE =
  /(?<![\w-])(?:(-{0,2}\w[\w-]*)(\\?["']?[ \t]*(?::=|=>|[:=])[ \t]*|(?:%22|%27)?(?:%3D|%3A|%253D)(?:%22|%27)?)|(-{1,2}\w[\w-]*)([ \t]+))/gi;

type KeyKind = 'secret' | 'query' | 'authorization' | 'cookie' | 'set-cookie';

/** Names whose value is a secret when they end the key (after removing `-` and `_`, lower case). */
const SECRET_SUFFIX =
  /(?:password|passwd|pwd|passphrase|secret|(?:api|access|account|private|secret|subscription|sharedaccess|master|storage|signing|encryption|client)key|(?:access|refresh|id|session|auth|sas|security|bearer|api|oauth)token)(?:value|text|string)?$/;
/** Names that are a secret only as a whole. */
const SECRET_EXACT = /^(?:token|clientassertion|assertion|samlresponse|fedauth|rtfa|spoidcrl|estsauth(?:persistent|light)?)$/;
/** Secrets only in query-string form (`code=…`, `sig=…`): elsewhere these are ordinary words. */
const QUERY_EXACT = /^(?:code|sig)$/;

function classify(rawKey: string, afterPercent: boolean): KeyKind | undefined {
  let key = rawKey.replace(/^-+/, '');
  // After a `%`, the name's first two characters are the rest of an escape (`%26code`, `%3Fpassword`, `%2526code`).
  if (afterPercent) key = key.replace(/^(?:25)?[0-9a-f]{2}/i, '');
  const tail = key.slice(-48).toLowerCase().replace(/[-_]/g, '');
  if (key.length <= 48) {
    if (tail === 'authorization' || tail === 'proxyauthorization') return 'authorization';
    if (tail === 'cookie') return 'cookie';
    if (tail === 'setcookie') return 'set-cookie';
    if (QUERY_EXACT.test(tail)) return 'query';
    if (SECRET_EXACT.test(tail)) return 'secret';
  }
  return SECRET_SUFFIX.test(tail) ? 'secret' : undefined;
}

function redactKeyValues(text: string): string {
  KEY_VALUE.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = KEY_VALUE.exec(text); m; m = KEY_VALUE.exec(text)) {
    const parameter = m[1] === undefined;
    const rawKey = parameter ? m[3]! : m[1]!;
    const separator = parameter ? m[4]! : m[2]!;
    const kind = classify(rawKey, m.index > 0 && text.charCodeAt(m.index - 1) === 0x25 /* % */);
    if (kind === undefined) continue;
    const encoded = !parameter && separator.startsWith('%');
    if (kind === 'query' && !(encoded ? /^%(?:25)?3D$/i.test(separator) : separator === '=')) continue;
    if ((kind === 'cookie' || kind === 'set-cookie') && parameter) continue;
    const start = m.index + m[0].length;
    let mode: Mode = parameter ? 'ps' : encoded ? (/%2[27]$/i.test(separator) ? 'encoded-quoted' : 'encoded') : 'assign';
    if (mode === 'assign' && m.index > 0 && text[m.index - 1] === ';' && /^[ \t]*=/.test(separator)) mode = 'connection';
    const value =
      kind === 'authorization'
        ? authorizationValue(text, start, mode)
        : kind === 'cookie' || kind === 'set-cookie'
          ? cookieValue(text, start, kind === 'set-cookie')
          : plainValue(text, start, mode, kind === 'query' && /^code$/i.test(rawKey.slice(-4)) ? /^\d{1,6}$/ : undefined);
    out += text.slice(last, start) + value.out;
    last = value.end;
    KEY_VALUE.lastIndex = Math.max(value.end, start);
  }
  return out + text.slice(last);
}

// ---------------------------------------------------------------------------------------------
// Values

/**
 * How a bare (unquoted) value ends: `assign` and the encoded forms at a blank, quote, `,`, `;` or
 * `&` (the encoded ones also at `%26`, and `encoded-quoted` at an encoded quote); `connection` at
 * `;` or a quote that closes a string around it; `ps` (a parameter's argument) at a blank, `;`, `|` or `)`.
 */
type Mode = 'assign' | 'connection' | 'encoded' | 'encoded-quoted' | 'ps';

interface Scanned {
  /** Where the value (with its quotes) ends in the input. */
  end: number;
  /** What replaces text[start, end). */
  out: string;
}

const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";
const DOUBLE_QUOTES = '"\u201C\u201D\u201E';
/** Values that are not secrets: `hasPassword: false`, `-Password $null`. */
const NOT_A_SECRET = /^(?:\$?(?:true|false|null)|undefined|none)$/i;
/** An argument that is a command, not a literal: `-Password (Read-Host -AsSecureString)`. */
const SUBEXPRESSION = /\((?:[A-Za-z]+-[A-Za-z]+)(?=[\s)])|ConvertTo-SecureString\b/iy;

function isBlank(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isLineEnd(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** End of a bare value starting at `start`. */
function bareEnd(text: string, start: number, mode: Mode): number {
  let i = start;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (mode === 'connection') {
      if (c === 0x3b /* ; */ || isLineEnd(c)) break;
      // A quote is part of the value unless it closes a string around the connection string.
      if ((c === 0x22 || c === 0x27) && (i + 1 === text.length || /[\s,}\]]/.test(text[i + 1]!))) break;
      continue;
    }
    if (isBlank(c)) break;
    if (mode === 'ps') {
      if (c === 0x3b || c === 0x7c /* | */ || c === 0x29 /* ) */) break;
      continue;
    }
    if (c === 0x22 || c === 0x27 || c === 0x2c /* , */ || c === 0x3b || c === 0x26 /* & */) break;
    if (c === 0x25 /* % */ && mode !== 'assign') {
      const escape = text.slice(i + 1, i + 3).toUpperCase();
      if (escape === '26' || (mode === 'encoded-quoted' && (escape === '22' || escape === '27'))) break;
    }
  }
  if (mode === 'connection') while (i > start && isBlank(text.charCodeAt(i - 1))) i--;
  return i;
}

/** A quoted value opening at `open`: where its content starts and ends, and where the value ends. */
function quoted(text: string, open: number): { from: number; to: number; end: number } | undefined {
  const q = text[open]!;
  if (q === '\\') {
    // A string inside a JSON string: \"value\". There \\ is one backslash of the inner string, which
    // escapes the inner character after it (\\\" is a quote inside the value).
    const inner = text[open + 1];
    if (inner !== '"' && inner !== "'") return undefined;
    /** One character of the inner string: an escape of the outer one (a backslash and a character) or one character. */
    const step = (k: number) => (text[k] === '\\' && k + 1 < text.length && !isLineEnd(text.charCodeAt(k + 1)) ? 2 : 1);
    let j = open + 2;
    while (j < text.length && !isLineEnd(text.charCodeAt(j))) {
      if (text[j] === '\\' && text[j + 1] === inner) return { from: open + 2, to: j, end: j + 2 };
      const innerBackslash = text[j] === '\\' && text[j + 1] === '\\';
      j += step(j);
      if (innerBackslash && j < text.length && !isLineEnd(text.charCodeAt(j))) j += step(j);
    }
    return { from: open + 2, to: j, end: j };
  }
  const family = SINGLE_QUOTES.includes(q) ? SINGLE_QUOTES : DOUBLE_QUOTES.includes(q) ? DOUBLE_QUOTES : undefined;
  if (family === undefined) return undefined;
  let j = open + 1;
  while (j < text.length) {
    const c = text[j]!;
    if (isLineEnd(c.charCodeAt(0))) break;
    // Escapes: \x (JSON, JavaScript), `x (PowerShell double-quoted), a doubled quote (PowerShell, SQL, CSV).
    // Reading one too many as an escape only redacts more.
    if (c === '\\' || (c === '`' && family === DOUBLE_QUOTES)) {
      j += j + 1 < text.length && !isLineEnd(text.charCodeAt(j + 1)) ? 2 : 1;
      continue;
    }
    if (family.includes(c)) {
      if (j + 1 < text.length && family.includes(text[j + 1]!)) {
        j += 2;
        continue;
      }
      return { from: open + 1, to: j, end: j + 1 };
    }
    j++;
  }
  return { from: open + 1, to: j, end: j }; // unterminated: to the end of the line
}

/** An earlier redaction (`[redacted]`, `[redacted token]`): left as it is. */
function placeholderEnd(text: string, start: number): number | undefined {
  if (!text.startsWith('[redacted', start)) return undefined;
  const close = text.indexOf(']', start);
  return close >= 0 && close - start <= 20 ? close + 1 : undefined;
}

function replaceSpan(text: string, start: number, from: number, to: number, end: number): Scanned {
  return { end, out: text.slice(start, from) + (to > from ? REDACTED : '') + text.slice(to, end) };
}

function unchanged(text: string, start: number, end: number): Scanned {
  return { end, out: text.slice(start, end) };
}

/** The value of a secret key or parameter: quoted (the whole content) or bare. */
function plainValue(text: string, start: number, mode: Mode, keepIfMatches?: RegExp): Scanned {
  const placeholder = placeholderEnd(text, start);
  if (placeholder !== undefined) return unchanged(text, start, placeholder);
  if (mode === 'ps' || mode === 'assign') {
    SUBEXPRESSION.lastIndex = start;
    if (SUBEXPRESSION.test(text)) return unchanged(text, start, start);
  }
  if (!mode.startsWith('encoded')) {
    const q = quoted(text, start);
    if (q) return replaceSpan(text, start, q.from, q.to, q.end);
  }
  const end = bareEnd(text, start, mode);
  const value = text.slice(start, end);
  if (NOT_A_SECRET.test(value) || keepIfMatches?.test(value)) return unchanged(text, start, end);
  return replaceSpan(text, start, start, end, end);
}

const AUTH_SCHEME =
  /(?:Basic|Bearer|Negotiate|NTLM|Digest|SharedKeyLite|SharedKey|SharedAccessSignature|PoP|MAC|Token|HMAC-SHA256)[ \t]+/iy;

/** `Authorization: Bearer …`: the scheme stays, the credentials (up to a blank or the closing quote) go. */
function authorizationValue(text: string, start: number, mode: Mode): Scanned {
  const placeholder = placeholderEnd(text, start);
  if (placeholder !== undefined) return unchanged(text, start, placeholder);
  const q = mode.startsWith('encoded') ? undefined : quoted(text, start);
  let from = q ? q.from : start;
  AUTH_SCHEME.lastIndex = from;
  if (AUTH_SCHEME.test(text)) from = AUTH_SCHEME.lastIndex;
  if (q) return replaceSpan(text, start, Math.min(from, q.to), q.to, q.end);
  let end = from;
  while (end < text.length && !isBlank(text.charCodeAt(end))) end++;
  if (placeholderEnd(text, from) === end) return unchanged(text, start, end);
  return replaceSpan(text, start, from, end, end);
}

/**
 * `Cookie: a=1; b=2` loses every value (a part without `=` goes whole); `Set-Cookie: a=1; Path=/`
 * only the cookie's value. The header runs to the closing quote or the end of the line.
 */
function cookieValue(text: string, start: number, setCookie: boolean): Scanned {
  const q = quoted(text, start);
  const from = q ? q.from : start;
  let to = from;
  if (q) to = q.to;
  else while (to < text.length && !isLineEnd(text.charCodeAt(to))) to++;
  const end = q ? q.end : to;
  const header = text.slice(from, to);
  const parts = header.split(';');
  const redacted = parts.map((part, index) => {
    if (setCookie && index > 0) return part;
    const lead = part.length - part.trimStart().length;
    const body = part.slice(lead).trimEnd();
    if (body.length === 0 || body.includes('[redacted')) return part;
    const trail = part.slice(lead + body.length);
    const eq = body.indexOf('=');
    if (eq < 0) return part.slice(0, lead) + REDACTED + trail;
    const value = body.slice(eq + 1);
    if (value.length === 0 || value.startsWith('[redacted')) return part;
    return part.slice(0, lead) + body.slice(0, eq + 1) + REDACTED + trail;
  });
  return { end, out: text.slice(start, from) + redacted.join(';') + text.slice(to, end) };
}

// ---------------------------------------------------------------------------------------------
// Bearer / Basic outside an Authorization header, JWTs

/** `Bearer` / `Basic` and the blanks after it; the credentials are read after it (a rejected one is read again as text). */
const SCHEME_WORD = /\b(Bearer|Basic)([ \t]+)/gi;
/** A bearer token runs to a blank, quote or delimiter; Basic credentials are base64. */
const BEARER_TOKEN = /[^\s"'`,;<>()[\]{}]+/y;
const BASIC_TOKEN = /[A-Za-z0-9+/=]+/y;
/** Header `eyJ…` (base64url of `{"`), payload `eyJ…`, signature (possibly empty). */
const JWT = /(?:(?<![A-Za-z0-9_-])|(?<=%[0-9A-Fa-f]{2}))eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

function redactStandaloneCredentials(text: string): string {
  SCHEME_WORD.lastIndex = 0;
  let out = '';
  let last = 0;
  for (let m = SCHEME_WORD.exec(text); m; m = SCHEME_WORD.exec(text)) {
    const start = m.index + m[0].length;
    const bearer = m[1]!.toLowerCase() === 'bearer';
    const tokenPattern = bearer ? BEARER_TOKEN : BASIC_TOKEN;
    tokenPattern.lastIndex = start;
    const token = tokenPattern.exec(text)?.[0];
    if (token === undefined) continue;
    const credentials = bearer
      ? // "Bearer authentication" is prose; a token has a digit or punctuation, or is long.
        token.length >= 8 && (/[^A-Za-z]/.test(token) || token.length >= 20)
      : m[1] === 'Basic' && /^[A-Za-z0-9+/]{4,}={0,2}$/.test(token) && isBasicCredentials(token);
    if (!credentials) continue;
    out += text.slice(last, start) + REDACTED;
    last = start + token.length;
    SCHEME_WORD.lastIndex = last;
  }
  return out + text.slice(last);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Whether `token` is base64 of `user:password` (a colon, no control characters): "Basic settings" is not. */
function isBasicCredentials(token: string): boolean {
  if (token.length % 4 !== 0 || token.length > 4096) return false;
  let bits = 0;
  let acc = 0;
  let colon = false;
  for (const ch of token) {
    if (ch === '=') break;
    acc = (acc << 6) | BASE64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      const byte = (acc >> bits) & 0xff;
      acc &= (1 << bits) - 1;
      if (byte < 0x20 || byte === 0x7f) return false;
      if (byte === 0x3a) colon = true;
    }
  }
  return colon;
}
