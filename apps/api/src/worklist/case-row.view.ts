import { timeLeft } from '@anjian/domain';
import type { CaseListRow } from '@anjian/persistence';
import { z } from 'zod';

export const CaseRowSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    enterprise: z.object({ name: z.string(), creditCode: z.string() }),
    sector: z.string(),
    jurisdiction: z.string(),
    hazardGrade: z.string(),
    procedure: z.string().describe('the most urgent active procedure'),
    step: z.string(),
    status: z.enum(['open', 'closed']),
    dueAt: z.string().nullable().describe("ISO instant of the current step's deadline (null: the step has none)"),
    timeLeftSeconds: z.number().int().nullable().describe('seconds until dueAt at the time of the answer; negative once passed'),
    overdue: z.boolean().describe('a deadline of the case was missed and its act is still awaited, or dueAt has passed'),
    overdueSince: z
      .string()
      .nullable()
      .describe(
        'when the earliest deadline still awaited was missed (its due instant); dueAt may already be a later deadline (e.g. the re-check clock a missed report starts). Null when not overdue',
      ),
    assigneeId: z.string(),
    openedAt: z.string(),
    updatedAt: z.string().describe('last change recorded on the case (reminders and deadlines passing included)'),
    lastProgressAt: z
      .string()
      .describe('when an active procedure of the case last recorded progress (an action); updatedAt when none is active'),
  })
  .meta({ id: 'CaseRow' });
export type CaseRowView = z.infer<typeof CaseRowSchema>;

export function toCaseRowView(row: CaseListRow, now: string): CaseRowView {
  const left = timeLeft(row.dueAt, now);
  return {
    id: row.id,
    title: row.title,
    enterprise: { name: row.enterpriseName, creditCode: row.enterpriseCreditCode },
    sector: row.sector,
    jurisdiction: row.jurisdiction,
    hazardGrade: row.hazardGrade,
    procedure: row.procedure,
    step: row.step,
    status: row.status as 'open' | 'closed',
    dueAt: row.dueAt,
    timeLeftSeconds: left?.seconds ?? null,
    overdue: row.missedDeadline || (left?.overdue ?? false),
    // A case without procedure rows (legacy) knows only its current deadline.
    overdueSince: row.overdueSince ?? (left?.overdue ? row.dueAt : null),
    assigneeId: row.assigneeId,
    openedAt: row.openedAt,
    updatedAt: row.updatedAt,
    lastProgressAt: row.lastProgressAt,
  };
}
