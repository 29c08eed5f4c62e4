import { z } from 'zod';

/**
 * An id the API looks something up by (a case, an attachment, a migration): a UUID in any letter case
 * (RFC 9562 reads them case-insensitively), used in its lowercase form. PostgreSQL compares uuid
 * columns alike either way, but workflow ids (`case-<id>`), file paths and in-memory lookups are text:
 * an uppercase id reached no workflow ("no running process") and missed its own rows in results.
 */
export const Uuid = z.uuid().overwrite((s) => s.toLowerCase());
