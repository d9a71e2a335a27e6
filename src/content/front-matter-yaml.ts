/**
 * Byte-preserving edits of YAML (front matter and data files such as `data/hours.yaml`).
 *
 * The yaml package's Document API gives every node its source range; an edit splices only the
 * bytes of the value it changes, so key order, quoting, comments, blank lines and the date
 * format of every other field stay exactly as they were. Re-stringifying the whole document
 * (`doc.toString()`) would refold long lines and re-indent lists — the mangling git-based CMSs
 * are hated for (issue 2 §6). Each edit is checked by parsing the result; when a splice cannot
 * be proven right (exotic layouts) the Document API's own output is used instead.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  stringify,
  type Document,
  type Node,
  type Pair,
} from 'yaml';
import { looksLikeDate } from './front-matter-dates.js';
import { type DataEdit, type DataPath, toPlainData } from './front-matter-values.js';

type Range = [number, number, number];
type StringType = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

const INLINE_SCALAR_TYPES = new Set(['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE']);
const NO_LAYOUT = { node: undefined, seqFlush: false, flowPadded: false } as const;

/** Parses YAML into plain data (core schema: dates stay strings as written). */
export function parseYamlData(source: string): unknown {
  const doc = parseDocument(source, { prettyErrors: false });
  if (doc.errors.length > 0) throw doc.errors[0];
  return doc.toJS() as unknown;
}

/** New YAML text for `data` (a new file): block style, no line folding. */
export function stringifyYaml(data: unknown): string {
  return stringify(toPlainData(data), { lineWidth: 0 });
}

/**
 * Applies `edits` to YAML `source` and returns the new text; every byte outside the changed
 * values stays. A value of `undefined` removes the key. Dates take the style of the old value.
 */
export function editYaml(source: string, edits: readonly DataEdit[]): string {
  const first = parseDocument(source, { prettyErrors: false });
  if (first.errors.length > 0) throw first.errors[0];
  const expected = parseDocument(source);
  let text = source;
  for (const edit of edits) {
    const doc = parseDocument(text);
    const value =
      edit.value === undefined ? undefined : toPlainData(edit.value, oldScalarText(doc, edit.path));
    if (value === undefined) {
      text = deleteAt(text, doc, edit.path);
      expected.deleteIn(edit.path);
    } else {
      text = setAt(text, doc, edit.path, value);
      expected.setIn(edit.path, value);
    }
  }
  const result = parseDocument(text);
  // An empty document reads as null, a map emptied by deletions as {}: both mean no fields.
  const dataOf = (doc: Document): unknown => doc.toJS() ?? {};
  if (result.errors.length === 0 && isDeepStrictEqual(dataOf(result), dataOf(expected)))
    return text;
  // The splice did not give the intended data (a layout we do not edit in place): fall back
  // to the Document API, which keeps comments and quoting but may re-indent.
  return expected.toString({ lineWidth: 0 });
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function oldScalarText(doc: Document, path: DataPath): string | undefined {
  const node = doc.getIn(path, true);
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

function rangeOf(node: Node): Range | undefined {
  return node.range ?? undefined;
}

/** End of a node's own text: block nodes' ranges include their final line break. */
function trimmedEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r')) at--;
  return at;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function findPair(doc: Document, path: DataPath): { pair: Pair; parent: Node } | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const key = path[path.length - 1];
  const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === key);
  return pair ? { pair, parent } : undefined;
}

function setAt(text: string, doc: Document, path: DataPath, value: unknown): string {
  const eol = eolOf(text);
  const found = findPair(doc, path);
  if (found) return replacePair(text, found.pair, value, eol);
  // Find the deepest existing map on the path and insert the rest there.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
    if (parent === null || parent === undefined) {
      if (depth === 0) return appendTopLevel(text, path, value, eol);
      continue;
    }
    if (!isMap(parent)) return text; // a scalar or list in the way: the fallback handles it
    let nested: unknown = value;
    for (let i = path.length - 1; i > depth; i--) nested = { [String(path[i])]: nested };
    return insertIntoMap(text, parent, String(path[depth]), nested, eol);
  }
  return text;
}

function appendTopLevel(text: string, path: DataPath, value: unknown, eol: string): string {
  let nested: unknown = value;
  for (let i = path.length - 1; i > 0; i--) nested = { [String(path[i])]: nested };
  const rendered = renderPair(renderScalar(String(path[0]), 'PLAIN'), nested, NO_LAYOUT, 0, eol);
  const sep = text.length === 0 || text.endsWith('\n') ? '' : eol;
  return `${text}${sep}${rendered}${eol}`;
}

function insertIntoMap(text: string, map: Node, key: string, value: unknown, eol: string): string {
  if (!isMap(map)) return text;
  if (map.flow) return text;
  const last = map.items[map.items.length - 1];
  const lastNode = (last?.value ?? last?.key) as Node | null | undefined;
  const lastRange = lastNode ? rangeOf(lastNode) : undefined;
  const firstKey = map.items[0]?.key as Node | undefined;
  const firstRange = firstKey ? rangeOf(firstKey) : undefined;
  if (!lastRange || !firstRange) return text;
  const indent = columnOf(text, firstRange[0]);
  // After the last pair's line (its range ends after its comment and line break, if any).
  let at = lastRange[2];
  const lineEnd = text.indexOf('\n', trimmedEnd(text, lastRange[1]));
  if (lineEnd !== -1 && lineEnd + 1 > at) at = lineEnd + 1;
  const rendered =
    ' '.repeat(indent) + renderPair(renderScalar(key, 'PLAIN'), value, NO_LAYOUT, indent, eol);
  if (at > 0 && text[at - 1] !== '\n')
    return `${text.slice(0, at)}${eol}${rendered}${text.slice(at)}`;
  return `${text.slice(0, at)}${rendered}${eol}${text.slice(at)}`;
}

function replacePair(text: string, pair: Pair, value: unknown, eol: string): string {
  const keyNode = pair.key as Node;
  const keyRange = rangeOf(keyNode);
  if (!keyRange) return text;
  const old = pair.value as Node | null;
  const oldRange = old ? rangeOf(old) : undefined;
  const inlineOld =
    isScalar(old) &&
    INLINE_SCALAR_TYPES.has(old.type ?? '') &&
    oldRange &&
    oldRange[1] > oldRange[0];
  const isScalarValue = value === null || ['string', 'number', 'boolean'].includes(typeof value);
  if (
    inlineOld &&
    oldRange &&
    isScalarValue &&
    !(typeof value === 'string' && value.includes('\n'))
  ) {
    const rendered = renderScalar(value, old.type as StringType);
    return text.slice(0, oldRange[0]) + rendered + text.slice(oldRange[1]);
  }
  const end =
    oldRange && oldRange[1] > oldRange[0]
      ? trimmedEnd(text, oldRange[1])
      : text.indexOf(':', keyRange[1]) + 1;
  const indent = columnOf(text, keyRange[0]);
  const keySource = text.slice(keyRange[0], keyRange[1]);
  const rendered = renderPair(keySource, value, layoutOf(text, keyRange[0], old), indent, eol);
  return text.slice(0, keyRange[0]) + rendered + text.slice(end);
}

function deleteAt(text: string, doc: Document, path: DataPath): string {
  const found = findPair(doc, path);
  if (!found) return text;
  const keyRange = rangeOf(found.pair.key as Node);
  if (!keyRange) return text;
  const valueNode = found.pair.value as Node | null;
  const valueRange = valueNode ? rangeOf(valueNode) : undefined;
  const start = text.lastIndexOf('\n', keyRange[0] - 1) + 1;
  const lastEnd = trimmedEnd(text, valueRange ? Math.max(valueRange[1], keyRange[1]) : keyRange[1]);
  const lineEnd = text.indexOf('\n', lastEnd);
  const end = lineEnd === -1 ? text.length : lineEnd + 1;
  return text.slice(0, start) + text.slice(end);
}

function multiLine(value: unknown): boolean {
  return typeof value === 'string' && value.includes('\n');
}

/**
 * YAML 1.1 quoting for new values: Jekyll (Ruby's Psych) and Hugo read `no`, `on`, `010` or
 * `12:30` written plain as booleans and numbers, so such strings are quoted. Dates are the
 * exception: written plain on purpose, so the generators read them as dates.
 */
function versionFor(value: unknown): '1.1' | '1.2' {
  return looksLikeDate(value) ? '1.2' : '1.1';
}

function renderScalar(value: unknown, type: StringType): string {
  return stringify(value, {
    defaultStringType: type,
    lineWidth: 0,
    version: versionFor(value),
  }).replace(/\n$/, '');
}

/** How an existing value is laid out, so a rewrite can keep it. */
interface OldLayout {
  node: Node | null | undefined;
  /** A block list written flush with its key (`tags:\n- a`). */
  seqFlush: boolean;
  /** A flow collection written with inner spaces (`[ a, b ]`). */
  flowPadded: boolean;
}

function layoutOf(text: string, keyStart: number, old: Node | null | undefined): OldLayout {
  const range = old ? rangeOf(old) : undefined;
  const flow = (isSeq(old) || isMap(old)) && old.flow === true;
  return {
    node: old,
    seqFlush:
      isSeq(old) &&
      !flow &&
      range !== undefined &&
      columnOf(text, range[0]) <= columnOf(text, keyStart),
    flowPadded:
      flow && range !== undefined && /^[[{][ \t]/.test(text.slice(range[0], range[0] + 2)),
  };
}

/**
 * `key: value` as YAML, with continuation lines indented to sit under column `indent`;
 * collections keep the old layout (flow or block, list indentation, flow padding).
 * `keyText` is written verbatim (so an odd key quoting survives).
 */
function renderPair(
  keyText: string,
  value: unknown,
  layout: OldLayout,
  indent: number,
  eol: string,
): string {
  const old = layout.node;
  const opts = {
    lineWidth: 0,
    indentSeq: !layout.seqFlush,
    flowCollectionPadding: layout.flowPadded,
    // A block scalar stays a block scalar only for text that still has several lines.
    defaultStringType: (isScalar(old) &&
    old.type &&
    (INLINE_SCALAR_TYPES.has(old.type) || multiLine(value))
      ? old.type
      : 'PLAIN') as StringType,
  };
  const holder = parseDocument('x: null', { version: versionFor(value) });
  const node = holder.createNode(value);
  if ((isSeq(node) || isMap(node)) && (isSeq(old) || isMap(old)) && old.flow === true)
    node.flow = true;
  holder.set('x', node);
  // Drop the placeholder key; keep ":" and what follows.
  const body = holder.toString(opts).replace(/\n$/, '').slice(1);
  const lines = `${keyText}${body}`.split('\n');
  return lines
    .map((line, i) => (i === 0 || line === '' ? line : ' '.repeat(indent) + line))
    .join(eol);
}
