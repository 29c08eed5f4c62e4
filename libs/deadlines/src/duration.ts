import { z } from 'zod';

/**
 * How a period is counted. Natural (calendar) days are the default in Chinese procedural law;
 * working days only where a text says 工作日 (e.g. 行政处罚法 art. 85).
 */
export const DurationUnit = z.enum(['hours', 'calendarDays', 'workingDays']);
export type DurationUnit = z.infer<typeof DurationUnit>;

/** A period such as "3 days" or "24 hours". Upper bound keeps typos (3000 days) out of policies. */
export const Duration = z.object({
  amount: z.number().int().min(0).max(3650),
  unit: DurationUnit,
});
export type Duration = z.infer<typeof Duration>;
