import { z } from 'zod';
import { isLocalDate } from './local-date';

/**
 * Years the engine can represent at all. 1992 because Shanghai time is a fixed UTC+08:00 only from
 * then on (summer time ran 1986–1991); 2100 is far beyond any enforcement case.
 * Years inside this range but outside a calendar's `knownYears` fall back to Mon–Fri and are flagged.
 */
export const SUPPORTED_YEARS = { from: 1992, to: 2100 } as const;

const Year = z.number().int().min(SUPPORTED_YEARS.from).max(SUPPORTED_YEARS.to);

export const CalendarDateEntrySchema = z.object({
  date: z.string().refine(isLocalDate, { message: "expected a real calendar date 'YYYY-MM-DD'" }),
  name: z.string().trim().min(1),
});
export type CalendarDateEntry = z.infer<typeof CalendarDateEntrySchema>;

export const CalendarDataSchema = z
  .object({
    /** 'CN' for the national calendar, 'CN-140000' for a jurisdiction's local additions. */
    id: z.string().regex(/^[A-Z]{2}(-\d{6})?$/, { message: "expected 'CN' or 'CN-<6-digit division code>'" }),
    version: z.number().int().min(1),
    /** Years whose holidays and make-up days are complete in this data (State Council notice published). */
    knownYears: z.object({ from: Year, to: Year }),
    /** Statutory rest days (法定节假日 and the days joined to them), including those falling on weekends. */
    holidays: z.array(CalendarDateEntrySchema),
    /** Weekend days that are working days by the yearly notice (调休上班日). */
    makeupWorkdays: z.array(CalendarDateEntrySchema),
    /** Set by mergeCalendars: the national calendar a local calendar was layered on. */
    basedOn: z.object({ id: z.string(), version: z.number().int().min(1) }).optional(),
  })
  .superRefine((data, ctx) => {
    const { from, to } = data.knownYears;
    if (from > to) {
      ctx.addIssue({ code: 'custom', path: ['knownYears'], message: `knownYears.from ${from} is after knownYears.to ${to}` });
      return;
    }
    const seen = new Map<string, 'holidays' | 'makeupWorkdays'>();
    for (const list of ['holidays', 'makeupWorkdays'] as const) {
      data[list].forEach((entry, index) => {
        if (!isLocalDate(entry.date)) return; // already reported by the entry schema
        const year = Number(entry.date.slice(0, 4));
        if (year < from || year > to) {
          ctx.addIssue({
            code: 'custom',
            path: [list, index, 'date'],
            message: `${entry.date} is outside knownYears ${from}–${to}`,
          });
        }
        const earlier = seen.get(entry.date);
        if (earlier === list) {
          ctx.addIssue({ code: 'custom', path: [list, index, 'date'], message: `${entry.date} is listed twice` });
        } else if (earlier !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [list, index, 'date'],
            message: `${entry.date} is both a holiday and a make-up working day`,
          });
        }
        seen.set(entry.date, list);
      });
    }
  });
export type CalendarData = z.infer<typeof CalendarDataSchema>;

/**
 * Holidays derived from a statute for years the calendar data does not know yet (no State Council
 * notice): see statutory-holidays.ts. Passed to WorkingCalendar.from next to the stored data, never
 * stored with it, so that loading a year's notice replaces that year's provisional days at once.
 */
export const ProvisionalHolidaysSchema = z
  .object({
    /** The rule the days come from, quoted in every explanation that uses one. */
    basis: z.string().trim().min(1),
    holidays: z.array(CalendarDateEntrySchema),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.holidays.forEach((entry, index) => {
      if (seen.has(entry.date))
        ctx.addIssue({ code: 'custom', path: ['holidays', index, 'date'], message: `${entry.date} is listed twice` });
      seen.add(entry.date);
      const year = Number(entry.date.slice(0, 4));
      if (year < SUPPORTED_YEARS.from || year > SUPPORTED_YEARS.to) {
        ctx.addIssue({
          code: 'custom',
          path: ['holidays', index, 'date'],
          message: `${entry.date} is outside ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}`,
        });
      }
    });
  });
export type ProvisionalHolidays = z.infer<typeof ProvisionalHolidaysSchema>;
