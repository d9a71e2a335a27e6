/**
 * Front matter: read, change and create it without mangling what a person wrote (issue 2 §6).
 * Formats: YAML between `---` lines, TOML between `+++` lines, and a JSON object at the very
 * top of the file (Hugo). Changing some fields splices only their values; key order, quoting,
 * comments, blank lines, line endings (LF or CRLF) and the date format of the rest stay byte
 * for byte. See front-matter-yaml.ts, front-matter-toml.ts and front-matter-json.ts for what
 * each editor supports.
 */
import { messageOf } from '../shared/errors.js';
import { editJson, jsonObjectEnd, parseJsonData, stringifyJson } from './front-matter-json.js';
import { editToml, parseTomlData, stringifyToml } from './front-matter-toml.js';
import { FrontMatterError, editsOf, type DataEdit } from './front-matter-values.js';
import { editYaml, parseYamlData, stringifyYaml } from './front-matter-yaml.js';

export { FrontMatterError, type DataEdit, type DataPath } from './front-matter-values.js';

/** The three front matter formats. */
export type FrontMatterFormat = 'yaml' | 'toml' | 'json';

/** A file split into its front matter and body. */
export interface ParsedFrontMatter {
  /** Undefined when the file has no front matter. */
  format: FrontMatterFormat | undefined;
  /** The fields; YAML dates are strings as written, TOML datetimes are Date objects. */
  data: Record<string, unknown>;
  /** Everything after the closing delimiter line. */
  body: string;
  /** The front matter text between the delimiters, as written. */
  matter: string;
  /** The file's line ending. */
  eol: '\n' | '\r\n';
}

interface Split {
  format: FrontMatterFormat | undefined;
  /** BOM and opening delimiter line. */
  open: string;
  matter: string;
  /** Closing delimiter line (with its line break). */
  close: string;
  body: string;
}

const DELIMITERS = {
  yaml: { open: /^(\uFEFF?)---[ \t]*\r?\n/, close: /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m },
  toml: { open: /^(\uFEFF?)\+\+\+[ \t]*\r?\n/, close: /^\+\+\+[ \t]*(?:\r?\n|$)/m },
} as const;

function split(text: string): Split {
  for (const format of ['yaml', 'toml'] as const) {
    const open = DELIMITERS[format].open.exec(text);
    if (!open) continue;
    const rest = text.slice(open[0].length);
    const close = DELIMITERS[format].close.exec(rest);
    if (!close)
      throw new FrontMatterError(
        `The ${format.toUpperCase()} front matter opened on line 1 is never closed.`,
      );
    return {
      format,
      open: open[0],
      matter: rest.slice(0, close.index),
      close: close[0],
      body: rest.slice(close.index + close[0].length),
    };
  }
  const json = /^\uFEFF?\{/.exec(text);
  if (json) {
    const bom = json[0].length - 1;
    const end = jsonObjectEnd(text.slice(bom));
    if (end === -1)
      throw new FrontMatterError(
        'The JSON front matter at the top of the file is not a complete JSON object.',
      );
    const after = /^[ \t]*(?:\r?\n|$)/.exec(text.slice(bom + end))?.[0] ?? '';
    return {
      format: 'json',
      open: text.slice(0, bom),
      matter: text.slice(bom, bom + end),
      close: after,
      body: text.slice(bom + end + after.length),
    };
  }
  return { format: undefined, open: '', matter: '', close: '', body: text };
}

function parseData(format: FrontMatterFormat, matter: string): Record<string, unknown> {
  let data: unknown;
  try {
    if (format === 'yaml') data = parseYamlData(matter) ?? {};
    else if (format === 'toml') data = parseTomlData(matter);
    else data = parseJsonData(matter);
  } catch (error) {
    throw new FrontMatterError(
      `The ${format.toUpperCase()} front matter is not valid: ${messageOf(error)}`,
      { cause: error },
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new FrontMatterError(
      `The ${format.toUpperCase()} front matter must hold fields (key: value), not a list or a single value.`,
    );
  }
  return data as Record<string, unknown>;
}

/** Splits `text` into front matter fields and body; a file without front matter has `{}`. */
export function parseFrontMatter(text: string): ParsedFrontMatter {
  const parts = split(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (parts.format === undefined)
    return { format: undefined, data: {}, body: text, matter: '', eol };
  return {
    format: parts.format,
    data: parseData(parts.format, parts.matter),
    body: parts.body,
    matter: parts.matter,
    eol,
  };
}

/**
 * Applies edits (key paths) to a data text of `format` (a front matter or a whole data file
 * such as `data/hours.yaml`); every other byte stays.
 */
export function editData(
  format: FrontMatterFormat,
  text: string,
  edits: readonly DataEdit[],
): string {
  try {
    if (format === 'yaml') return editYaml(text, edits);
    if (format === 'toml') return editToml(text, edits);
    return editJson(text, edits);
  } catch (error) {
    if (error instanceof FrontMatterError) throw error;
    throw new FrontMatterError(
      `Could not change the ${format.toUpperCase()} data: ${messageOf(error)}`,
      { cause: error },
    );
  }
}

/** The data format of a file by its extension (`.yaml`/`.yml`, `.toml`, `.json`), else undefined. */
export function dataFormatOfPath(path: string): FrontMatterFormat | undefined {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.toml$/i.test(path)) return 'toml';
  if (/\.json$/i.test(path)) return 'json';
  return undefined;
}

function withEol(body: string, eol: string): string {
  return eol === '\r\n' ? body.replace(/\r?\n/g, '\r\n') : body;
}

/**
 * `text` with the fields in `changes` set (a value of `undefined` removes the field) and the
 * body replaced by `newBody` when given (converted to the file's line ending). Top-level keys
 * only; untouched fields keep their bytes. A file without front matter gets new front matter
 * in `formatIfNone` (default YAML).
 */
export function updateFrontMatter(
  text: string,
  changes: Record<string, unknown>,
  newBody?: string,
  formatIfNone: FrontMatterFormat = 'yaml',
): string {
  const parts = split(text);
  if (parts.format === undefined) {
    const data = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    return createFrontMatter(formatIfNone, data, newBody ?? text);
  }
  parseData(parts.format, parts.matter); // a broken front matter is an error, not something to edit
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const matter = editData(parts.format, parts.matter, editsOf(changes));
  const body = newBody === undefined ? parts.body : withEol(newBody, eol);
  // JSON front matter needs a line break between the object and the body.
  const close = parts.format === 'json' && parts.close === '' && body !== '' ? eol : parts.close;
  return `${parts.open}${matter}${close}${body}`;
}

/**
 * A new file: `data` as front matter of `format`, then `body` (given as is). Dates become
 * RFC 3339 UTC text (TOML: datetimes); undefined fields are left out.
 */
export function createFrontMatter(
  format: FrontMatterFormat,
  data: Record<string, unknown>,
  body: string,
  eol: '\n' | '\r\n' = '\n',
): string {
  const fields = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  if (format === 'json') return `${stringifyJson(fields, eol)}${eol}${body}`;
  if (format === 'toml') return `+++${eol}${stringifyToml(fields, eol)}+++${eol}${body}`;
  const yaml = Object.keys(fields).length === 0 ? '' : withEol(stringifyYaml(fields), eol);
  return `---${eol}${yaml}---${eol}${body}`;
}
