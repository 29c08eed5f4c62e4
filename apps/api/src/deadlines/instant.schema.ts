import { z } from 'zod';

/**
 * An instant with an explicit offset ('2026-02-13T10:00+08:00', '…Z'). A bare local time is refused:
 * deadlines are counted in Asia/Shanghai days, and guessing the offset would silently shift a day.
 * Seconds are optional because officers and administrators write times to the minute.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const documentedInstant = (year: string) =>
  `^${year}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)$`;
const INSTANT_DOCUMENTED = documentedInstant('\\d{4}');

/**
 * The document's pattern for an instant the deadline engine counts from: its calendars cover 1992–2100
 * (SUPPORTED_YEARS), so another year is a 400 on the field; the pattern says 1992–2099.
 */
export const COUNTABLE_INSTANT_PATTERN = documentedInstant('(199[2-9]|20\\d\\d)');

export const Instant = z
  .string()
  .regex(INSTANT, "expected an ISO 8601 instant with an offset, e.g. '2026-02-13T10:00+08:00'")
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: 'not a real date and time' })
  // Document only: the field ranges Date.parse needs (month 01–12, minutes 00–59, offset hours 00–23), so
  // generated "valid" instants parse. Validation stays the regex plus Date.parse above.
  .meta({
    pattern: INSTANT_DOCUMENTED,
    description: "ISO 8601 instant with offset, seconds optional, e.g. '2026-02-13T10:00+08:00'",
  });
