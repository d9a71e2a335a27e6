/** `npm run docs:api`: (re)writes docs/api.md from the OpenAPI document; see api-reference.ts. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_DOC_PATH, renderApiReference } from './api-reference.js';

const root = join(import.meta.dirname, '../..');
writeFileSync(join(root, API_DOC_PATH), await renderApiReference(root));
console.log(`Wrote ${API_DOC_PATH}.`);
