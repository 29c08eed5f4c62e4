import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  Actor,
  OpenRectificationCaseInput,
  RearmDeadlineCommand,
  RecordVerificationCommand,
  RectificationAction,
  RectificationState,
  SubmitReportCommand,
} from '@anjian/domain';

/** Workflow type name and id scheme: one rectification workflow per case, id derived from the case id. */
export const RECTIFICATION_WORKFLOW = 'rectificationWorkflow';
export const rectificationWorkflowId = (caseId: string): string => `case-${caseId}-rectification`;

export interface RectificationWorkflowInput {
  caseId: string;
  actor: Actor;
  openedAt: string;
  input: OpenRectificationCaseInput;
}

/** What queries and updates answer: where the process stands and what may happen next. */
export interface RectificationSnapshot {
  caseId: string;
  procedure: 'rectification';
  state: RectificationState;
  allowedActions: RectificationAction[];
  seq: number;
}

/** Details carried by a refusal (ApplicationFailure type ACTION_NOT_ALLOWED). */
export interface ActionRefusal {
  action: string;
  currentStep: string;
  allowedActions: string[];
}
export const ACTION_NOT_ALLOWED = 'ActionNotAllowed';
export const INVALID_INPUT = 'InvalidInput';
/**
 * No deadline could be computed (no rule, bad calendar): an administrator must fix the data. The
 * message names what is missing; details[0]: { missing: string }.
 */
export const DEADLINE_CONFIGURATION = 'DeadlineConfiguration';

/** Completes once the order is issued and projected; used with update-with-start when opening a case. */
export const openedUpdate = defineUpdate<RectificationSnapshot>('opened');
export const submitReportUpdate = defineUpdate<RectificationSnapshot, [SubmitReportCommand]>('submitReport');
export const recordVerificationUpdate = defineUpdate<RectificationSnapshot, [RecordVerificationCommand]>('recordVerification');
/** Re-arms the current step's deadline (an administrator's explicit policy or calendar move). */
export const rearmDeadlineUpdate = defineUpdate<RectificationSnapshot, [RearmDeadlineCommand]>('rearmDeadline');
export const rectificationStateQuery = defineQuery<RectificationSnapshot>('state');
