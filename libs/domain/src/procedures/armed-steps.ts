import type { ProcedureId } from '../catalog/procedure';

/**
 * The steps each machine arms deadlines for. The shell resolves a policy rule for each, and only timed
 * catalog steps have rules: seeds/catalog/machine-steps.spec.ts checks this list is exactly the catalog's
 * timed steps, and the machines' specs check every deadline they arm is on it.
 */
export const ARMED_STEPS: Readonly<Record<ProcedureId, readonly string[]>> = {
  listed_supervision: ['submit_plan', 'progress_report', 'rectification_complete', 'on_site_review'],
  interview: ['hold_interview', 'written_report', 'follow_up'],
  rectification: ['report', 'recheck'],
  verification: ['on_site_check'],
  closure: ['approve'],
  criminal_transfer: [
    'head_decision',
    'hand_over',
    'police_forward',
    'police_materials_notice',
    'agency_supplement',
    'police_filing_decision',
    'police_filing_decision_leads',
    'police_filing_decision_complex',
    'police_notify_decision',
    'hand_over_property',
    'reconsideration_request',
    'direct_supervision_request',
    'reconsideration_decision',
    'supervision_request',
    'police_explain_refusal',
    'police_file_after_notice',
  ],
};
