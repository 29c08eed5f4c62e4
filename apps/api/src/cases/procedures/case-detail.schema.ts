import { z } from 'zod';
import { CaseViewSchema } from '../case.schemas';

const DeadlineViewSchema = z
  .object({
    step: z.string(),
    start: z.string().describe('ISO instant the clock started'),
    dueAt: z.string().describe('ISO instant'),
    origin: z.enum(['order', 'policy']),
    overdue: z.boolean(),
    timeLeftMs: z
      .number()
      .int()
      .describe('computed at read time; negative once overdue; while suspended: what was left when the clock stopped'),
    clockStopped: z.boolean().describe('the procedure is suspended (中止): the time left does not run'),
    basis: z.object({
      policyVersion: z.number().int().nullable(),
      calendarId: z.string().nullable(),
      calendarVersion: z.number().int().nullable(),
      explanation: z.string().describe('rule, citation, calendar, each holiday or make-up day that moved it'),
      outsideKnownYears: z.boolean(),
    }),
    reminders: z.array(z.string()),
    escalations: z.array(z.object({ action: z.string(), at: z.string() })),
  })
  .meta({ id: 'DeadlineView' });

const AllowedActionSchema = z
  .object({
    name: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    href: z.string().describe('POST here with the action’s body (its schema: the path of the same name in this document)'),
  })
  .meta({ id: 'AllowedAction' });

export const ProcedureViewSchema = z
  .object({
    procedureId: z.string().describe("instance id, e.g. 'rectification-1' ('rectification' on a legacy case)"),
    procedure: z.string(),
    step: z.string(),
    status: z.string(),
    outcome: z.string().nullable(),
    suspended: z.boolean(),
    suspension: z.object({ since: z.string(), reason: z.string() }).nullable(),
    deadlines: z.array(DeadlineViewSchema),
    allowedActions: z.array(AllowedActionSchema).describe('what THIS caller may do now (by role; none while suspended)'),
    data: z.record(z.string(), z.unknown()),
    assigneeId: z.string().nullable(),
    startedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    workflowId: z.string(),
    temporalUi: z.string().nullable().describe('the workflow in the Temporal Web UI (TEMPORAL_UI_URL), null when not configured'),
  })
  .meta({ id: 'ProcedureView' });

const PendingApprovalSchema = z
  .object({
    id: z.string(),
    procedureId: z.string().nullable(),
    kind: z.string(),
    approverRole: z.string(),
    approverJurisdiction: z.string().nullable(),
    status: z.string(),
    summary: z.string().nullable(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    mayDecide: z.boolean().describe('this caller is the approver it waits for'),
    decide: z.string().describe('POST here {decision, reason}'),
  })
  .meta({ id: 'PendingApproval' });

export const CaseDetailSchema = CaseViewSchema.extend({
  allowedActions: z.array(z.string()).describe("what this caller may do now in the case's current procedure"),
  procedures: z.array(ProcedureViewSchema),
  startableProcedures: z
    .array(z.string())
    .describe('procedures THIS caller may start by hand now (POST /cases/{id}/procedures), as the procedure links allow'),
  approvals: z.array(PendingApprovalSchema).describe('approvals waiting in the case workflow'),
  links: z.object({ self: z.string(), events: z.string(), temporalUi: z.string().nullable() }),
}).meta({ id: 'CaseDetail' });

export const StartedProcedureSchema = CaseDetailSchema.extend({ startedProcedureId: z.string() }).meta({
  id: 'CaseDetailWithStartedProcedure',
});
