import { caseWorkflowId, type MigrationTarget, type MigrationWorkItem, rectificationWorkflowId } from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain';

/** An open case as the migration lists it (from the cases projection). */
export interface ListedCase {
  id: string;
  jurisdiction: string;
  procedure: string;
  workflowId: string;
  policyVersion: number | null;
  deadline: ArmedDeadline | null;
}

export type CasePlan = { send: MigrationWorkItem } | { skip: string };

/**
 * What the batch does with one listed case: send the re-arm (to which workflow, under which policy
 * version), or skip it and why. Pure, so a repeated run skips exactly the cases already moved.
 * Legacy cases (rectificationWorkflow, `case-<id>-rectification`) get its rearmDeadline update; cases
 * of the case workflow (`case-<id>`) its rearmDeadlines update.
 */
export function planCase(c: ListedCase, target: MigrationTarget): CasePlan {
  const route = c.workflowId === rectificationWorkflowId(c.id) ? 'rectification' : c.workflowId === caseWorkflowId(c.id) ? 'case' : null;
  if (route === null) return { skip: `workflow ${c.workflowId} does not re-arm deadlines` };
  const send = (policyVersion: number): CasePlan => ({ send: { caseId: c.id, workflowId: c.workflowId, route, policyVersion } });
  // A legacy case re-arms its current step only: without a running deadline there is nothing to move.
  if (route === 'rectification' && !c.deadline) return { skip: 'no deadline is running in the current step' };

  if (target.kind === 'policy') {
    if (c.policyVersion === target.version) return { skip: `already on policy v${target.version}` };
    return send(target.version);
  }
  const pinned = c.policyVersion ?? c.deadline?.policyVersion ?? null;
  if (pinned === null) return { skip: 'no pinned policy version to recompute with' };
  if (route === 'rectification' && c.deadline?.calendarId === target.calendarId && c.deadline.calendarVersion === target.calendarVersion) {
    return { skip: `already computed with ${target.calendarId} v${target.calendarVersion}` };
  }
  return send(pinned);
}
