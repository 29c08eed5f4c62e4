import { createHash, randomUUID } from 'node:crypto';
import { openedUpdate, RECTIFICATION_WORKFLOW, rectificationWorkflowId, type RectificationWorkflowInput } from '@anjian/contracts';
import { WithStartWorkflowOperation } from '@temporalio/client';
import type { TestStack } from '../support/test-stack';
import { caseBody, inSeconds } from '../support/fixtures';
import { http, OFFICER } from '../support/http';
import { uploadFiles } from '../support/uploads';

/** Callers of 140105 (Xiaodian) and its city 140100 (Taiyuan), as x-actor-* objects (test/support/http.ts). */
export const SUPERVISOR = { 'x-actor-id': 'supervisor-140100-001', 'x-actor-role': 'supervisor', 'x-actor-jurisdiction': '140100' };
export const HEAD = { 'x-actor-id': 'head-140100-001', 'x-actor-role': 'agency_head', 'x-actor-jurisdiction': '140100' };
export const VIEWER = { 'x-actor-id': 'viewer-140000-001', 'x-actor-role': 'viewer', 'x-actor-jurisdiction': '140000' };
export { OFFICER };

export const key = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
export const withKey = (k: string, headers: Record<string, string> = OFFICER) => ({ ...headers, 'idempotency-key': k });

/** An attachment reference as actions take it: {name, sha256, size}. */
export const document = (name: string, content = name) => ({
  name,
  sha256: createHash('sha256').update(content).digest('hex'),
  size: Buffer.byteLength(content),
});

/** Opens a case whose first procedure is an interview (约谈). */
export async function openInterviewCase(baseUrl: string, overrides: Record<string, unknown> = {}) {
  const opened = await http(
    baseUrl,
    'POST',
    '/cases',
    caseBody({ procedure: 'interview', input: { reason: '整改逾期未报告' }, ...overrides }),
  );
  if (opened.status !== 201) throw new Error(`open failed: ${opened.status} ${JSON.stringify(opened.body)}`);
  const procedureId = (opened.body.procedures as { procedureId: string; procedure: string }[]).find(
    (p) => p.procedure === 'interview',
  )!.procedureId;
  return { id: opened.body.id as string, procedureId, opened };
}

/** Uploads to the case the files interviewInputs cite: an action cites only files uploaded to its own case. */
export const uploadInterviewDocuments = (baseUrl: string, caseId: string) =>
  uploadFiles(baseUrl, caseId, ['约谈通知书.pdf', '约谈纪要.pdf', '整改落实情况报告.pdf']);

export const actionPath = (caseId: string, procedureId: string, action: string) =>
  `/cases/${caseId}/procedures/${procedureId}/actions/${action}`;

/** The bodies of the interview's actions, each valid as it stands. */
export const interviewInputs = {
  record_trigger: {
    reason: '整改报告逾期未交',
    interviewee: { organisation: '太原某机械加工有限公司', person: '王经理', position: '总经理' },
  },
  issue_notice: { noticeNo: '约谈〔2026〕1号', scheduledAt: inSeconds(86_400), attachments: [document('约谈通知书.pdf')] },
  hold_interview: {
    heldAt: inSeconds(-60),
    attendees: [
      { name: '王经理', organisation: '太原某机械加工有限公司' },
      { name: '李执法', organisation: '小店区应急管理局' },
    ],
    minutes: '企业承诺十日内完成除尘系统整改',
    commitments: ['十日内加装锁气卸灰装置'],
    attachments: [document('约谈纪要.pdf')],
  },
  written_report: { summary: '已加装锁气卸灰装置', attachments: [document('整改落实情况报告.pdf')] },
  follow_up: {
    result: 'commitments_kept',
    inspector: { id: 'officer-140105-002', name: '李复查' },
    checkedAt: inSeconds(-30),
    findings: '装置已安装并运行',
  },
  conclude: { outcome: 'resolved', reason: '承诺事项已落实' },
} as const;

/**
 * A case on the legacy rectification workflow (`case-<id>-rectification`), as cases opened before the
 * case workflow existed still run: started the way POST /cases used to start it. Tests of the legacy
 * behaviour (steps awaiting_report/awaiting_recheck, the old report and verification bodies) open
 * their cases with this; POST /cases now starts the case workflow.
 */
export async function openLegacyCase(
  stack: TestStack,
  body: Record<string, unknown>,
  caller: Record<string, string> = OFFICER,
): Promise<string> {
  const caseId = randomUUID();
  const actor = { id: caller['x-actor-id']!, role: caller['x-actor-role'] as 'officer', jurisdiction: caller['x-actor-jurisdiction']! };
  const input: RectificationWorkflowInput = { caseId, actor, openedAt: new Date().toISOString(), input: body as never };
  await stack.temporal.workflow.executeUpdateWithStart(openedUpdate, {
    startWorkflowOperation: new WithStartWorkflowOperation(RECTIFICATION_WORKFLOW, {
      workflowId: rectificationWorkflowId(caseId),
      taskQueue: stack.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    }),
  });
  return caseId;
}
