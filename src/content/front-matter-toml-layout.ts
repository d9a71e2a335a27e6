/**
 * Where each key/value sits in a TOML text, read from toml-eslint-parser's syntax tree (a
 * maintained TOML 1.0 parser that keeps every node's source range): the byte ranges the
 * layout-keeping editor (front-matter-toml.ts) splices, as the YAML editor uses the `yaml`
 * package's ranges. Values are not interpreted here; that is smol-toml's job.
 */
import { parseTOML, type AST } from 'toml-eslint-parser';

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
  /** After the entry's last line break (or the end of the text); a trailing comment is inside. */
  lineEnd: number;
  /** True inside an array table `[[x]]`: such entries are not edited in place. */
  inArrayTable: boolean;
}

/** A `[table]` or `[[array table]]` header line. */
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

/** Reads the layout of `text`; throws on text that is not TOML (the caller then falls back). */
export function scanToml(text: string): TomlLayout {
  const entries: TomlEntry[] = [];
  const tables: TomlTable[] = [];
  const entry = (node: AST.TOMLKeyValue, table: string[], inArrayTable: boolean): void => {
    const [valueStart, valueEnd] = node.value.range;
    entries.push({
      path: [...table, ...keyPath(node.key)],
      table,
      lineStart: startOfLine(text, node.range[0]),
      valueStart,
      valueEnd,
      lineEnd: endOfLine(text, valueEnd),
      inArrayTable,
    });
  };
  for (const top of parseTOML(text).body) {
    for (const node of top.body) {
      if (node.type === 'TOMLKeyValue') {
        entry(node, [], false);
        continue;
      }
      const path = keyPath(node.key);
      const array = node.kind === 'array';
      tables.push({
        path,
        lineStart: startOfLine(text, node.range[0]),
        // The closing bracket stands on the key's line (TOML allows no line break in a header).
        lineEnd: endOfLine(text, node.key.range[1]),
        array,
      });
      for (const inner of node.body) entry(inner, path, array);
    }
  }
  return { entries, tables };
}

function keyPath(key: AST.TOMLKey): string[] {
  return key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : part.value));
}

function startOfLine(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

/** After the line break that ends the line at `pos` (a trailing comment included). */
function endOfLine(text: string, pos: number): number {
  const at = text.indexOf('\n', pos);
  return at === -1 ? text.length : at + 1;
}
