/**
 * Byte-preserving edits of TOML (Hugo's `+++` front matter, `data/*.toml`). smol-toml parses;
 * edits are spliced into the text at the ranges `scanToml` reads from toml-eslint-parser's
 * syntax tree, so comments, key order, quoting and date formats of everything else stay.
 * Supported in place: changing, adding and removing keys of the root table and of `[tables]`
 * (dotted paths), and whole values of any kind; a key inside an inline table rewrites that
 * inline table. Keys inside array tables `[[x]]` and text the parser rejects are handled by
 * re-stringifying the whole text with smol-toml (correct data, comments lost) — the result is
 * always checked by parsing it.
 */
import { isDeepStrictEqual } from 'node:util';
import { parse, stringify } from 'smol-toml';
import { RFC3339_UTC, detectDateStyle, formatDate } from './front-matter-dates.js';
import type { DataEdit, DataPath } from './front-matter-values.js';
import {
  scanToml,
  type TomlEntry,
  type TomlLayout,
  type TomlTable,
} from './front-matter-toml-layout.js';

/** Parses TOML into data; datetimes are Date objects (smol-toml's TomlDate). */
export function parseTomlData(source: string): Record<string, unknown> {
  return parse(source) as Record<string, unknown>;
}

/** New TOML text for `data` (a new file): one `key = value` line per key, inline tables. */
export function stringifyToml(data: Record<string, unknown>, eol = '\n'): string {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${renderKey(key)} = ${renderTomlValue(value)}${eol}`)
    .join('');
}

/**
 * Applies `edits` to TOML `source`; `undefined` (or null: TOML has no null) removes a key.
 * Dates are written as TOML datetimes in the style of the old value.
 */
export function editToml(source: string, edits: readonly DataEdit[]): string {
  const expected = parseTomlData(source);
  let text = source;
  let inPlace = true;
  for (const edit of edits) {
    const remove = edit.value === undefined || edit.value === null;
    let layout: TomlLayout;
    try {
      layout = scanToml(text);
    } catch {
      inPlace = false;
      break;
    }
    const entry = layout.entries.find((e) => samePath(e.path, edit.path));
    const rendered = remove
      ? ''
      : renderTomlValue(
          edit.value,
          entry ? text.slice(entry.valueStart, entry.valueEnd) : undefined,
        );
    if (remove) deleteIn(expected, edit.path);
    else setIn(expected, edit.path, (parse(`x = ${rendered}`) as { x: unknown }).x);
    const next = inPlace
      ? spliceEdit(text, layout, edit.path, remove ? undefined : rendered, expected)
      : undefined;
    if (next === undefined) inPlace = false;
    else text = next;
  }
  if (inPlace) {
    try {
      if (isDeepStrictEqual(normalise(parse(text)), normalise(expected))) return text;
    } catch {
      // fall through to the re-stringified text
    }
  }
  return stringify(expected);
}

function spliceEdit(
  text: string,
  layout: TomlLayout,
  path: DataPath,
  rendered: string | undefined,
  expected: Record<string, unknown>,
): string | undefined {
  const entry = layout.entries.find((e) => samePath(e.path, path));
  if (entry?.inArrayTable) return undefined;
  if (entry) {
    if (rendered === undefined) return text.slice(0, entry.lineStart) + text.slice(entry.lineEnd);
    return text.slice(0, entry.valueStart) + rendered + text.slice(entry.valueEnd);
  }
  const section = layout.tables.find((t) => !t.array && samePath(t.path, path));
  if (section)
    return replaceSection(
      text,
      layout,
      section,
      rendered === undefined ? undefined : getIn(expected, section.path),
    );
  if (rendered === undefined) return text; // nothing to remove
  // A key inside an inline table: rewrite that table's value as a whole.
  const holder = layout.entries.find(
    (e) => e.path.length < path.length && samePath(e.path, path.slice(0, e.path.length)),
  );
  if (holder) {
    if (holder.inArrayTable) return undefined;
    const value = getIn(expected, holder.path);
    return (
      text.slice(0, holder.valueStart) +
      renderTomlValue(value, text.slice(holder.valueStart, holder.valueEnd)) +
      text.slice(holder.valueEnd)
    );
  }
  return insertEntry(text, layout, path, rendered);
}

/**
 * A whole `[table]` set to `value`: a table value rewrites the section's lines (header kept);
 * anything else (or a removal) drops the section, and a non-table value goes to the root.
 */
function replaceSection(
  text: string,
  layout: TomlLayout,
  table: TomlTable,
  value: unknown,
): string | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const next = layout.tables.find((t) => t.lineStart > table.lineStart);
  const end = next?.lineStart ?? text.length;
  const isTable =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date);
  if (isTable) {
    const lines = Object.entries(value)
      .filter(([, inner]) => inner !== undefined && inner !== null)
      .map(([key, inner]) => `${renderKey(key)} = ${renderTomlValue(inner)}${eol}`)
      .join('');
    const gap = next ? eol : '';
    return text.slice(0, table.lineEnd) + lines + gap + text.slice(end);
  }
  const without = text.slice(0, table.lineStart) + text.slice(end);
  if (value === undefined) return without;
  return insertEntry(without, scanToml(without), table.path, renderTomlValue(value));
}

/** Adds `key = value` at the end of the deepest existing table on the path (root if none). */
function insertEntry(
  text: string,
  layout: TomlLayout,
  path: DataPath,
  rendered: string,
): string | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const tables = layout.tables.filter(
    (t) =>
      !t.array && t.path.length < path.length && samePath(t.path, path.slice(0, t.path.length)),
  );
  const table = tables.sort((a, b) => b.path.length - a.path.length)[0];
  const tablePath = table?.path ?? [];
  if (layout.tables.some((t) => t.array && samePath(t.path, tablePath))) return undefined;
  const line = `${path
    .slice(tablePath.length)
    .map((k) => renderKey(String(k)))
    .join('.')} = ${rendered}${eol}`;
  const own = layout.entries.filter((e) => samePath(e.table, tablePath) && !e.inArrayTable);
  const last: TomlEntry | undefined = own[own.length - 1];
  let at: number;
  if (last) at = last.lineEnd;
  else if (table) at = table.lineEnd;
  else at = layout.tables[0]?.lineStart ?? text.length;
  const prefix = at > 0 && text[at - 1] !== '\n' ? eol : '';
  return text.slice(0, at) + prefix + line + text.slice(at);
}

function samePath(a: readonly (string | number)[], b: DataPath): boolean {
  return a.length === b.length && a.every((part, i) => String(part) === String(b[i]));
}

function getIn(data: Record<string, unknown>, path: readonly string[]): unknown {
  let node: unknown = data;
  for (const key of path)
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[key]
        : undefined;
  return node;
}

function setIn(data: Record<string, unknown>, path: DataPath, value: unknown): void {
  let node = data;
  for (const key of path.slice(0, -1)) {
    const next = node[String(key)];
    if (next === null || typeof next !== 'object') node[String(key)] = {};
    node = node[String(key)] as Record<string, unknown>;
  }
  node[String(path[path.length - 1])] = value;
}

function deleteIn(data: Record<string, unknown>, path: DataPath): void {
  const parent = getIn(data, path.slice(0, -1).map(String));
  if (parent !== null && typeof parent === 'object')
    delete (parent as Record<string, unknown>)[String(path[path.length - 1])];
}

/** Datetimes compared by how they are written (TomlDate keeps that), everything else as is. */
function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

function renderKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : basicString(key);
}

function basicString(value: string): string {
  // JSON's escapes are TOML basic-string escapes, except \u for the few it writes that way.
  return JSON.stringify(value).replace(/\\u007f/gi, '\\u007F');
}

/** A value as TOML text, in the style of `oldRaw` (the old value's text) where it fits. */
export function renderTomlValue(value: unknown, oldRaw?: string): string {
  const quotedOld = oldRaw !== undefined && /^["']/.test(oldRaw);
  if (value instanceof Date) {
    const inner = quotedOld ? oldRaw.replace(/^("""|'''|"|')|("""|'''|"|')$/g, '') : oldRaw;
    const text = formatDate(
      value,
      (inner === undefined ? undefined : detectDateStyle(inner)) ?? RFC3339_UTC,
    );
    return quotedOld ? renderTomlValue(text, oldRaw) : text;
  }
  if (typeof value === 'string') {
    // Literal strings cannot hold a quote, a line break or a control character (tab is fine).
    const literalOk = [...value].every(
      (ch) => ch !== "'" && (ch === '\t' || (ch >= ' ' && ch !== '\u007f')),
    );
    if (oldRaw?.startsWith("'") && !oldRaw.startsWith("'''") && literalOk) return `'${value}'`;
    return basicString(value);
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) {
    const pad = oldRaw?.startsWith('[ ') ? ' ' : '';
    return `[${pad}${value.map((item) => renderTomlValue(item)).join(', ')}${pad}]`;
  }
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value)
      .filter(([, inner]) => inner !== undefined && inner !== null)
      .map(([key, inner]) => `${renderKey(key)} = ${renderTomlValue(inner)}`);
    return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
  }
  throw new TypeError(`TOML cannot hold the value ${String(value)}`);
}
