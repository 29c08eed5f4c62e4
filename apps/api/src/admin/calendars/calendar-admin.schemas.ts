import { isLocalDate, SUPPORTED_YEARS } from '@anjian/deadlines';
import { freeText, JurisdictionPrefix } from '@anjian/domain';
import { z } from 'zod';
import { Reason, VersionNumberText } from '../admin.schemas';

/** The national calendar 'CN', or a jurisdiction's local one 'CN-<6-digit division code>'. */
export const CalendarId = z
  .string()
  .regex(/^CN(-\d{6})?$/, "expected 'CN' or 'CN-<6-digit division code>', e.g. 'CN-650000'")
  .refine((id) => id === 'CN' || isDivisionCodeForm(id.slice(3)), {
    message:
      "expected 'CN-' and a real division code form: a province (not 00), then a city and a county pair (a county pair needs a city), e.g. 'CN-650000', 'CN-650100', 'CN-650102'; the national calendar is 'CN'",
  });

/** 650000, 650100 and 650102 name a province, a city, a county; 000000 and 650002 name nothing. */
function isDivisionCodeForm(code: string): boolean {
  const [province, city, county] = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6)];
  return province !== '00' && !(city === '00' && county !== '00');
}

export const CalendarIdParams = z.object({ id: CalendarId });
export const CalendarVersionQuery = z.strictObject({ version: VersionNumberText.optional() });

/**
 * Document only: the pattern states the shape and the years the calendars cover (1992–2100), so a
 * generated date is mostly real and in range; validation stays isLocalDate (and knownYears in the use case).
 */
const LOCAL_DATE_DOCUMENTED = '^(199[2-9]|20\\d\\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';
const LocalDateText = z
  .string()
  .refine(isLocalDate, { message: "expected a real calendar date 'YYYY-MM-DD'" })
  .meta({ pattern: LOCAL_DATE_DOCUMENTED, description: "a real calendar date 'YYYY-MM-DD' (2026-02-30 is a 400) within knownYears" });
/** More than any real schedule holds (about 40 entries a year over the supported years). */
const MAX_ENTRIES = 5000;
const Year = z.number().int().min(SUPPORTED_YEARS.from).max(SUPPORTED_YEARS.to);

export const CalendarEntrySchema = z
  .strictObject({ date: LocalDateText, name: freeText({ max: 100, trim: true }).describe("e.g. '春节' or '春节调休上班'") })
  .meta({ id: 'CalendarEntry' });

/**
 * Calendar data as an administrator sends it: no version (the server numbers versions) and no
 * basedOn (that only describes a merged calendar). The full CalendarDataSchema checks (entries inside
 * knownYears, no date twice) run in the use case, on the same paths.
 */
export const CalendarDataInput = z
  .strictObject({
    id: CalendarId.optional().describe('defaults to the path id; must match it'),
    knownYears: z.strictObject({ from: Year, to: Year }).describe('years whose official schedule is complete in this data'),
    holidays: z.array(CalendarEntrySchema).max(MAX_ENTRIES).describe('statutory rest days (法定节假日), incl. those on weekends'),
    makeupWorkdays: z.array(CalendarEntrySchema).max(MAX_ENTRIES).describe('weekend days that are working days (调休上班日)'),
  })
  .meta({ id: 'CalendarDataInput' });

export const SaveCalendarBody = z
  .strictObject({
    data: CalendarDataInput,
    jurisdictionPrefix: JurisdictionPrefix.nullable()
      .optional()
      .describe("null/absent for 'CN'; for 'CN-650000' '65' (derived when absent)"),
    reason: Reason,
  })
  .meta({ id: 'SaveCalendar' });
export type SaveCalendarBody = z.infer<typeof SaveCalendarBody>;

export const EditCalendarEntriesBody = z
  .strictObject({
    add: z
      .strictObject({
        holidays: z.array(CalendarEntrySchema).max(MAX_ENTRIES).optional(),
        makeupWorkdays: z.array(CalendarEntrySchema).max(MAX_ENTRIES).optional(),
        knownYearsTo: Year.optional().describe('extend the known years, e.g. to 2027 once its schedule is published'),
      })
      .default({}),
    remove: z
      .array(LocalDateText)
      .max(MAX_ENTRIES)
      .default([])
      .describe('dates to take out (from either list); remove and re-add a date to correct it'),
    reason: Reason,
  })
  .meta({
    id: 'EditCalendarEntries',
    // The use case's "nothing to change" check in JSON Schema terms (document only): at least one date
    // to remove, one entry to add, or knownYearsTo.
    anyOf: [
      { required: ['remove'], properties: { remove: { minItems: 1 } } },
      {
        required: ['add'],
        properties: {
          add: {
            anyOf: [
              { required: ['holidays'], properties: { holidays: { minItems: 1 } } },
              { required: ['makeupWorkdays'], properties: { makeupWorkdays: { minItems: 1 } } },
              { required: ['knownYearsTo'] },
            ],
          },
        },
      },
    ],
    description:
      'At least one change: a date in remove, an entry in add.holidays or add.makeupWorkdays, or add.knownYearsTo (400 otherwise).',
  });
export type EditCalendarEntriesBody = z.infer<typeof EditCalendarEntriesBody>;

// ── responses ───────────────────────────────────────────────────────────────────────────────────

const summaryFields = {
  id: z.string(),
  version: z.number().int(),
  jurisdictionPrefix: z.string().nullable(),
  knownYears: z.object({ from: z.number().int(), to: z.number().int() }),
  holidayCount: z.number().int(),
  makeupWorkdayCount: z.number().int(),
  createdBy: z.string(),
  reason: z.string(),
  createdAt: z.string(),
};

export const CalendarSummarySchema = z.object(summaryFields).meta({ id: 'CalendarSummary' });

export const CalendarSchema = z
  .object({
    ...summaryFields,
    data: z.object({
      id: z.string(),
      version: z.number().int(),
      knownYears: z.object({ from: z.number().int(), to: z.number().int() }),
      holidays: z.array(CalendarEntrySchema),
      makeupWorkdays: z.array(CalendarEntrySchema),
    }),
  })
  .meta({ id: 'Calendar' });

const entryList = z.object({ holidays: z.array(CalendarEntrySchema), makeupWorkdays: z.array(CalendarEntrySchema) });
export const CalendarVersionChangeSchema = z
  .object({
    ...summaryFields,
    changes: z
      .object({
        knownYears: z
          .object({ before: z.object({ from: z.number(), to: z.number() }), after: z.object({ from: z.number(), to: z.number() }) })
          .nullable(),
        added: entryList,
        removed: entryList,
      })
      .nullable()
      .describe('what this version changed against the previous one; null for the first'),
  })
  .meta({ id: 'CalendarVersionChange' });
