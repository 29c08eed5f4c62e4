import { EscalationAction, freeText, OrderDeadline, ProcedureId } from '@anjian/domain';
import { z } from 'zod';
import { Uuid } from '../../http/uuid';

/** Procedure instance ids are `<procedure>-<n>` (e.g. 'rectification-1'); legacy cases use 'rectification'. */
export const ProcedureInstanceId = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z_]*(-[0-9]{1,6})?$/, "expected a procedure instance id such as 'rectification-1'");

/** Action names are the machines' keys ('submit_report'; the legacy workflow's are camelCase 'submitReport'). */
export const ActionName = z
  .string()
  .max(64)
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, "expected an action name such as 'submit_report'");

export const ProcedureParams = z.object({ id: Uuid, procedureId: ProcedureInstanceId });
export const ProcedureActionParams = ProcedureParams.extend({ action: ActionName });
export const ApprovalParams = z.object({
  id: Uuid,
  approvalId: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'expected an approval id'),
});

const Reason = freeText({ min: 1, max: 2000, trim: true, tooShort: 'say why: the reason is recorded on the case' });

/** Start another procedure on the case (where the pinned procedure links allow it). */
export const StartProcedureBody = z
  .object({
    procedure: ProcedureId,
    reason: Reason,
    input: z
      .record(z.string(), z.unknown())
      .default({})
      .describe("the procedure's start input (its schema: components.schemas.Start_<procedure>)"),
  })
  .strict()
  .meta({ id: 'StartProcedure' });

/** An approver's decision on an approval waiting in the case workflow. */
export const ApprovalDecisionBody = z
  .object({ decision: z.enum(['approve', 'return']), reason: Reason })
  .strict()
  .meta({ id: 'ApprovalDecision' });

/** 延期: ask to move a step's deadline; a supervisor approves (reason required). */
export const ExtensionRequestBody = z
  .object({
    step: z.string().min(1).max(64).describe('the step whose deadline should move (one of the procedure’s armed deadlines)'),
    newDueAt: OrderDeadline.describe(
      "the requested deadline: a date 'YYYY-MM-DD' (ends 24:00 Asia/Shanghai) or an ISO instant; must lie ahead",
    ),
    reason: Reason,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (Date.parse(v.newDueAt) <= Date.now())
      ctx.addIssue({ code: 'custom', path: ['newDueAt'], message: 'the deadline must lie in the future' });
  })
  .meta({ id: 'ExtensionRequest' });

/** 中止 (ask to stop the procedure's clock; a supervisor approves) or resumption (the clock runs on). */
export const ReasonBody = z.object({ reason: Reason }).strict().meta({ id: 'ReasonOnly' });

/** A supervisor takes the next rung of the ladder now (or the rung named), instead of waiting for its offset. */
export const EscalationBody = z
  .object({
    action: EscalationAction.optional().describe('the rung to take (函告 letter … 移送 transfer); absent: the next rung not yet fired'),
    reason: Reason,
  })
  .strict()
  .meta({ id: 'EscalationRequest' });
