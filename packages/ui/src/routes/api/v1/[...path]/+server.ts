import { apiHandler } from '$lib/server/api/dispatch';
import type { RequestHandler } from './$types';

/** The open API: every operation of `$lib/server/api/operations`, described at /api/v1/openapi.json. */
const api: RequestHandler = apiHandler();

export const GET = api;
export const POST = api;
export const fallback = api;
