import { z } from 'zod';
import type { ApiRoute } from './define.js';

type JsonSchema = Record<string, unknown>;

// Input side of a request's schemas (what a caller sends; transforms and refinements keep their
// input type); output side of an answer's (what the caller gets). The per-schema `$schema` is
// dropped: OpenAPI 3.1 uses JSON Schema 2020-12 already.
function jsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete out.$schema;
  return out;
}

function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

const errorSchema: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            properties: { path: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
  },
};

function security(access: ApiRoute['spec']['access']): Record<string, string[]>[] {
  if (access === 'public') return [];
  if (access === 'client') return [{ clientLink: [] }];
  const agency: Record<string, string[]>[] = [{ session: [] }, { apiToken: [] }];
  return access === 'signed-in' ? [...agency, { clientLink: [] }] : agency;
}

/** The OpenAPI 3.1 document of `routes`, generated from the same zod schemas that validate them. */
export function openApiDocument(routes: readonly ApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec } of routes) {
    const path = spec.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...Object.entries(shapeOf(spec.params)).map(([name, s]) => ({
        name,
        in: 'path',
        required: true,
        schema: jsonSchema(s),
      })),
      ...Object.entries(shapeOf(spec.query)).map(([name, s]) => ({
        name,
        in: 'query',
        required: !s.safeParse(undefined).success,
        schema: jsonSchema(s),
      })),
    ];
    const operation: Record<string, unknown> = {
      operationId: `${spec.method}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      tags: [spec.tag],
      summary: spec.summary,
      'x-access': spec.access,
      security: security(spec.access),
      parameters,
      responses: {
        [String(spec.success ?? 200)]: {
          description: 'Success',
          ...(spec.success === 204
            ? {}
            : { content: { [spec.produces ?? 'application/json']: {} } }),
        },
        ...Object.fromEntries(
          Object.entries(spec.responses ?? {}).map(([status, answer]) => [
            status,
            {
              description: answer.description,
              ...(answer.schema
                ? {
                    content: {
                      'application/json': { schema: jsonSchema(answer.schema, 'output') },
                    },
                  }
                : {}),
            },
          ]),
        ),
        default: {
          description: 'An error',
          content: { 'application/json': { schema: errorSchema } },
        },
      },
    };
    if (spec.body) {
      const content: Record<string, unknown> = {
        'application/json': { schema: jsonSchema(spec.body) },
      };
      if (spec.bodyType === 'multipart') {
        const fields = jsonSchema(spec.body);
        const properties = {
          ...(fields.properties as JsonSchema),
          images: {
            type: 'array',
            items: { type: 'string', contentMediaType: 'application/octet-stream' },
          },
        };
        content['multipart/form-data'] = { schema: { ...fields, properties } };
      }
      operation.requestBody = { required: true, content };
    }
    paths[path] = { ...paths[path], [spec.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'sitedesk API',
      version,
      description:
        'Errors are `{ "error": { "code", "message", "details": [{ "path", "message" }] } }`. Cookie-authenticated writes must send the `X-CSRF-Token` header.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'sitedesk_session' },
        apiToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An API token (sdt_…) made with POST /api/v1/tokens',
        },
        clientLink: {
          type: 'http',
          scheme: 'bearer',
          description: 'A client’s private link token (sdc_…)',
        },
      },
    },
    paths,
  };
}
