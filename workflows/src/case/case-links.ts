import { type ProcedureId } from '@anjian/domain/src/catalog/procedure';
import { type LinkAction, type LinkEvent, linksFor, type ProcedureLinks } from '@anjian/domain/src/procedures/procedure-links';
import type { CaseEntity } from './case-entity';

/**
 * The case workflow's view of the pinned procedure links (policy data, libs/domain/src/procedures/
 * procedure-links.ts): what to do when a procedure starts, completes, or an escalation rung fires.
 */
export type CaseLinkEvent =
  | { on: 'procedure_started'; procedure: ProcedureId; procedureId: string }
  | { on: 'procedure_completed'; procedure: ProcedureId; procedureId: string; outcome: string }
  | { on: 'escalation_rung'; action: string; procedure: ProcedureId; procedureId: string; step: string };

/**
 * Patch: a procedure that a pending approval would start counts as running for the links'
 * `unlessActive`, so a second escalation (or report) does not ask for a second approval to start the
 * same procedure — two approved requests ran two criminal transfers side by side. Histories from
 * before ask as they did.
 */
export const PENDING_STARTS_COUNT_AS_ACTIVE = 'pending-starts-count-as-active';

/**
 * What the links say to do, given the procedures active in the case right now (and, with
 * `pendingStarts`, those a pending approval is to start once approved).
 */
export function reactionsTo(links: ProcedureLinks, entity: CaseEntity, event: CaseLinkEvent, pendingStarts = false): LinkAction[] {
  const active = [
    ...new Set([
      ...entity.activeProcedures().map((p) => p.procedure),
      ...entity.startingProcedures(),
      ...(pendingStarts ? entity.approvedStarts() : []),
    ]),
  ];
  return linksFor(links, { ...event, active, caseJurisdiction: entity.facts.jurisdiction } as LinkEvent);
}

/** Whether a transfer to criminal justice (行刑衔接) pauses the administrative track. */
export function pausesAdministrativeTrack(links: ProcedureLinks): boolean {
  return links.pauseAdministrativeDuringTransfer;
}
