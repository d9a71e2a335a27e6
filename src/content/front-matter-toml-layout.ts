/**
 * Where each key/value sits in a TOML text: a small scanner (no values are interpreted; that
 * is smol-toml's job) that records the byte ranges the byte-preserving editor splices.
 * It knows tables `[a.b]`, array tables `[[a]]` (their keys are not edited), dotted and quoted
 * keys, all four string kinds, multi-line arrays with comments, inline tables, and datetimes
 * written with a space (`1979-05-27 07:32:00Z`).
 */

/** One `key = value` line. Offsets are into the scanned text; `valueEnd` is exclusive. */
export interface TomlEntry {
  /** Full key path: the table's path and the (dotted) key. */
  path: string[];
  /** The path of the table the entry is in (`[]` for the root). */
  table: string[];
  /** Start of the entry's line. */
  lineStart: number;
  valueStart: number;
  valueEnd: number;
  /** After the entry's last line break (or the end of the text). */
  lineEnd: number;
  /** True inside an array table `[[x]]`: such entries are not edited in place. */
  inArrayTable: boolean;
}

/** A `[table]` header line. */
export interface TomlTable {
  path: string[];
  lineStart: number;
  lineEnd: number;
  array: boolean;
}

/** The entries and table headers of a TOML text, in order. */
export interface TomlLayout {
  entries: TomlEntry[];
  tables: TomlTable[];
}

const BARE_KEY = /[A-Za-z0-9_-]/;

/** Scans `text`; throws on a layout it does not understand (the caller then falls back). */
export function scanToml(text: string): TomlLayout {
  const entries: TomlEntry[] = [];
  const tables: TomlTable[] = [];
  let table: string[] = [];
  let inArrayTable = false;
  let pos = 0;
  while (pos < text.length) {
    const lineStart = pos;
    pos = skipSpaces(text, pos);
    const ch = text[pos];
    if (ch === '\n' || ch === '\r' || ch === '#' || ch === undefined) {
      pos = endOfLine(text, pos);
      continue;
    }
    if (ch === '[') {
      const array = text[pos + 1] === '[';
      const keys = readKey(text, pos + (array ? 2 : 1));
      pos = skipSpaces(text, keys.end);
      if (!text.startsWith(array ? ']]' : ']', pos))
        throw new Error(`TOML table header not closed at ${pos}`);
      pos = endOfLine(text, pos + (array ? 2 : 1));
      table = keys.path;
      inArrayTable = array;
      tables.push({ path: keys.path, lineStart, lineEnd: pos, array });
      continue;
    }
    const key = readKey(text, pos);
    pos = skipSpaces(text, key.end);
    if (text[pos] !== '=') throw new Error(`expected "=" after a TOML key at ${pos}`);
    const valueStart = skipSpaces(text, pos + 1);
    const valueEnd = scanValue(text, valueStart);
    pos = endOfLine(text, valueEnd);
    entries.push({
      path: [...table, ...key.path],
      table,
      lineStart,
      valueStart,
      valueEnd,
      lineEnd: pos,
      inArrayTable,
    });
  }
  return { entries, tables };
}

function skipSpaces(text: string, pos: number): number {
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  return pos;
}

/** After the line break that ends the line at `pos` (a trailing comment included). */
function endOfLine(text: string, pos: number): number {
  const at = text.indexOf('\n', pos);
  return at === -1 ? text.length : at + 1;
}

function readKey(text: string, start: number): { path: string[]; end: number } {
  const path: string[] = [];
  let pos = start;
  for (;;) {
    pos = skipSpaces(text, pos);
    const ch = text[pos];
    if (ch === '"' || ch === "'") {
      const end = scanString(text, pos);
      const raw = text.slice(pos, end);
      path.push(ch === '"' ? (JSON.parse(raw) as string) : raw.slice(1, -1));
      pos = end;
    } else {
      let end = pos;
      while (end < text.length && BARE_KEY.test(text[end] ?? '')) end++;
      if (end === pos) throw new Error(`expected a TOML key at ${pos}`);
      path.push(text.slice(pos, end));
      pos = end;
    }
    const next = skipSpaces(text, pos);
    if (text[next] !== '.') return { path, end: pos };
    pos = next + 1;
  }
}

/** End (exclusive) of the string starting at `start` (any of the four kinds). */
function scanString(text: string, start: number): number {
  const quote = text[start] ?? '';
  const triple = text.startsWith(quote.repeat(3), start);
  const closer = triple ? quote.repeat(3) : quote;
  let pos = start + closer.length;
  while (pos < text.length) {
    if (quote === '"' && text[pos] === '\\') {
      pos += 2;
      continue;
    }
    if (!triple && text[pos] === '\n') break;
    if (text.startsWith(closer, pos)) {
      let end = pos + closer.length;
      // `""""` closes with one quote of content before the three closing quotes.
      if (triple) for (let extra = 0; extra < 2 && text[end] === quote; extra++) end++;
      return end;
    }
    pos++;
  }
  throw new Error(`TOML string not closed at ${start}`);
}

/** End (exclusive) of the value starting at `start`. */
function scanValue(text: string, start: number): number {
  const ch = text[start];
  if (ch === '"' || ch === "'") return scanString(text, start);
  if (ch === '[' || ch === '{') return scanBracketed(text, start);
  const token = /^[^\s,\]}#]+/.exec(text.slice(start));
  if (!token) throw new Error(`expected a TOML value at ${start}`);
  let end = start + token[0].length;
  // A datetime may use a space between date and time.
  if (/^\d{4}-\d{2}-\d{2}$/.test(token[0])) {
    const time = /^ \d{2}:\d{2}[^\s,\]}#]*/.exec(text.slice(end));
    if (time) end += time[0].length;
  }
  return end;
}

function scanBracketed(text: string, start: number): number {
  const stack: string[] = [];
  let pos = start;
  while (pos < text.length) {
    const ch = text[pos] ?? '';
    if (ch === '"' || ch === "'") {
      pos = scanString(text, pos);
      continue;
    }
    if (ch === '#') {
      pos = text.indexOf('\n', pos);
      if (pos === -1) break;
      continue;
    }
    if (ch === '[' || ch === '{') stack.push(ch === '[' ? ']' : '}');
    else if (ch === ']' || ch === '}') {
      if (stack.pop() !== ch) throw new Error(`unbalanced TOML brackets at ${pos}`);
      if (stack.length === 0) return pos + 1;
    }
    pos++;
  }
  throw new Error(`TOML array or inline table not closed at ${start}`);
}
