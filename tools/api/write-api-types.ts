/** `npm run gen:api-types`: (re)writes the web app's API types; see api-types.ts. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_TYPES_PATH, renderApiTypes } from './api-types.js';

const root = join(import.meta.dirname, '../..');
writeFileSync(join(root, API_TYPES_PATH), await renderApiTypes(root));
console.log(`Wrote ${API_TYPES_PATH}.`);
