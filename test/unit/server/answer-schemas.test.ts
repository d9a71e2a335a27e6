import { describe, expect, it } from 'vitest';
import { currentOpenApiDocument } from '../../../tools/api/openapi-document.js';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

describe('every route that answers JSON declares what it answers', () => {
  it('has a schema for each JSON success in the OpenAPI document (so the answer check holds it)', async () => {
    const document = (await currentOpenApiDocument()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const bare: string[] = [];
    let declared = 0;
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [status, answer] of Object.entries(operation.responses)) {
          const json = answer.content?.['application/json'];
          if (!/^2\d\d$/.test(status) || !json) continue;
          if (json.schema && Object.keys(json.schema).length > 0) declared++;
          else bare.push(`${method.toUpperCase()} ${path} ${status}`);
        }
    // A new route gives its answer schema in its spec's `responses` (src/server/answers/).
    expect(bare).toEqual([]);
    expect(declared).toBeGreaterThan(120);
  }, 60_000);
});
