/**
 * Byte-preserving edits of JSON (Hugo's JSON front matter, `_data/*.json`) with jsonc-parser's
 * `modify`: it computes the smallest text edits for a change, so the order, spacing and
 * indentation of everything else stay. New keys go at the end of their object, indented like
 * the file. The result is checked by parsing it.
 */
import { isDeepStrictEqual } from 'node:util';
import { applyEdits, modify, parseTree, type FormattingOptions } from 'jsonc-parser';
import { type DataEdit, toPlainData } from './front-matter-values.js';

/** Parses JSON into data (strict JSON: no comments, no trailing commas). */
export function parseJsonData(source: string): unknown {
  return JSON.parse(source) as unknown;
}

/** Where the JSON object at the start of `text` ends (exclusive), or -1 when it does not. */
export function jsonObjectEnd(text: string): number {
  const root = parseTree(text, [], { allowTrailingComma: false, disallowComments: true });
  if (!root || root.type !== 'object') return -1;
  const end = root.offset + root.length;
  return text[end - 1] === '}' ? end : -1;
}

/** New JSON text for `data`: two-space indentation, no final line break. */
export function stringifyJson(data: unknown, eol = '\n'): string {
  return JSON.stringify(toPlainData(data), null, 2).replace(/\n/g, eol);
}

function formattingOf(text: string): FormattingOptions {
  const indent = /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
  return {
    insertSpaces: !indent.startsWith('\t'),
    tabSize: indent.startsWith('\t') ? 1 : indent.length,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}

/** Applies `edits` to JSON `source`; `undefined` removes a key; Dates keep the old format. */
export function editJson(source: string, edits: readonly DataEdit[]): string {
  const formattingOptions = formattingOf(source);
  let text = source;
  const expected = parseJsonData(source);
  for (const edit of edits) {
    const current = parseJsonData(text);
    const old = getIn(current, edit.path);
    const value =
      edit.value === undefined
        ? undefined
        : toPlainData(edit.value, typeof old === 'string' ? old : undefined);
    text = applyEdits(text, modify(text, [...edit.path], value, { formattingOptions }));
    setIn(expected, edit.path, value);
  }
  if (!isDeepStrictEqual(parseJsonData(text), expected)) {
    throw new Error('JSON edit gave unexpected data');
  }
  return text;
}

function getIn(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const key of path)
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[String(key)]
        : undefined;
  return node;
}

function setIn(data: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = data as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    if (node[String(key)] === null || typeof node[String(key)] !== 'object') node[String(key)] = {};
    node = node[String(key)] as Record<string, unknown>;
  }
  const last = String(path[path.length - 1]);
  if (value === undefined) delete node[last];
  else node[last] = value;
}
