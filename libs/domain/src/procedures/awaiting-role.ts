import type { ProcedureId } from '../catalog/procedure';
import type { ProcedureRole } from './procedure-machine';

/**
 * Whom each waited-on step waits for, as a role of this system: the catalog's actor, except that steps
 * of the enterprise, the police and the procuratorate are recorded by an officer (their documents
 * arrive at the agency). Approval steps wait for the approver. Kept in `state.data.awaitingRole` so
 * worklists can show "awaiting me" without running the machine; checked against the catalog in
 * seeds/catalog/machine-steps.spec.ts.
 */
export const AWAITING_ROLE: Readonly<Record<ProcedureId, Readonly<Record<string, ProcedureRole>>>> = {
  listed_supervision: {
    propose: 'officer',
    set_level: 'supervisor',
    issue_notice: 'agency_head',
    submit_plan: 'officer',
    progress_report: 'officer',
    rectification_complete: 'officer',
    on_site_review: 'officer',
    delist: 'supervisor',
  },
  interview: {
    record_trigger: 'officer',
    issue_notice: 'agency_head',
    hold_interview: 'officer',
    written_report: 'officer',
    follow_up: 'officer',
    conclude: 'supervisor',
  },
  rectification: {
    issue_order: 'officer',
    report: 'officer',
    recheck: 'officer',
    record_result: 'officer',
    lift_suspension: 'agency_head',
  },
  verification: { request: 'officer', schedule_check: 'supervisor', on_site_check: 'officer', record_result: 'officer' },
  closure: { propose: 'officer', approve: 'supervisor', archive: 'officer' },
  criminal_transfer: {
    flag_suspicion: 'officer',
    written_report: 'officer',
    head_decision: 'agency_head',
    hand_over: 'officer',
    police_accept: 'officer',
    police_forward: 'officer',
    police_materials_notice: 'officer',
    agency_supplement: 'officer',
    police_filing_decision: 'officer',
    police_filing_decision_leads: 'officer',
    police_filing_decision_complex: 'officer',
    police_notify_decision: 'officer',
    hand_over_property: 'officer',
    reconsideration_request: 'officer',
    direct_supervision_request: 'officer',
    reconsideration_decision: 'officer',
    supervision_request: 'officer',
    procuratorate_review: 'officer',
    police_explain_refusal: 'officer',
    police_file_after_notice: 'officer',
    record_outcome: 'officer',
  },
};

export function awaitingRoleOf(procedure: ProcedureId, step: string): ProcedureRole | null {
  const roles = AWAITING_ROLE[procedure];
  return Object.prototype.hasOwnProperty.call(roles, step) ? (roles[step] as ProcedureRole) : null;
}
