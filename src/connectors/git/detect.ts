/**
 * Which static site generator a repository is built with, by its config files (issue 14
 * "Sites": the generator is detected on check; she can change it). Read from the warm clone;
 * nothing in the repository is run. The more specific names are tried first: Astro and
 * Eleventy have files of their own, Jekyll its `_config.*`, and Hugo last because its older
 * `config.toml` is a generic name.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Generator } from './generators.js';

/** Config files per generator, in the order they are looked for. */
export const GENERATOR_FILES: readonly (readonly [Generator, readonly string[]])[] = [
  ['astro', ['astro.config.mjs', 'astro.config.ts', 'astro.config.js', 'astro.config.mts']],
  [
    'eleventy',
    [
      'eleventy.config.js',
      'eleventy.config.mjs',
      'eleventy.config.cjs',
      'eleventy.config.ts',
      '.eleventy.js',
      '.eleventy.cjs',
      '.eleventy.mjs',
    ],
  ],
  ['jekyll', ['_config.yml', '_config.yaml', '_config.toml']],
  [
    'hugo',
    [
      'hugo.toml',
      'hugo.yaml',
      'hugo.yml',
      'hugo.json',
      'config/_default/hugo.toml',
      'config/_default/config.toml',
      'config.toml',
      'config.yaml',
      'config.yml',
      'config.json',
    ],
  ],
];

/** What detectGenerator found: the generator and the file that told. */
export interface DetectedGenerator {
  generator: Generator;
  /** The config file, relative to the repository root, e.g. `hugo.toml`. */
  file: string;
}

/** The generator of the checkout in `dir`, or undefined when no known config file is there. */
export async function detectGenerator(dir: string): Promise<DetectedGenerator | undefined> {
  for (const [generator, files] of GENERATOR_FILES) {
    for (const file of files) {
      const found = await stat(join(dir, file)).then(
        (st) => st.isFile(),
        () => false,
      );
      if (found) return { generator, file };
    }
  }
  return undefined;
}
