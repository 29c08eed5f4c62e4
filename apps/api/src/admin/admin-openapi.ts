import type { z } from 'zod';

/** Shared pieces of the admin routes' OpenAPI entries. */
export const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
export const ADMIN_NOTE = 'Administrators only (X-Actor-Role: administrator; others get 403).';
/** Routes any administrator may call, whatever their jurisdiction (reads, drafts). */
export const ANY_ADMIN_NOTE = `${ADMIN_NOTE} Any administrator, national (X-Actor-Jurisdiction 000000) or regional (province, city, county).`;
/** Routes only a national administrator may call. */
export const NATIONAL_ADMIN_NOTE =
  'National administrators only (国家级管理员: X-Actor-Role administrator, X-Actor-Jurisdiction 000000); other roles and regional administrators get 403.';
/** Calendar writes: 'CN' is national, a local calendar belongs to the administrators whose jurisdiction contains it. */
export const CALENDAR_WRITE_NOTE =
  "Administrators only (X-Actor-Role: administrator). The national calendar 'CN' only a national administrator (X-Actor-Jurisdiction 000000) may change; a local calendar any administrator whose jurisdiction contains its prefix (650000 may manage CN-654000, prefix '6540', but not CN-140000). Otherwise 403, with errors naming the field at fault (path.id or body.jurisdictionPrefix); nothing is changed.";
