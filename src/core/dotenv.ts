/**
 * `.env` parsing exactly as compose-go's `dotenv` package does it, keeping the line and columns of
 * every key so diagnostics can point at it. Error messages never quote a value: `.env` files hold
 * secrets.
 */

import { InterpolationError, interpolate, type Lookup, toLookup } from "./interpolation.js";
import { LineIndex } from "./line-index.js";

export interface EnvEntry {
  key: string;
  value: string;
  /** 1-based line and columns of the key. */
  line: number;
  column: number;
  endColumn: number;
  /** The value exactly as written after the separator (quotes included), for alias detection. */
  raw: string;
  quote: "" | "'" | '"';
}

export interface EnvParseError {
  message: string;
  line: number;
  column: number;
}

export interface ParsedEnvFile {
  /** The resulting variables (a null-prototype object): later definitions win, as in compose. */
  values: Record<string, string>;
  /** Every definition in file order, duplicates included. */
  entries: EnvEntry[];
  /** compose-go stops at the first error; there is at most one. */
  errors: EnvParseError[];
}

// Go regexp `\s` is [\t\n\f\r ].
const EXPORT = /^export[\t\n\f\r ]+/;
const ESCAPE = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;

// Go's unicode.IsSpace for the characters compose-go's parser meets.
function isUnicodeSpace(c: string): boolean {
  return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(c);
}

// compose-go's isSpace: a space that is not a line break.
function isInlineSpace(c: string): boolean {
  return c === "\t" || c === "\v" || c === "\f" || c === "\r" || c === " " || c === "\u0085" || c === "\u00a0";
}

const KEY_LETTER = /^[\p{L}\p{N}]$/u;

function isKeyLetter(c: string): boolean {
  return KEY_LETTER.test(c);
}

const ESCAPES: Record<string, string> = {
  a: "\u0007",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  '"': '"',
  "\\": "\\",
};

function expandEscapes(s: string): string {
  return s.replace(ESCAPE, (match) => {
    const c = match[1] as string;
    if (c === "$") return "$$";
    if (c === "0") {
      // `\0123` is Go's octal `\123`; UnquoteChar needs exactly three octal digits.
      const digits = match.slice(2);
      if (digits.length !== 3 || !/^[0-7]{3}$/.test(digits)) return match;
      const code = Number.parseInt(digits, 8);
      return code > 255 ? match : String.fromCharCode(code);
    }
    return ESCAPES[c] ?? match;
  });
}

class EnvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

/** Where the key of the statement at `pos` starts: after an `export` prefix and its spaces. */
function keyStartAt(src: string, pos: number): number {
  if (!EXPORT.test(src.slice(pos))) return pos;
  let keyStart = pos + "export".length;
  while (keyStart < src.length && isInlineSpace(src[keyStart] as string)) keyStart++;
  return keyStart;
}

/**
 * The end of the key from `keyStart` and the separator there (`=`, `:`, a line break; "" at the end
 * of the text), validating characters as compose-go does.
 */
function scanKey(src: string, keyStart: number, lines: LineIndex): { end: number; separator: string } {
  let i = keyStart;
  while (i < src.length) {
    const cp = src.codePointAt(i) as number;
    const c = String.fromCodePoint(cp);
    if (c === "=" || c === ":" || c === "\n") return { end: i, separator: c };
    if (!isInlineSpace(c) && !"_.-[]".includes(c) && !isKeyLetter(c)) {
      throw new EnvSyntaxError(
        `unexpected character ${JSON.stringify(c)} in variable name`,
        lines.lineOf(i),
        lines.columnOf(i),
      );
    }
    i += c.length;
  }
  return { end: i, separator: "" };
}

function envEntry(
  key: string,
  value: string,
  line: number,
  column: number,
  raw: string,
  quote: EnvEntry["quote"],
): EnvEntry {
  return { key, value, line, column, endColumn: column + key.length, raw, quote };
}

/**
 * Parses the text of a `.env` file. `lookup` is consulted first for `${...}` inside values, as
 * compose consults the process environment; then keys defined earlier in the same file.
 */
export function parseEnvFile(
  text: string,
  lookup?: Lookup | Record<string, string | undefined> | Map<string, string>,
): ParsedEnvFile {
  const shell = lookup === undefined ? undefined : toLookup(lookup);
  const values = new Map<string, string>();
  const entries: EnvEntry[] = [];
  const errors: EnvParseError[] = [];
  const src = text.startsWith("\ufeff") ? text.slice(1) : text;
  const resolve: Lookup = (name) => {
    const fromLookup = shell?.(name);
    if (fromLookup !== undefined) return fromLookup;
    return values.get(name);
  };
  const lines = new LineIndex(src);

  let pos = 0;
  try {
    for (;;) {
      pos = statementStart(src, pos);
      if (pos >= src.length) break;
      const keyStart = keyStartAt(src, pos);
      const { end: i, separator } = scanKey(src, keyStart, lines);
      // compose-go quirk: a last line without separator is the value of the empty key.
      const atEnd = separator === "";
      const key = atEnd ? "" : src.slice(keyStart, i).replace(/[\s\u0085\u00a0]+$/u, "");
      const keyLine = lines.lineOf(keyStart);
      const keyColumn = lines.columnOf(keyStart);
      if (key.includes(" ")) throw new EnvSyntaxError("key cannot contain a space", keyLine, keyColumn);
      if (separator === "\n") {
        // A bare `KEY` line inherits the value from the environment, else the key stays absent.
        const inherited = shell?.(key);
        if (inherited !== undefined) {
          values.set(key, inherited);
          entries.push(envEntry(key, inherited, keyLine, keyColumn, "", ""));
        }
        pos = i + 1;
        continue;
      }
      let v = atEnd ? keyStart : i + 1;
      while (v < src.length && isInlineSpace(src[v] as string)) v++;
      const read = readValue(src, v, (value) => expand(value, resolve, keyLine, keyColumn));
      if (read === null) throw new EnvSyntaxError("unterminated quoted value", keyLine, keyColumn);
      values.set(key, read.value);
      if (!atEnd) entries.push(envEntry(key, read.value, keyLine, keyColumn, read.raw, read.quote));
      pos = read.next;
    }
  } catch (error) {
    if (!(error instanceof EnvSyntaxError)) throw error;
    errors.push({ message: error.message, line: error.line, column: error.column });
  }
  const record: Record<string, string> = Object.create(null);
  for (const [key, value] of values) record[key] = value;
  return { values: record, entries, errors };
}

interface ValueRead {
  value: string;
  raw: string;
  quote: EnvEntry["quote"];
  /** Offset where the next statement may start. */
  next: number;
}

/** Reads the value starting at `v`; null when a quoted value is never closed. */
function readValue(src: string, v: number, expandValue: (value: string) => string): ValueRead | null {
  const quote = src[v];
  if (quote !== '"' && quote !== "'") {
    const nl = src.indexOf("\n", v);
    const raw = src.slice(v, nl === -1 ? src.length : nl);
    const comment = raw.indexOf(" #");
    const value = (comment >= 0 ? raw.slice(0, comment) : raw).replace(/[\s\u0085\u00a0]+$/u, "");
    return { value: expandValue(value), raw: raw.trim(), quote: "", next: nl === -1 ? src.length : nl + 1 };
  }
  let escaped = false;
  let chars = "";
  for (let j = v + 1; j < src.length; j++) {
    const c = src[j] as string;
    if (c !== quote) {
      if (!escaped && c === "\\") {
        escaped = true;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += "\\";
      }
      chars += c;
      continue;
    }
    if (escaped) {
      escaped = false;
      chars += c;
      continue;
    }
    const value = quote === '"' ? expandValue(expandEscapes(chars)) : chars;
    return { value, raw: src.slice(v, j + 1), quote, next: j + 1 };
  }
  return null;
}

function expand(value: string, lookup: Lookup, line: number, column: number): string {
  try {
    return interpolate(value, lookup);
  } catch (error) {
    if (error instanceof InterpolationError) {
      const what = error.kind === "syntax" ? "invalid interpolation in value" : error.message;
      throw new EnvSyntaxError(what, line, column);
    }
    throw error;
  }
}

/** Skips whitespace and `#` comment lines; returns the offset of the next statement. */
function statementStart(src: string, from: number): number {
  let pos = from;
  for (;;) {
    while (pos < src.length && isUnicodeSpace(src[pos] as string)) pos++;
    if (pos >= src.length) return src.length;
    if (src[pos] !== "#") return pos;
    const nl = src.indexOf("\n", pos);
    if (nl === -1) return src.length;
    pos = nl;
  }
}
