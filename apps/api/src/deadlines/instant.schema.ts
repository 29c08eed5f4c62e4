import { z } from 'zod';

/**
 * An instant with an explicit offset ('2026-02-13T10:00+08:00', '…Z'). A bare local time is refused:
 * deadlines are counted in Asia/Shanghai days, and guessing the offset would silently shift a day.
 * Seconds are optional because officers and administrators write times to the minute.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const Instant = z
  .string()
  .regex(INSTANT, "expected an ISO 8601 instant with an offset, e.g. '2026-02-13T10:00+08:00'")
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a real date and time' })
  .describe('ISO 8601 instant with offset');
