import type { PinnedProcedureLinks } from '@anjian/contracts';
import type { ParentRequest, ProcedureId } from '@anjian/domain';

/**
 * What the case does when something happens in one of its procedures, according to the pinned
 * procedure links (policy data). PORT: until `linksFor` (libs/domain/src/procedures/procedure-links.ts)
 * lands, the defaults of spec.md §C are applied here; pinned links may override them with
 * `{ onStarted, onCompleted, onEscalation, pauseAdministrativeDuringTransfer }`.
 */
export type CaseLinkEvent =
  | { kind: 'procedure_started'; procedure: ProcedureId; procedureId: string }
  | { kind: 'procedure_completed'; procedure: ProcedureId; procedureId: string; outcome: string | null }
  | { kind: 'escalation'; procedure: ProcedureId; procedureId: string; action: string };

type Reaction = ParentRequest;

const DEFAULTS = {
  onStarted: {
    listed_supervision: [
      { kind: 'start_procedure', procedure: 'rectification', reason: '挂牌督办 runs the rectification (listed supervision started)' },
    ],
  } as Partial<Record<ProcedureId, Reaction[]>>,
  onCompleted: {} as Record<string, Reaction[]>,
  onEscalation: {
    interview: [{ kind: 'start_procedure', procedure: 'interview', reason: '逾期升级：约谈 (overdue rung: interview)' }],
    listing: [{ kind: 'start_procedure', procedure: 'listed_supervision', reason: '逾期升级：挂牌督办 (overdue rung: listing)' }],
    transfer: [
      {
        kind: 'approval',
        approval: 'transfer',
        approverRole: 'agency_head',
        summary: '逾期升级：移送 — 请负责人决定是否移送 (overdue rung: transfer — the agency head decides)',
      },
    ],
  } as Record<string, Reaction[]>,
  pauseAdministrativeDuringTransfer: true,
};

function section<T>(links: PinnedProcedureLinks, key: string, fallback: T): T {
  const v = (links as Record<string, unknown>)[key];
  return v === undefined ? fallback : (v as T);
}

/** The requests the links make of an event (starting procedures, approvals). */
export function reactionsTo(links: PinnedProcedureLinks, event: CaseLinkEvent): ParentRequest[] {
  switch (event.kind) {
    case 'procedure_started':
      return section(links, 'onStarted', DEFAULTS.onStarted)[event.procedure] ?? [];
    case 'procedure_completed': {
      const map = section(links, 'onCompleted', DEFAULTS.onCompleted);
      return map[`${event.procedure}:${event.outcome ?? ''}`] ?? map[event.procedure] ?? [];
    }
    case 'escalation':
      return section(links, 'onEscalation', DEFAULTS.onEscalation)[event.action] ?? [];
  }
}

/** Whether a transfer to criminal justice (行刑衔接) pauses the administrative track. */
export function pausesAdministrativeTrack(links: PinnedProcedureLinks): boolean {
  return section(links, 'pauseAdministrativeDuringTransfer', DEFAULTS.pauseAdministrativeDuringTransfer);
}
