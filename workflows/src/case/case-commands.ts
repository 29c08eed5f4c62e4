import { Actor, type Role } from '@anjian/domain/src/actor/actor';
import { ProcedureId, StepId } from '@anjian/domain/src/catalog/procedure';
import { EscalationAction } from '@anjian/domain/src/policy/escalation-rung';
import { freeText, identifier } from '@anjian/domain/src/text/free-text';
import { z } from 'zod';

/**
 * The case workflow's update inputs, checked by its validators before anything reaches history
 * (the API validates the same at its edge; this is the workflow's own guard). Roles say who may send
 * each; the API's access guard has already placed the caller within the case's reach.
 */
const Reason = freeText({ max: 2000, trim: true });
const Instant = z.iso.datetime({ offset: true });
/** The procedure's projected seq the caller saw (contract: KnownProcedureSeq). */
const KnownSeq = z.number().int().min(0).max(2147483647).optional();

export const StartProcedureCommandSchema = z
  .object({ procedure: ProcedureId, input: z.record(z.string(), z.unknown()).default({}), reason: Reason, actor: Actor })
  .strict();
export const DecideApprovalCommandSchema = z
  .object({ approvalId: identifier(128), decision: z.enum(['approved', 'returned']), reason: Reason, actor: Actor })
  .strict();
export const RequestExtensionCommandSchema = z
  .object({ procedureId: identifier(64), step: StepId, newDueAt: Instant, reason: Reason, actor: Actor, knownSeq: KnownSeq })
  .strict();
export const RequestSuspensionCommandSchema = z
  .object({ procedureId: identifier(64), reason: Reason, actor: Actor, knownSeq: KnownSeq })
  .strict();
export const ResumeProcedureCommandSchema = RequestSuspensionCommandSchema;
export const EscalateCommandSchema = z
  .object({ procedureId: identifier(64), action: EscalationAction.optional(), reason: Reason, actor: Actor, knownSeq: KnownSeq })
  .strict();
export const ReassignCommandSchema = z.object({ assigneeId: identifier(64), reason: Reason, actor: Actor }).strict();
export const RearmDeadlinesCommandSchema = z
  .object({
    policyVersion: z.number().int().positive().max(2147483647),
    reason: Reason,
    cause: z.enum(['policy_migration', 'calendar_change']),
    actor: Actor,
  })
  .strict();

export const CASE_UPDATE_ROLES: Record<string, readonly Role[]> = {
  startProcedure: ['officer', 'supervisor', 'agency_head'],
  requestExtension: ['officer', 'supervisor'],
  requestSuspension: ['officer', 'supervisor'],
  resumeProcedure: ['officer', 'supervisor', 'agency_head'],
  escalate: ['supervisor', 'agency_head'],
  reassign: ['supervisor', 'agency_head', 'administrator'],
  rearmDeadlines: ['administrator'],
};
