/**
 * What changed between two versions of a text, for the client who saw the earlier one: the
 * title, and the lines that are new or gone (a line moved is neither). Blank lines are not
 * news; at most 50 of each, each cut at 2,000 characters.
 */
export interface TextChanges {
  title?: { from: string; to: string };
  added: string[];
  removed: string[];
}

/** A text as the client saw it. */
export interface TextVersion {
  title: string;
  markdown: string;
}

const LIMIT = 50;
const lines = (markdown: string): string[] =>
  markdown
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The changes from `before` to `after` (each multiset of lines compared). */
export function textChanges(before: TextVersion, after: TextVersion): TextChanges {
  const onlyIn = (a: string[], b: string[]): string[] => {
    const left = new Map<string, number>();
    for (const line of b) left.set(line, (left.get(line) ?? 0) + 1);
    return a.filter((line) => {
      const n = left.get(line) ?? 0;
      if (n > 0) left.set(line, n - 1);
      return n === 0;
    });
  };
  const old = lines(before.markdown);
  const now = lines(after.markdown);
  const cut = (list: string[]) => list.slice(0, LIMIT).map((line) => line.slice(0, 2000));
  return {
    ...(before.title !== after.title ? { title: { from: before.title, to: after.title } } : {}),
    added: cut(onlyIn(now, old)),
    removed: cut(onlyIn(old, now)),
  };
}
