import { API_SCOPES } from '@tradeloop/core';
import { z } from 'zod';
import type { Operation } from './operation.js';
import { OPERATIONS } from './operations.js';

/** What every refusal answers: the first problem's code, path and message, and every problem. */
export const errorSchema = z.object({
  code: z
    .string()
    .meta({ description: 'stable: input.invalid, permission.denied, auth.token_invalid, order.not_found…' }),
  path: z.array(z.union([z.string(), z.int()])),
  message: z.string(),
  hint: z.string().optional(),
  issues: z.array(z.object({ code: z.string(), path: z.array(z.union([z.string(), z.int()])), message: z.string() })),
});

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

/** A route's path or query fields as OpenAPI parameters. */
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s as { description?: string };
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function describe(op: Operation<never, never, never>): JsonSchema {
  const responses: JsonSchema = {
    [op.status]: {
      description: op.status === 201 ? 'created' : 'done',
      content: { 'application/json': { schema: schemaOf(op.response, 'output') } },
      ...(op.status === 201 && op.location
        ? { headers: { Location: { schema: { type: 'string' }, description: 'where to read it' } } }
        : {}),
    },
    400: errorResponse(
      'the request cannot be read: `input.invalid`, `query.cursor_invalid`, `idempotency.key_invalid`',
    ),
    401: errorResponse('no token, or one unknown, expired or revoked: `auth.*`'),
    403: errorResponse(
      'the token lacks the scope (`api.scope_missing`) or the user the permission or the record (`permission.*`)',
    ),
    404: errorResponse('no such record: `*.not_found`'),
    429: errorResponse('too many requests for this token: `api.rate_limited`; see Retry-After'),
  };
  if (op.method === 'POST') {
    responses[409] = errorResponse('the record changed or was being changed');
    responses[422] = errorResponse(
      'refused by the book’s rules (`command.rejected` and others), or an Idempotency-Key sent with another request (`idempotency.mismatch`)',
    );
  }
  const idempotencyKey =
    op.method === 'POST' && op.command
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'any unique text (a UUID): a request sent again with the same key is answered as the first time and done once; kept a day',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ]
      : [];
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: [{ bearer: [op.scope] }],
    'x-scope': op.scope,
    parameters: [...parametersOf(op.params, 'path'), ...parametersOf(op.query, 'query'), ...idempotencyKey],
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(op.body, 'input') } } } }
      : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of /api/v1, made from the operations' zod schemas (zod's JSON Schema
 * output, draft 2020-12 as OpenAPI 3.1 uses): what the server checks is what the document says.
 */
export function openApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) {
    paths[op.path] ??= {};
    (paths[op.path] as Record<string, JsonSchema>)[op.method.toLowerCase()] = describe(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'tradeloop API',
      version,
      description: [
        'The company book over HTTP: products, customers, prices, orders and their actions, stock, invoices, payments and statements.',
        'Money is in minor units of the book’s currency (分) and quantities in thousandths of the unit, as integers.',
        'Send a token made with `tradeloop token create USER --scope …` as `Authorization: Bearer`; it acts as its user, within its scopes.',
        'Lists come a page at a time: pass `next` back as `cursor`. Every answer carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.',
      ].join('\n\n'),
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: `a token's scopes: ${API_SCOPES.join(', ')}`,
        },
      },
      schemas: { Error: schemaOf(errorSchema, 'output') },
    },
    paths,
  };
}
