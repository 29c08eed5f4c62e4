import { JurisdictionCode } from '@anjian/domain';
import { sectorIds } from '@anjian/seeds/catalog/sectors';
import { z } from 'zod';
import { listParam } from '../worklist/list-query';

const CalendarDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD')
  // zod runs refinements even when the pattern failed: an unparsable value must be refused here, not throw.
  .refine(
    (d) => {
      const t = Date.parse(`${d}T00:00:00Z`);
      return Number.isFinite(t) && new Date(t).toISOString().startsWith(d);
    },
    { message: 'not a real date' },
  )
  .refine((d) => d >= '2000-01-01' && d < '2100-01-01', { message: 'expected a date from 2000 to 2099' });

export const StatisticsQuery = z
  .object({
    from: CalendarDate.optional().describe('first day (China Standard Time), default 1 January of the year of `to`'),
    to: CalendarDate.optional().describe('last day, inclusive (China Standard Time), default today'),
    jurisdiction: JurisdictionCode.optional().describe("a subtree inside the caller's"),
    sector: listParam(z.enum(sectorIds as [string, ...string[]])).optional(),
  })
  .strict();
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

const Rate = z.number().min(0).max(1).nullable().describe('0–1; null when there is nothing to divide by');

const RankingRow = z.object({
  key: z.string(),
  openedInPeriod: z.number().int(),
  closedInPeriod: z.number().int(),
  openNow: z.number().int(),
  overdueNow: z.number().int(),
  majorOpenNow: z.number().int(),
  overdueShare: Rate.describe('overdueNow / openNow'),
});

export const StatisticsSchema = z
  .object({
    period: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), fromInstant: z.string(), toInstant: z.string() }),
    scope: z
      .object({ jurisdictionPrefix: z.string(), sectors: z.array(z.string()).nullable() })
      .nullable()
      .describe('the area counted (null: the filters leave nothing in reach)'),
    majorHazards: z
      .object({
        openAtStart: z.number().int(),
        openedInPeriod: z.number().int(),
        closedInPeriod: z.number().int(),
        openAtEnd: z.number().int(),
        clearanceRate: Rate.describe('动态清零 progress: closedInPeriod / (openAtStart + openedInPeriod)'),
      })
      .describe('重大事故隐患 (major hazards) 动态清零'),
    onTime: z.array(
      z.object({ procedure: z.string(), step: z.string(), completed: z.number().int(), onTime: z.number().int(), rate: Rate }),
    ),
    durations: z.array(z.object({ procedure: z.string(), completed: z.number().int(), averageDays: z.number() })),
    ranking: z.object({ byJurisdiction: z.array(RankingRow), bySector: z.array(RankingRow) }).describe('晾晒: worst first'),
    monthly: z.array(
      z.object({
        month: z.string(),
        opened: z.number().int(),
        closed: z.number().int(),
        majorOpened: z.number().int(),
        majorClosed: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Statistics' });
