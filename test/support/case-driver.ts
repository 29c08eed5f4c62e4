import { createHash } from 'node:crypto';
import { FIRST_PROCEDURE } from './convergence';
import { caseBody, inSeconds } from './fixtures';
import { OFFICER } from './http';
import { type Outcome, outcomeLabel, request, Tally } from './fault-http';
import { uploadFile } from './uploads';

/** An officer's action on a case, as the fault tests send it. */
export interface CaseAction {
  name: string;
  /** The step the action needs: a 409 naming another current step means it landed before. */
  needs: string;
  path: (id: string) => string;
  body: () => unknown;
}

const inspector = { id: 'officer-140105-002', name: '李复查' };
const report = '整改报告：已加装锁气卸灰装置';
/** The report's file as an attachment reference (a report needs at least one). */
const reportFile = { name: '整改报告.pdf', sha256: createHash('sha256').update(report).digest('hex'), size: Buffer.byteLength(report) };
/** The generic action route on the case's first procedure (POST /cases opens it as rectification-1). */
const actionPath = (action: string) => (id: string) => `/cases/${id}/procedures/${FIRST_PROCEDURE}/actions/${action}`;

/** Uploads the report's file to the case (an action cites only files uploaded to its own case): before REPORT. */
export const uploadReportFile = (baseUrl: string, caseId: string, headers: Record<string, string> = OFFICER) =>
  uploadFile(baseUrl, caseId, reportFile.name, report, headers);

export const REPORT: CaseAction = {
  name: 'submit_report',
  needs: 'report',
  path: actionPath('submit_report'),
  body: () => ({ summary: '已整改并提交报告', attachments: [reportFile] }),
};
export const PASS: CaseAction = {
  name: 'record_recheck',
  needs: 'recheck',
  path: actionPath('record_recheck'),
  body: () => ({ result: 'passed', inspector, findings: '现场复查合格' }),
};
export const FAIL: CaseAction = {
  name: 'record_recheck',
  needs: 'recheck',
  path: actionPath('record_recheck'),
  // 30 days ahead: the policy's reminders (15 and 5 days before) lie ahead too, so none fires during the test.
  body: () => ({ result: 'failed', inspector, findings: '仍未整改到位', newReportDueAt: inSeconds(30 * 86_400) }),
};

/**
 * How far a driven case goes: the actions after the order is issued, the commits that leaves on the
 * procedure's stream (each named by its first event, see convergence.ts) and the step it ends in.
 */
export type CasePlan = 'close' | 'fail-then-report' | 'report-only';
export const PLANS: Record<CasePlan, { actions: CaseAction[]; types: string[]; step: string }> = {
  close: { actions: [REPORT, PASS], types: ['order_issued', 'report_submitted', 'recheck_passed'], step: 'completed' },
  'fail-then-report': {
    actions: [REPORT, FAIL, REPORT],
    types: ['order_issued', 'report_submitted', 'recheck_failed', 'report_submitted'],
    step: 'recheck',
  },
  'report-only': { actions: [REPORT], types: ['order_issued', 'report_submitted'], step: 'recheck' },
};

export interface SendOptions {
  baseUrl: string;
  headers?: Record<string, string>;
  /** Every outcome seen, as "<action>:<status|timeout|network>". */
  tally: Tally;
  /** Client-side deadline of one HTTP request. */
  requestTimeoutMs?: number;
  /** Give up on one action after this long. */
  actionDeadlineMs?: number;
  /** Pause between attempts. */
  retryDelayMs?: number;
}

export interface Sent {
  /** The answer's case id (2xx), or null when a 409 showed the action had landed before. */
  caseId: string | null;
  /** Every attempt's outcome label, in order. */
  attempts: string[];
  /** Each 503 answered with a Retry-After header (seconds > 0)? */
  retryAfterOn503: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Sends one request until it has landed, the way a careful client does during an outage: each
 * attempt has a client-side deadline; a 5xx, a time-out, a dropped connection or a 409 while the
 * first attempt is still in flight is retried with the same Idempotency-Key. It never trusts the
 * projection to tell whether an action landed (a killed attempt may have written a row the workflow
 * never committed): only a 2xx, or a 409 whose current step (the workflow's answer) has moved past
 * what the action needs.
 */
export async function sendUntilLanded(
  o: SendOptions,
  name: string,
  path: string,
  body: unknown,
  key: string,
  needs: string | null,
): Promise<Sent> {
  const until = Date.now() + (o.actionDeadlineMs ?? 180_000);
  const attempts: string[] = [];
  let retryAfterOn503 = true;
  let last: Outcome | null = null;
  for (let attempt = 0; Date.now() < until; attempt++) {
    if (attempt > 0) await sleep(o.retryDelayMs ?? 1000);
    last = await request(
      o.baseUrl,
      'POST',
      path,
      body,
      { ...(o.headers ?? OFFICER), 'idempotency-key': key },
      o.requestTimeoutMs ?? 60_000,
    );
    const label = outcomeLabel(last);
    o.tally.add(`${name}:${label}`);
    attempts.push(label);
    if (last.kind !== 'answer') continue;
    if (last.status === 503 && !(Number(last.headers.get('retry-after')) > 0)) retryAfterOn503 = false;
    if (last.status === 200 || last.status === 201) {
      // The API says when it answered from the first attempt's stored result (Idempotency-Key replay).
      if (last.headers.get('idempotent-replayed') === 'true') attempts[attempts.length - 1] += '(replayed)';
      return { caseId: last.body.id as string, attempts, retryAfterOn503 };
    }
    if ([400, 403, 404, 413, 415, 422].includes(last.status)) {
      throw new Error(`${name} refused with ${last.status}: ${JSON.stringify(last.body)}`);
    }
    const step = last.status === 409 ? (last.body?.currentStep as string | undefined) : undefined;
    if (needs && step && step !== needs) {
      attempts.push(`landed(409 ${step})`);
      return { caseId: null, attempts, retryAfterOn503 };
    }
  }
  throw new Error(`${name} did not land in time; attempts ${attempts.join(' ')}; last ${JSON.stringify(last)}`);
}

export interface DrivenCase {
  /** Null when the case could not even be opened. */
  caseId: string | null;
  plan: CasePlan;
  /** Why the plan could not be completed, if it could not. */
  error: string | null;
  /** Attempts beyond the first, over all of the case's requests. */
  retries: number;
  /** Every attempt, "<action>:<outcome>", in order (for diagnosis). */
  trace: string[];
  retryAfterOn503: boolean;
}

/**
 * Opens a case and works it through its plan with sendUntilLanded; keys derive from runId and index.
 * Never throws: a plan that cannot be completed comes back with its error, so that the cases that
 * were opened can still be compared with their workflows.
 */
export async function driveCase(plan: CasePlan, index: number, runId: string, o: SendOptions): Promise<DrivenCase> {
  const driven: DrivenCase = { caseId: null, plan, error: null, retries: 0, trace: [], retryAfterOn503: true };
  const note = (name: string, s: Sent) => {
    driven.trace.push(...s.attempts.map((a) => `${name}:${a}`));
    driven.retries += s.attempts.filter((a) => !a.startsWith('landed')).length - 1;
    driven.retryAfterOn503 &&= s.retryAfterOn503;
  };
  try {
    const body = caseBody({ reportDueAt: inSeconds(30 * 86_400), title: `故障测试案件 ${index}` });
    const opened = await sendUntilLanded(o, 'open', '/cases', body, `${runId}-${index}-open`, null);
    note('open', opened);
    driven.caseId = opened.caseId!;
    await uploadReportFile(o.baseUrl, driven.caseId, o.headers);
    for (const [i, action] of PLANS[plan].actions.entries()) {
      const sent = await sendUntilLanded(
        o,
        action.name,
        action.path(driven.caseId),
        action.body(),
        `${runId}-${index}-${i}-${action.name}`,
        action.needs,
      );
      note(action.name, sent);
    }
  } catch (err) {
    driven.error = (err as Error).message;
  }
  return driven;
}
