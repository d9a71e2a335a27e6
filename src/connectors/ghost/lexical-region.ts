/**
 * Regions on Ghost pages. Ghost stores content as Lexical JSON; sending the page back as HTML
 * would be re-converted and lose cards, embeds and formatting. So a region lives inside an
 * HTML card (an editor "HTML" block, Lexical node `{type: 'html', html}`) holding
 * `<!-- sitedesk:NAME --> … <!-- /sitedesk:NAME -->`, and only that card's `html` string is
 * replaced, by string surgery on the stored JSON, so every other byte of the document stays.
 */
import { RegionError, readRegion, replaceRegion } from '../../content/regions.js';

interface LexicalNode {
  type?: unknown;
  html?: unknown;
  children?: unknown;
}

function isNode(value: unknown): value is LexicalNode {
  return typeof value === 'object' && value !== null;
}

/** Every `html` card's content, in document order (cards may sit inside other nodes). */
export function htmlCards(lexical: string): string[] {
  const root: unknown = JSON.parse(lexical);
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (!isNode(node)) return;
    if (node.type === 'html' && typeof node.html === 'string') found.push(node.html);
    if (Array.isArray(node.children)) node.children.forEach(walk);
    if ('root' in node) walk(node.root);
  };
  walk(root);
  return found;
}

function hasRegion(html: string, name: string): boolean {
  try {
    readRegion(html, name);
    return true;
  } catch (error) {
    if (error instanceof RegionError && error.code === 'region_missing') return false;
    throw error;
  }
}

/**
 * The Lexical document with region `name` replaced by `html`. Throws RegionError
 * `region_missing` (with how to add the card) when no HTML card holds the region, and
 * `region_duplicated` when more than one does.
 */
export function replaceLexicalRegion(lexical: string, name: string, html: string): string {
  const cards = htmlCards(lexical).filter((card) => hasRegion(card, name));
  const [card] = cards;
  if (!card) {
    throw new RegionError(
      'region_missing',
      name,
      `the Ghost page has no region "${name}" in an HTML card: in Ghost's editor add an HTML card ` +
        `(type "/html") containing <!-- sitedesk:${name} --><!-- /sitedesk:${name} --> where the region belongs`,
    );
  }
  if (cards.length > 1) {
    throw new RegionError(
      'region_duplicated',
      name,
      `${cards.length} HTML cards of the Ghost page hold region "${name}"; keep one`,
    );
  }
  const updated = replaceRegion(card, name, html);
  // Ghost serialises Lexical with JSON.stringify, so the card's html appears encoded exactly so.
  const encodedOld = JSON.stringify(card);
  const at = lexical.indexOf(encodedOld);
  if (at >= 0 && lexical.indexOf(encodedOld, at + 1) < 0) {
    return lexical.slice(0, at) + JSON.stringify(updated) + lexical.slice(at + encodedOld.length);
  }
  // Stored differently (escapes) or twice as text: rewrite through the parsed tree instead;
  // the document is unchanged in meaning, though its escaping may be normalised.
  return JSON.stringify(JSON.parse(lexical), (key, value: unknown) =>
    key === 'html' && value === card ? updated : value,
  );
}
