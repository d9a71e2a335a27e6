/**
 * HTML → Markdown for the small texts kept in page regions (opening hours, today's menu), so
 * the secretary edits a region of a WordPress or Ghost page in the same Markdown she writes
 * everything else in. Covers what renderMarkdown produces (paragraphs, headings, lists,
 * emphasis, links, line breaks, rules, quotes, code); any other element keeps its text.
 * Not a general converter: a table or a gallery in a region comes back as its text.
 */
import { parseDocument } from 'htmlparser2';

interface Node {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

const BLOCKS = new Set(['p', 'div', 'section', 'article', 'header', 'footer', 'figure', 'table']);

function escapeText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([\\*_`[\]])/g, '\\$1');
}

function inline(nodes: Node[] | undefined): string {
  return (nodes ?? []).map(inlineNode).join('');
}

function inlineNode(node: Node): string {
  if (node.type === 'text') return escapeText(node.data ?? '');
  if (node.type !== 'tag') return '';
  const inner = inline(node.children);
  switch (node.name) {
    case 'strong':
    case 'b':
      return inner.trim() ? `**${inner}**` : inner;
    case 'em':
    case 'i':
      return inner.trim() ? `_${inner}_` : inner;
    case 'code':
      return `\`${(node.children ?? []).map(textOf).join('')}\``;
    case 'br':
      return '  \n';
    case 'a': {
      const href = node.attribs?.href;
      return href ? `[${inner}](${href})` : inner;
    }
    case 'img': {
      const src = node.attribs?.src;
      return src ? `![${escapeText(node.attribs?.alt ?? '')}](${src})` : '';
    }
    default:
      return inner;
  }
}

function textOf(node: Node): string {
  if (node.type === 'text') return node.data ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function blocks(nodes: Node[] | undefined, out: string[]): void {
  let run: Node[] = [];
  const flush = (): void => {
    const text = inline(run).trim();
    if (text) out.push(text);
    run = [];
  };
  for (const node of nodes ?? []) {
    const name = node.type === 'tag' ? (node.name ?? '') : '';
    const heading = /^h([1-6])$/.exec(name);
    if (heading) {
      flush();
      out.push(`${'#'.repeat(Number(heading[1]))} ${inline(node.children).trim()}`);
    } else if (name === 'ul' || name === 'ol') {
      flush();
      const items = (node.children ?? []).filter((c) => c.type === 'tag' && c.name === 'li');
      out.push(
        items
          .map((li, i) => `${name === 'ol' ? `${i + 1}.` : '-'} ${inline(li.children).trim()}`)
          .join('\n'),
      );
    } else if (name === 'blockquote') {
      flush();
      const inner: string[] = [];
      blocks(node.children, inner);
      out.push(inner.map((b) => b.replace(/^/gm, '> ')).join('\n>\n'));
    } else if (name === 'pre') {
      flush();
      out.push(`\`\`\`\n${textOf(node).replace(/\n$/, '')}\n\`\`\``);
    } else if (name === 'hr') {
      flush();
      out.push('---');
    } else if (BLOCKS.has(name)) {
      flush();
      blocks(node.children, out);
    } else if (node.type === 'text' || node.type === 'tag') {
      run.push(node);
    }
  }
  flush();
}

/** The Markdown of an HTML fragment (comments dropped, entities decoded). */
export function htmlToMarkdown(html: string): string {
  const document = parseDocument(html) as unknown as Node;
  const out: string[] = [];
  blocks(document.children, out);
  return out.join('\n\n');
}
