import {
  type ArmedDeadline,
  type CaseRecord,
  coversJurisdiction,
  decidesAtRequesterLevel,
  decidesOwnRequest,
  type Role,
} from '@anjian/domain';

/** A procedure of a case as the projection holds it (case_procedures row), in the terms the view needs. */
export interface ProcedureRowInput {
  procedureId: string;
  procedure: string;
  step: string;
  status: string;
  suspended: boolean;
  outcome: string | null;
  /** Armed deadlines (the shell's ProcedureDeadline: an ArmedDeadline plus overdue / remainingMs). */
  deadlines: Array<ArmedDeadline & { overdue?: boolean; remainingMs?: number | null }>;
  data: Record<string, unknown>;
  workflowId: string;
  assigneeId: string | null;
  startedAt: string | null;
  completedAt: string | null;
  suspension?: { since: string; reason: string } | null;
}

export interface ApprovalRowInput {
  id: string;
  procedureId: string | null;
  kind: string;
  approverRole: string;
  /** Narrows who decides (a province-level listing is delisted by the province); null = the case's chain. */
  approverJurisdiction: string | null;
  status: string;
  summary: string | null;
  requestedBy: string;
  /** The requester's jurisdiction in the user directory now (null: the process asked, or the requester is gone); not shown. */
  requesterJurisdiction?: string | null;
  requestedAt: string;
  reason: string | null;
  data: Record<string, unknown>;
}

export interface DetailContext {
  role: Role;
  jurisdiction: string;
  /** The caller's user id: an approval they requested is not theirs to decide (four eyes). */
  actorId?: string;
  now: Date;
  /** Base URL of the Temporal Web UI, or undefined (no links). */
  temporalUiUrl: string | undefined;
  namespace: string;
  /** The actions this caller's role may take now in a procedure (the machines' allowedActionsFor). */
  actionsFor: (procedure: ProcedureRowInput, role: Role) => string[];
  /** The procedures this caller may start by hand now (POST /cases/{id}/procedures; startable-procedures.ts). */
  startable: () => string[];
  /** Display names of an action, when the machine knows it. */
  actionNames: (procedure: string, action: string) => { nameZh: string; nameEn: string } | undefined;
}

/** Link to a workflow in the Temporal Web UI (the dev server's UI serves /namespaces/<ns>/workflows/<id>). */
export function temporalUiLink(base: string | undefined, namespace: string, workflowId: string): string | null {
  if (!base) return null;
  return `${base.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/**
 * A deadline with its basis and the time left, computed at read time: while the procedure is suspended
 * (中止) the clock stands still, so the time left is what remained when it stopped.
 */
export function deadlineView(d: ProcedureRowInput['deadlines'][number], suspended: boolean, now: Date) {
  const left = suspended && typeof d.remainingMs === 'number' ? d.remainingMs : Date.parse(d.dueAt) - now.getTime();
  return {
    step: d.step,
    start: d.start,
    dueAt: d.dueAt,
    origin: d.origin,
    overdue: d.overdue ?? (!suspended && left < 0),
    timeLeftMs: left,
    clockStopped: suspended,
    basis: {
      policyVersion: d.policyVersion,
      calendarId: d.calendarId,
      calendarVersion: d.calendarVersion,
      explanation: d.explanation,
      outsideKnownYears: d.outsideKnownYears,
    },
    reminders: d.reminders,
    escalations: d.escalations,
  };
}

export function procedureView(p: ProcedureRowInput, ctx: DetailContext) {
  const actions = p.status === 'active' && !p.suspended ? ctx.actionsFor(p, ctx.role) : [];
  return {
    procedureId: p.procedureId,
    procedure: p.procedure,
    step: p.step,
    status: p.status,
    outcome: p.outcome,
    suspended: p.suspended,
    suspension: p.suspension ?? null,
    deadlines: p.deadlines.map((d) => deadlineView(d, p.suspended, ctx.now)),
    allowedActions: actions.map((name) => ({
      name,
      ...(ctx.actionNames(p.procedure, name) ?? { nameZh: name, nameEn: name }),
      href: `/cases/{id}/procedures/${p.procedureId}/actions/${name}`,
    })),
    data: p.data,
    assigneeId: p.assigneeId,
    startedAt: p.startedAt,
    completedAt: p.completedAt,
    workflowId: p.workflowId,
    temporalUi: temporalUiLink(ctx.temporalUiUrl, ctx.namespace, p.workflowId),
  };
}

/**
 * GET /cases/{id}: the case row (what lists show), every procedure with its armed deadlines and the
 * actions this caller may take now, approvals waiting, and links into the Temporal Web UI.
 */
export function caseDetail(record: CaseRecord, procedures: ProcedureRowInput[], approvals: ApprovalRowInput[], ctx: DetailContext) {
  const views = procedures.map((p) => {
    const v = procedureView(p, ctx);
    return { ...v, allowedActions: v.allowedActions.map((a) => ({ ...a, href: a.href.replace('{id}', record.id) })) };
  });
  const current = views.find((v) => v.procedure === record.procedure && v.status === 'active') ?? views.find((v) => v.status === 'active');
  return {
    ...record,
    /** The actions this caller may take in the case's current procedure (the one the case row summarises). */
    allowedActions: current ? current.allowedActions.map((a) => a.name) : [],
    /** What this caller may start by hand now (POST /cases/{id}/procedures). */
    startableProcedures: record.status === 'open' ? ctx.startable() : [],
    procedures: views,
    approvals: approvals
      .filter((a) => a.status === 'pending')
      .map(({ requesterJurisdiction, ...a }) => ({
        ...a,
        /**
         * Whether this caller is the approver it waits for — role, level (the one the approval names, else
         * not below the requester's) — and not who asked for it: the access guard's rule (decide-access.ts).
         */
        mayDecide:
          a.approverRole === ctx.role &&
          (!a.approverJurisdiction || coversJurisdiction(ctx.jurisdiction, a.approverJurisdiction)) &&
          decidesAtRequesterLevel(ctx, { kind: a.kind, approverJurisdiction: a.approverJurisdiction, requesterJurisdiction }).allowed &&
          decidesOwnRequest({ id: ctx.actorId ?? '' }, { requestedBy: a.requestedBy || null }).allowed,
        decide: `/cases/${record.id}/approvals/${a.id}/decision`,
      })),
    links: {
      self: `/cases/${record.id}`,
      events: `/cases/${record.id}/events`,
      temporalUi: temporalUiLink(ctx.temporalUiUrl, ctx.namespace, record.workflowId),
    },
  };
}
