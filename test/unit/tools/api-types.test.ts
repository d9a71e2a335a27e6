import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TYPES_PATH, renderApiTypes } from '../../../tools/api/api-types.js';

const root = join(import.meta.dirname, '../../..');

describe('the web app’s generated API types', () => {
  it('are what `npm run gen:api-types` writes from the OpenAPI document now', async () => {
    const committed = readFileSync(join(root, API_TYPES_PATH), 'utf8');
    const current = await renderApiTypes(root);
    // On failure: run `npm run gen:api-types` and commit src/ui/src/api/schema.gen.ts.
    expect(committed === current, 'src/ui/src/api/schema.gen.ts is stale').toBe(true);
    // Spot checks that the file describes the routes the app calls, with their zod-made shapes.
    expect(current).toContain("'/api/v1/tasks/{id}/status': {");
    expect(current).toMatch(/to:\s*\n?\s*\| 'open'/);
  }, 60_000);

  it('are what the app’s answer types are made of: src/ui/src/api/types.ts copies none by hand', () => {
    const types = readFileSync(join(root, 'src/ui/src/api/types.ts'), 'utf8');
    // Page<T> is the one generic shape; every other answer type is an alias of a generated one.
    const handMade = [...types.matchAll(/^export interface (\w+)/gm)].map((m) => m[1]);
    expect(handMade).toEqual(['Page']);
    expect(types).toMatch(/export type Task = /);
  });

  it('are what the screens’ own answer types are made of too (regions, letters, meetings, mailings)', () => {
    for (const file of [
      'src/ui/src/api/region-types.ts',
      'src/ui/src/letters/types.ts',
      'src/ui/src/meetings/types.ts',
      'src/ui/src/mailings/types.ts',
    ]) {
      const types = readFileSync(join(root, file), 'utf8');
      expect(
        [...types.matchAll(/^export interface (\w+)/gm)].map((m) => m[1]),
        file,
      ).toEqual([]);
      expect(types, file).toMatch(/Answer</);
    }
  });
});
