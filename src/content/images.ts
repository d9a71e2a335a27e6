import { Parser } from 'htmlparser2';

/**
 * Finding and rewriting `<img src>` in HTML without re-serialising it: htmlparser2 reports
 * where each attribute starts and ends, and only those bytes are replaced. Connectors use
 * this to upload the images a post references (`![alt](photo.jpg)`) and point the post at
 * the uploaded URLs, leaving the rest of the HTML exactly as rendered.
 */

/** One `src` attribute of an `<img>`: its decoded value and where the attribute sits. */
interface SrcAttribute {
  value: string;
  /** Index of the attribute name's first character in the HTML. */
  start: number;
  /** Index just past the attribute (past the closing quote, if any). */
  end: number;
}

/** Every `<img src>` in `html` in document order; images inside comments or scripts are not. */
function findImageSrcAttributes(html: string): SrcAttribute[] {
  const found: SrcAttribute[] = [];
  let inImg = false;
  let seenSrc = false;
  const parser = new Parser(
    {
      onopentagname(name) {
        inImg = name === 'img';
        seenSrc = false;
      },
      onattribute(name, value) {
        // Browsers use the first of duplicated attributes, so only the first src counts.
        if (!inImg || name !== 'src' || seenSrc) return;
        seenSrc = true;
        found.push({ value, start: parser.startIndex, end: parser.endIndex });
      },
      onopentag() {
        inImg = false;
      },
    },
    { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true },
  );
  parser.end(html);
  return found;
}

/** The `src` of every `<img>` in `html`, entity-decoded, in document order, duplicates kept. */
export function imageSources(html: string): string[] {
  return findImageSrcAttributes(html).map((attribute) => attribute.value);
}

/**
 * `html` with each `<img src>` replaced by `map(src)`; where `map` returns undefined the
 * image is left alone. Only the rewritten `src="…"` attributes change: every other byte of
 * the HTML stays as it was.
 */
export function rewriteImageSources(
  html: string,
  map: (src: string) => string | undefined,
): string {
  let out = '';
  let last = 0;
  for (const attribute of findImageSrcAttributes(html)) {
    const next = map(attribute.value);
    if (next === undefined) continue;
    out += `${html.slice(last, attribute.start)}src="${escapeAttribute(next)}"`;
    last = attribute.end;
  }
  return out + html.slice(last);
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
