import { rectificationWorkflowId } from '@anjian/contracts';
import { allowedActions, type CaseRecord, type RectificationStep, type Role, roleMay } from '@anjian/domain';
import type { ProcedureRowInput } from './case-detail';

/**
 * Cases opened before the case workflow existed run the single `rectificationWorkflow`
 * (id `case-<id>-rectification`) until they drain. The API shows them as one procedure with id
 * 'rectification' and routes its two actions to that workflow's own updates.
 */
export const LEGACY_PROCEDURE_ID = 'rectification';
export const LEGACY_ACTIONS = ['submitReport', 'recordVerification'] as const;
export type LegacyAction = (typeof LEGACY_ACTIONS)[number];

export const isLegacyCase = (record: CaseRecord): boolean => record.workflowId === rectificationWorkflowId(record.id);

export const isLegacyAction = (action: string): action is LegacyAction => (LEGACY_ACTIONS as readonly string[]).includes(action);

/** The legacy case's one procedure, as a procedure row (the case row is its projection). */
export function legacyProcedureRow(record: CaseRecord): ProcedureRowInput {
  return {
    procedureId: LEGACY_PROCEDURE_ID,
    procedure: 'rectification',
    step: record.step,
    status: record.status === 'closed' ? 'completed' : 'active',
    suspended: false,
    outcome: record.status === 'closed' ? 'rectified' : null,
    deadlines: record.deadline ? [record.deadline] : [],
    data: { failures: record.failures, legacy: true },
    workflowId: record.workflowId,
    assigneeId: record.assigneeId,
    startedAt: record.openedAt,
    completedAt: record.closedAt,
  };
}

/** What the legacy workflow allows in its step, for a role that may act on cases at all. */
export function legacyActionsFor(step: string, role: Role): string[] {
  if (!roleMay({ id: 'x', role, jurisdiction: '000000' }, 'act')) return [];
  return allowedActions({ step: step as RectificationStep });
}
