import type { ApprovalPatchDto, NotificationDto, NotificationKind, PendingApproval } from '@anjian/contracts';

/**
 * Rows the case workflow hands to `projectProcedure` besides its events: approval rows and outbox
 * notifications. Pure builders; dedupe keys are chosen by the caller so a retried write stays one row.
 */

export function approvalRow(
  caseId: string,
  a: PendingApproval,
  status: ApprovalPatchDto['status'],
  decided: { by: string; at: string; reason: string } | null,
): ApprovalPatchDto {
  return {
    id: a.approvalId,
    caseId,
    procedureId: a.procedureId,
    kind: a.kind,
    approverRole: a.approverRole,
    status,
    requestedBy: a.requestedBy?.id ?? null,
    requestedAt: a.requestedAt,
    decidedBy: decided?.by ?? null,
    decidedAt: decided?.at ?? null,
    reason: decided?.reason ?? null,
    // The projection reads the summary and the approver's jurisdiction (a listing's level) from data.
    data: { ...a.data, summary: a.summary },
  };
}

interface NoticeBase {
  caseId: string;
  dedupeKey: string;
  procedureId: string | null;
  kind: NotificationKind;
  payload: Record<string, unknown>;
}

/** For one user (the assignee, the requester of an approval). */
export function noticeToUser(n: NoticeBase & { userId: string }): NotificationDto {
  const { userId, ...rest } = n;
  return { ...rest, recipientId: userId, recipientRole: null, recipientJurisdiction: null };
}

/** For everyone with `role` whose jurisdiction subtree covers `jurisdiction`. */
export function noticeToRole(n: NoticeBase & { role: string; jurisdiction: string }): NotificationDto {
  const { role, jurisdiction, ...rest } = n;
  return { ...rest, recipientId: null, recipientRole: role, recipientJurisdiction: jurisdiction };
}
