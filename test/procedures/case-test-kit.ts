import { randomUUID } from 'node:crypto';
import {
  actUpdate,
  CASE_WORKFLOW,
  caseOpenedUpdate,
  type CaseSnapshot,
  caseStateQuery,
  caseWorkflowId,
  type CaseWorkflowInput,
  type ProcedureSnapshot,
  procedureWorkflowId,
} from '@anjian/contracts';
import type { Actor, PolicyRule, ProcedureLinks } from '@anjian/domain';
import { PolicyVersionRepository } from '@anjian/persistence';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { defaultProcedureLinks } from '../../seeds/policies/procedure-links';
import { eventually } from '../support/fixtures';
import type { TestStack } from '../support/test-stack';

/** Drives caseWorkflow straight through the Temporal client (the API is wired separately). */

/** What the helpers need: a client, the worker's task queue and the test database. */
export type CaseTestEnv = Pick<TestStack, 'temporal' | 'taskQueue' | 'db'>;

export const OFFICER_ACTOR: Actor = { id: 'officer@140105', name: '王执法', role: 'officer', jurisdiction: '140105' };
export const SUPERVISOR_ACTOR: Actor = { id: 'supervisor@140100', name: '李督办', role: 'supervisor', jurisdiction: '140100' };
export const HEAD_ACTOR: Actor = { id: 'head@140100', name: '赵局长', role: 'agency_head', jurisdiction: '140100' };
export const ADMIN_ACTOR: Actor = { id: 'admin@000000', name: '管理员', role: 'administrator', jurisdiction: '000000' };

export const INSPECTOR = { id: 'officer@140105', name: '王执法' };
export const DOCUMENT = { name: '整改报告.pdf', sha256: 'a'.repeat(64), size: 1024 };

/**
 * The seeded procedure links without the failure thresholds (a test that fails re-checks on purpose
 * would otherwise start an interview and a listing); rungs, listing chain and the transfer's pause stay.
 */
export const LINKS_WITHOUT_THRESHOLDS: ProcedureLinks = { ...defaultProcedureLinks, failureThresholds: [] };

export const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

export function caseInput(overrides: Partial<CaseWorkflowInput> & { reportDueAt?: string } = {}): CaseWorkflowInput {
  const { reportDueAt, ...rest } = overrides;
  const caseId = rest.caseId ?? randomUUID();
  return {
    caseId,
    actor: OFFICER_ACTOR,
    openedAt: new Date().toISOString(),
    facts: {
      title: '粉尘涉爆企业除尘系统未按规定设置锁气卸灰装置',
      description: 'Dust explosion hazard found during inspection',
      source: 'inspection',
      sector: 'industry_trade',
      jurisdiction: '140105',
      hazardGrade: 'major',
      enterprise: { name: '太原某机械加工有限公司', creditCode: '91350100M000100Y43' },
    },
    initialProcedure: {
      procedure: 'rectification',
      input: { summary: '限期加装锁气卸灰装置', ...(reportDueAt ? { reportDueAt } : {}) },
    },
    links: LINKS_WITHOUT_THRESHOLDS,
    policyVersion: null,
    ...rest,
  };
}

export interface OpenedCase {
  caseId: string;
  handle: WorkflowHandleWithFirstExecutionRunId;
  opened: CaseSnapshot;
}

/** Starts the case workflow and waits for its `opened` update (the first procedure projected). */
export async function openCase(stack: CaseTestEnv, input: CaseWorkflowInput): Promise<OpenedCase> {
  const handle = await stack.temporal.workflow.start(CASE_WORKFLOW, {
    taskQueue: stack.taskQueue,
    workflowId: caseWorkflowId(input.caseId),
    args: [input],
  });
  const opened = await handle.executeUpdate(caseOpenedUpdate);
  return { caseId: input.caseId, handle, opened };
}

export function procedureHandle(stack: CaseTestEnv, caseId: string, procedureId: string): WorkflowHandle {
  return stack.temporal.workflow.getHandle(procedureWorkflowId(caseId, procedureId));
}

export function act(stack: CaseTestEnv, caseId: string, procedureId: string, action: string, input: unknown, actor: Actor = OFFICER_ACTOR) {
  return procedureHandle(stack, caseId, procedureId).executeUpdate(actUpdate, { args: [{ action, actor, input }] });
}

export async function caseState(handle: WorkflowHandle): Promise<CaseSnapshot> {
  return handle.query(caseStateQuery);
}

/** Polls the case workflow's state until `accept` holds. */
export function caseStateWhen(handle: WorkflowHandle, accept: (s: CaseSnapshot) => boolean, what: string, timeoutMs = 30_000) {
  return eventually(() => caseState(handle), accept, timeoutMs, what);
}

export const procedureIn = (s: CaseSnapshot, procedureId: string): ProcedureSnapshot | undefined =>
  s.procedures.find((p) => p.procedureId === procedureId);

export { type EventRow, eventsOf, notificationsOf, procedureRow } from '../support/projection-rows';

/**
 * A draft policy version (never in force, so other tests are untouched) that the test pins on its
 * case: the version in force with `override` rules added, which win by being more specific.
 */
export async function pinnedTestPolicy(stack: CaseTestEnv, override: PolicyRule[], label: string): Promise<number> {
  const policies = new PolicyVersionRepository(stack.db);
  const inForce = await policies.inForceAt(new Date());
  const draft = await policies.createDraft(
    { label, rules: [...inForce!.rules, ...override], basedOn: inForce!.version },
    ADMIN_ACTOR,
    'test',
  );
  return draft.version;
}

/** A rule for rectification/report in 140105 (major, industry_trade) with short reminders and a ladder. */
export function shortReportRule(escalation: { action: string; hours: number }[], reminderHours: number[] = [1]): PolicyRule {
  return {
    procedure: 'rectification',
    step: 'report',
    sector: 'industry_trade',
    jurisdictionPrefix: '140105',
    grade: 'major',
    duration: { amount: 2, unit: 'hours' },
    rollOverRestDay: false,
    reminders: reminderHours.map((amount) => ({ amount, unit: 'hours' })),
    escalation: escalation.map((e) => ({ action: e.action, after: { amount: e.hours, unit: 'hours' } })),
    provenance: { kind: 'administrator_default', setBy: ADMIN_ACTOR.id, reason: 'test: short deadlines' },
  } as PolicyRule;
}
