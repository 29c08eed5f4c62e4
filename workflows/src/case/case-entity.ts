import type {
  AppliedCaseUpdate,
  CaseCarriedState,
  CaseFacts,
  CaseSnapshot,
  CaseWorkflowInput,
  EscalationRecord,
  PendingApproval,
  ProcedureReport,
  ProcedureSnapshot,
} from '@anjian/contracts';
import type { Actor } from '@anjian/domain/src/actor/actor';
import type { ProcedureId } from '@anjian/domain/src/catalog/procedure';
import type { ParentRequest } from '@anjian/domain/src/procedures/procedure-machine';
import type { ManualStartContext } from '@anjian/domain/src/procedures/procedure-links';
import { rememberUpdate } from '../applied-updates';

/** The procedure an approval starts once approved (a link's approval: e.g. the transfer 行刑衔接), if any. */
export function approvalStarts(a: PendingApproval): ProcedureId | undefined {
  return (a.data['onApproved'] as { startProcedure?: ProcedureId } | undefined)?.startProcedure;
}

/**
 * The case as the case workflow holds it (safe-message-handlers style: the state machine is a plain
 * class, the workflow a thin shell that does I/O around it). Deterministic: no clock, no I/O.
 */
export class CaseEntity {
  status: CaseSnapshot['status'];
  assigneeId: string;
  policyVersion: number | null;
  administrativePaused: boolean;
  /** Latest snapshot of each procedure, in start order (from the child's reports). */
  readonly procedures = new Map<string, ProcedureSnapshot>();
  approvals: PendingApproval[];
  readonly escalations: EscalationRecord[];
  seq: number;
  readonly lastReport: Record<string, number>;
  readonly counters: Record<string, number>;
  approvalCounter: number;
  pausedByTrack: string[];
  readonly takenRungs: Set<string>;
  /** Children started but not yet reported, by procedureId (the case must not close under them). */
  readonly starting = new Map<string, ProcedureId>();
  /** Updates applied, carried across continue-as-new (applied-updates.ts). */
  private appliedUpdates: readonly AppliedCaseUpdate[];

  private constructor(
    readonly caseId: string,
    readonly facts: CaseFacts,
    readonly openedAt: string,
    c: CaseCarriedState | null,
    opener: Actor,
    pinned: number | null,
  ) {
    this.status = c?.snapshot.status ?? 'opening';
    this.assigneeId = c?.snapshot.assigneeId ?? opener.id;
    this.policyVersion = c?.snapshot.policyVersion ?? pinned;
    this.administrativePaused = c?.snapshot.administrativePaused ?? false;
    for (const p of c?.snapshot.procedures ?? []) this.procedures.set(p.procedureId, p);
    this.approvals = [...(c?.snapshot.approvals ?? [])];
    this.escalations = [...(c?.snapshot.escalations ?? [])];
    this.seq = c?.snapshot.seq ?? 0;
    this.lastReport = { ...(c?.lastReport ?? {}) };
    this.counters = { ...(c?.counters ?? {}) };
    this.approvalCounter = c?.approvalCounter ?? 0;
    this.pausedByTrack = [...(c?.pausedByTrack ?? [])];
    this.takenRungs = new Set(c?.takenRungs ?? []);
    this.appliedUpdates = c?.appliedUpdates ?? [];
  }

  /** The update with this id if this workflow (this run or an earlier one) applied it. */
  appliedUpdate(id: string | undefined): AppliedCaseUpdate | undefined {
    return id === undefined ? undefined : this.appliedUpdates.find((u) => u.id === id);
  }

  rememberUpdate(update: AppliedCaseUpdate): void {
    this.appliedUpdates = rememberUpdate(this.appliedUpdates, update, (u) => u.id);
  }

  static of(wf: CaseWorkflowInput): CaseEntity {
    return new CaseEntity(
      wf.caseId,
      wf.carried?.facts ?? wf.facts,
      wf.carried?.openedAt ?? wf.openedAt,
      wf.carried ?? null,
      wf.actor,
      wf.policyVersion,
    );
  }

  snapshot(): CaseSnapshot {
    return {
      caseId: this.caseId,
      status: this.status,
      assigneeId: this.assigneeId,
      policyVersion: this.policyVersion,
      administrativePaused: this.administrativePaused,
      procedures: [...this.procedures.values()],
      approvals: [...this.approvals],
      escalations: [...this.escalations],
      seq: this.seq,
    };
  }

  carry(): CaseCarriedState {
    return {
      snapshot: this.snapshot(),
      lastReport: { ...this.lastReport },
      counters: { ...this.counters },
      approvalCounter: this.approvalCounter,
      facts: this.facts,
      openedAt: this.openedAt,
      pausedByTrack: [...this.pausedByTrack],
      takenRungs: [...this.takenRungs],
      appliedUpdates: [...this.appliedUpdates],
    };
  }

  /** Reserves the next instance id of a procedure: 'rectification-1', 'rectification-2', … */
  nextProcedureId(procedure: ProcedureId): string {
    const n = (this.counters[procedure] ?? 0) + 1;
    this.counters[procedure] = n;
    return `${procedure}-${n}`;
  }

  nextApprovalId(): string {
    this.approvalCounter += 1;
    return `approval-${this.approvalCounter}`;
  }

  /**
   * Takes in a child's report. Duplicates (a report number already applied) are ignored: false.
   * The snapshot is updated at once, so whoever waits for a procedure to start sees it.
   */
  receive(report: ProcedureReport): boolean {
    const last = this.lastReport[report.procedureId] ?? 0;
    if (report.n <= last) return false;
    this.lastReport[report.procedureId] = report.n;
    this.procedures.set(report.procedureId, report.snapshot);
    this.starting.delete(report.procedureId);
    if (this.policyVersion === null && report.snapshot.policyVersion !== null) this.policyVersion = report.snapshot.policyVersion;
    return true;
  }

  procedure(procedureId: string): ProcedureSnapshot | undefined {
    return this.procedures.get(procedureId);
  }

  startingProcedures(): ProcedureId[] {
    return [...this.starting.values()];
  }

  /** What a manual start is judged on (manualStartsAllowed): running or starting, and completed, by procedure. */
  manualStartContext(role: string): ManualStartContext {
    const all = [...this.procedures.values()];
    return {
      role,
      active: [...all.filter((p) => p.status === 'active').map((p) => p.procedure), ...this.startingProcedures()],
      completed: all.filter((p) => p.status === 'completed').map((p) => p.procedure),
    };
  }

  activeProcedures(): ProcedureSnapshot[] {
    return [...this.procedures.values()].filter((p) => p.status === 'active');
  }

  addApproval(a: PendingApproval): void {
    this.approvals = [...this.approvals, a];
  }

  approval(approvalId: string): PendingApproval | undefined {
    return this.approvals.find((a) => a.approvalId === approvalId);
  }

  /** The procedures pending approvals are to start once approved (a transfer the agency head is asked to approve). */
  approvedStarts(): ProcedureId[] {
    return this.approvals.flatMap((a) => {
      const start = approvalStarts(a);
      return start ? [start] : [];
    });
  }

  removeApproval(approvalId: string): void {
    this.approvals = this.approvals.filter((a) => a.approvalId !== approvalId);
  }

  /** Nothing runs, nothing starts, nobody is asked to approve: the case is done. */
  finished(): boolean {
    return this.status === 'open' && this.starting.size === 0 && this.activeProcedures().length === 0 && this.approvals.length === 0;
  }

  /** The rung a supervisor's manual escalation takes: the next one not yet fired nor taken of the procedure's deadlines. */
  nextRung(procedureId: string): { step: string; dueAt: string; rung: number; action: string } | null {
    const p = this.procedures.get(procedureId);
    if (!p) return null;
    for (const d of p.deadlines) {
      for (let i = d.escalationsFired; i < d.escalations.length; i++) {
        const rung = i + 1;
        if (!this.takenRungs.has(rungKey(procedureId, d.step, d.dueAt, rung)))
          return { step: d.step, dueAt: d.dueAt, rung, action: d.escalations[i]!.action };
      }
    }
    return null;
  }
}

export const rungKey = (procedureId: string, step: string, dueAt: string, rung: number | string): string =>
  `${procedureId}:${step}:${dueAt}:${rung}`;

/** Requests of kind 'approval' (the machines' and the case's own: extension, suspension). */
export type ApprovalRequest = Extract<ParentRequest, { kind: 'approval' }>;
