import type { z } from 'zod';

/** Shared pieces of the admin routes' OpenAPI entries. */
export const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
export const ADMIN_NOTE = 'Administrators only (X-Actor-Role: administrator; others get 403).';
