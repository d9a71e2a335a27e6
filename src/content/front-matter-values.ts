/**
 * Values going into front matter or a data file: the edit type shared by the YAML, TOML and
 * JSON editors, and the conversion of JavaScript values (Dates above all) into what is written.
 */
import { SitedeskError } from '../shared/errors.js';
import { RFC3339_UTC, detectDateStyle, formatDate } from './front-matter-dates.js';

/** A key path into a document: `['hours', 'monday']`; numbers index lists. */
export type DataPath = readonly (string | number)[];

/** One change: set `path` to `value`, or remove it when `value` is undefined. */
export interface DataEdit {
  path: DataPath;
  value: unknown;
}

/**
 * `value` with every Date turned into text: in the style of `oldText` when that was a date
 * (same format and UTC offset), else RFC 3339 in UTC. Undefined object members are dropped.
 */
export function toPlainData(value: unknown, oldText?: string): unknown {
  if (value instanceof Date) {
    const style = oldText === undefined ? undefined : detectDateStyle(oldText);
    return formatDate(value, style ?? RFC3339_UTC);
  }
  if (Array.isArray(value)) return value.map((item) => toPlainData(item));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) out[key] = toPlainData(inner);
    }
    return out;
  }
  return value;
}

/** Top-level changes (`{ title: 'x', draft: undefined }`) as edits, in the order given. */
export function editsOf(changes: Record<string, unknown>): DataEdit[] {
  return Object.entries(changes).map(([key, value]) => ({ path: [key], value }));
}

/** Front matter or a data file cannot be read or written as asked; the message says where. */
export class FrontMatterError extends SitedeskError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('front_matter_invalid', message, options);
  }
}
