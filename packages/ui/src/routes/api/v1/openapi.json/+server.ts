import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

const document = openApiDocument('1.0.0');

/** The OpenAPI 3.1 description of /api/v1, readable without signing in. */
export const GET: RequestHandler = () => json(document);
