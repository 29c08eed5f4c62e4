import type { ArmedDeadline, CaseEventRecord, CaseRecord } from '@anjian/domain';
import type { CaseEventEntity } from './case-event.entity';
import type { CaseEntity } from './case.entity';

export function toCaseRecord(e: CaseEntity): CaseRecord {
  return {
    id: e.id,
    title: e.title,
    description: e.description,
    source: e.source,
    sector: e.sector,
    jurisdiction: e.jurisdiction,
    hazardGrade: e.hazardGrade,
    enterprise: { name: e.enterpriseName, creditCode: e.enterpriseCreditCode },
    procedure: e.procedure,
    step: e.step,
    status: e.status,
    deadline: (e.deadline as ArmedDeadline | null) ?? null,
    overdue: e.overdue,
    failures: e.failures,
    assigneeId: e.assigneeId,
    openedBy: e.openedBy,
    openedAt: e.openedAt.toISOString(),
    closedAt: e.closedAt?.toISOString() ?? null,
    policyVersion: e.policyVersion,
    workflowId: e.workflowId,
    lastSeq: e.lastSeq,
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function toCaseEventRecord(e: CaseEventEntity): CaseEventRecord {
  return {
    seq: e.seq,
    type: e.type,
    procedure: e.procedure,
    before: e.stepBefore,
    after: e.stepAfter,
    actor:
      e.actorId && e.actorRole && e.actorJurisdiction
        ? { id: e.actorId, role: e.actorRole as never, jurisdiction: e.actorJurisdiction }
        : null,
    reason: e.reason,
    data: e.data,
    occurredAt: e.occurredAt.toISOString(),
    recordedAt: e.recordedAt.toISOString(),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
