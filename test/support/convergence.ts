import { isDeepStrictEqual } from 'node:util';
import {
  type CaseSnapshot,
  caseStateQuery,
  caseWorkflowId,
  type ProcedureReport,
  type ProcedureSnapshot,
  procedureStateQuery,
  procedureWorkflowId,
} from '@anjian/contracts';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { http } from './http';

/** The procedure the fault tests drive: the case's first, opened by POST /cases. */
export const FIRST_PROCEDURE = 'rectification-1';

/**
 * One commit of the procedure workflow, read back from the workflows' histories (not from the
 * projection): the child projects its events, then reports to the case workflow by the signal
 * `procedureReport` (carrying its state right after the commit); a killed attempt never sends it.
 */
export interface CommittedTransition {
  /** The last seq of this commit on the procedure's stream. */
  seq: number;
  /** Every seq this commit wrote (the previous commit's seq + 1 … seq). */
  seqs: number[];
  /** What the commit was: the opening's order, or the officer's action (its first event). */
  type: string;
  /** The report's kind ('started', 'progress', 'completed', 'reminder', …). */
  kind: string;
  /** The time the workflow computed for the commit's events. */
  at: string;
  /** The procedure right after the commit. */
  snapshot: ProcedureSnapshot;
}

export interface ConvergenceReport {
  caseId: string;
  /** Each way the projection differs from what the workflows committed; empty when it converged. */
  mismatches: string[];
  /** Event rows compared field by field with a committed transition. */
  eventsChecked: number;
  /** The procedure workflow's state now (its query). */
  snapshot: ProcedureSnapshot;
  /** The case workflow's state now (its query). */
  caseSnapshot: CaseSnapshot;
  committed: CommittedTransition[];
}

type HistoryEvent = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events'] extends
  (infer E)[] | null | undefined
  ? E
  : never;

function decodeAll(payloads: { payloads?: unknown[] | null } | null | undefined): unknown[] {
  return (payloads?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p as never));
}

/** The first event of a timer's commit, by report kind (deadline-timers.ts, firing-records.ts). */
const FIRING_TYPES: Record<string, string> = { reminder: 'deadline_reminder' };

/** The first event an accepted `act` produces (rectification.machine.ts). */
function actionEventType(args: unknown[]): string {
  const cmd = args[0] as { action: string; input: { result?: string } };
  switch (cmd.action) {
    case 'submit_report':
      return 'report_submitted';
    case 'record_recheck':
      return cmd.input.result === 'passed' ? 'recheck_passed' : 'recheck_failed';
    default:
      return cmd.action;
  }
}

/**
 * What the procedure workflow committed, from the histories: the `procedureReport` signals the case
 * workflow received (deduplicated by report id, in report order), each with its seq range, time and
 * snapshot; the action behind each from the child's completed `act` updates (their result is the
 * snapshot after the commit, so its seq names the commit).
 */
export async function committedTransitions(client: Client, caseId: string, procedureId = FIRST_PROCEDURE): Promise<CommittedTransition[]> {
  const caseHistory = await client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
  const reports = new Map<string, ProcedureReport>();
  for (const e of (caseHistory.events ?? []) as HistoryEvent[]) {
    const s = e.workflowExecutionSignaledEventAttributes;
    if (!s || s.signalName !== 'procedureReport') continue;
    const report = decodeAll(s.input)[0] as ProcedureReport;
    if (report.procedureId === procedureId && !reports.has(report.reportId)) reports.set(report.reportId, report);
  }

  const childHistory = await client.workflow.getHandle(procedureWorkflowId(caseId, procedureId)).fetchHistory();
  const accepted = new Map<string, unknown[]>();
  const actionAtSeq = new Map<number, string>();
  for (const e of (childHistory.events ?? []) as HistoryEvent[]) {
    const a = e.workflowExecutionUpdateAcceptedEventAttributes;
    if (a) accepted.set(a.protocolInstanceId ?? '', decodeAll(a.acceptedRequest?.input?.args));
    const c = e.workflowExecutionUpdateCompletedEventAttributes;
    if (c?.outcome?.success) {
      const args = accepted.get(c.meta?.updateId ?? '');
      const snap = decodeAll(c.outcome.success)[0] as ProcedureSnapshot;
      if (args) actionAtSeq.set(snap.seq, actionEventType(args));
    }
  }

  const out: CommittedTransition[] = [];
  let prev = 0;
  for (const r of [...reports.values()].sort((x, y) => x.n - y.n)) {
    const seq = r.snapshot.seq;
    out.push({
      seq,
      seqs: Array.from({ length: seq - prev }, (_, i) => prev + i + 1),
      type: r.kind === 'started' ? 'order_issued' : (actionAtSeq.get(seq) ?? (FIRING_TYPES[r.kind] || r.kind)),
      kind: r.kind,
      at: r.at,
      snapshot: r.snapshot,
    });
    prev = seq;
  }
  return out;
}

interface EventRow {
  stream: string;
  seq: number;
  type: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

interface ArmedLike {
  step: string;
  start: string;
  dueAt: string;
  policyVersion?: number | null;
}

const armedKey = (d: ArmedLike | undefined | null) => (d ? `${d.step} ${d.start}→${d.dueAt} v${String(d.policyVersion)}` : 'none');

/**
 * A procedure that ended reports to the case workflow, which closes the case (case_closed, cases row)
 * when nothing else is active and then completes: wait for that (bounded) so that the comparison
 * reads a case at rest, not one between the child's report and the case workflow's reaction.
 */
async function caseWorkflowSettled(client: Client, caseId: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const handle = client.workflow.getHandle(caseWorkflowId(caseId));
  while (Date.now() < until) {
    if ((await handle.describe()).status.name !== 'RUNNING') return;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * Compares the projection (event rows of the procedure's and the case's stream, the procedure row,
 * the case row) with what the workflows committed: their state queries and their histories. Also
 * checks the hash chain through GET /cases/:id/integrity (as a caller who can reach the case).
 */
export async function checkConvergence(
  api: { temporal: Client; baseUrl: string; db: DataSource },
  caseId: string,
  headers: Record<string, string>,
  procedureId = FIRST_PROCEDURE,
): Promise<ConvergenceReport> {
  const mismatches: string[] = [];
  const snapshot = await api.temporal.workflow.getHandle(procedureWorkflowId(caseId, procedureId)).query(procedureStateQuery);
  if (snapshot.status !== 'active') await caseWorkflowSettled(api.temporal, caseId);
  const caseSnapshot = await api.temporal.workflow.getHandle(caseWorkflowId(caseId)).query(caseStateQuery);
  const committed = await committedTransitions(api.temporal, caseId, procedureId);
  const rows = (
    (await api.db.query('SELECT stream, seq, type, occurred_at, data FROM case_events WHERE case_id = $1 ORDER BY stream, seq', [
      caseId,
    ])) as { stream: string; seq: string; type: string; occurred_at: Date; data: Record<string, unknown> }[]
  ).map((r): EventRow => ({ stream: r.stream, seq: Number(r.seq), type: r.type, occurredAt: r.occurred_at.toISOString(), data: r.data }));
  const integrity = (await http(api.baseUrl, 'GET', `/cases/${caseId}/integrity`, undefined, headers)).body as { valid: boolean };

  // Nothing lost, nothing duplicated: on each stream exactly seq 1..n, n as its workflow counts.
  const expectSeqs = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  const events = rows.filter((r) => r.stream === procedureId);
  const seqs = events.map((e) => e.seq);
  if (!isDeepStrictEqual(seqs, expectSeqs(snapshot.seq)))
    mismatches.push(`${procedureId} seqs ${JSON.stringify(seqs)}, workflow has ${snapshot.seq}`);
  const committedSeqs = committed.flatMap((t) => t.seqs);
  if (!isDeepStrictEqual(committedSeqs, expectSeqs(snapshot.seq))) {
    mismatches.push(`history accounts for seqs ${JSON.stringify(committedSeqs)} of ${snapshot.seq}`);
  }
  const caseSeqs = rows.filter((r) => r.stream === 'case').map((r) => r.seq);
  if (!isDeepStrictEqual(caseSeqs, expectSeqs(caseSnapshot.seq))) {
    mismatches.push(`case stream seqs ${JSON.stringify(caseSeqs)}, case workflow has ${caseSnapshot.seq}`);
  }
  const strays = rows.filter(
    (r) => r.stream !== 'case' && r.stream !== procedureId && !caseSnapshot.procedures.some((p) => p.procedureId === r.stream),
  );
  if (strays.length > 0) mismatches.push(`rows of streams no workflow knows: ${JSON.stringify(strays.map((r) => `${r.stream}#${r.seq}`))}`);

  // Each committed transition: its rows carry its time, its first row its type, armed deadlines its state.
  let eventsChecked = 0;
  for (const t of committed) {
    const mine = t.seqs.map((s) => events.find((e) => e.seq === s)).filter((e): e is EventRow => e !== undefined);
    if (mine.length === 0) continue;
    if (mine[0]!.type !== t.type) mismatches.push(`seq ${mine[0]!.seq}: type ${mine[0]!.type}, workflow committed ${t.type}`);
    for (const ev of mine) {
      eventsChecked++;
      // Firings (reminders, passings, rungs) carry their scheduled instants; the rest the commit's time.
      const timed = ['started', 'progress', 'completed'].includes(t.kind);
      if (timed && ev.occurredAt !== t.at)
        mismatches.push(`seq ${ev.seq} (${ev.type}): occurredAt ${ev.occurredAt}, workflow committed ${t.at}`);
      if (ev.type === 'deadline_armed') {
        const rowD = ev.data['deadline'] as ArmedLike | undefined;
        const wfD = t.snapshot.deadlines.find((d) => d.step === rowD?.step);
        if (armedKey(rowD) !== armedKey(wfD))
          mismatches.push(`seq ${ev.seq} (deadline_armed): ${armedKey(rowD)}, workflow committed ${armedKey(wfD)}`);
      }
    }
  }

  // The procedure row and the case row equal the workflows' state now.
  const [proc] = (await api.db.query(
    'SELECT step, status, outcome, overdue, due_at, deadline FROM case_procedures WHERE case_id = $1 AND procedure_id = $2',
    [caseId, procedureId],
  )) as { step: string; status: string; outcome: string | null; overdue: boolean; due_at: Date | null; deadline: ArmedLike | null }[];
  const urgent = [...snapshot.deadlines].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0] ?? null;
  const expectProc = {
    step: snapshot.step,
    status: snapshot.status,
    outcome: snapshot.outcome,
    overdue: snapshot.deadlines.some((d) => d.overdue),
    dueAt: urgent?.dueAt ?? null,
  };
  const gotProc = proc
    ? { step: proc.step, status: proc.status, outcome: proc.outcome, overdue: proc.overdue, dueAt: proc.due_at?.toISOString() ?? null }
    : null;
  if (!isDeepStrictEqual(gotProc, expectProc))
    mismatches.push(`procedure row ${JSON.stringify(gotProc)}, workflow state ${JSON.stringify(expectProc)}`);
  if (proc && armedKey(proc.deadline) !== armedKey(urgent)) {
    mismatches.push(`procedure deadline ${armedKey(proc.deadline)}, workflow state ${armedKey(urgent)}`);
  }
  const [row] = (await api.db.query('SELECT status, closed_at, due_at FROM cases WHERE id = $1', [caseId])) as {
    status: string;
    closed_at: Date | null;
    due_at: Date | null;
  }[];
  const caseStatus = caseSnapshot.status === 'closed' ? 'closed' : 'open';
  if (row?.status !== caseStatus) mismatches.push(`case status ${row?.status}, case workflow ${caseSnapshot.status}`);
  if (caseStatus === 'open' && (row?.due_at?.toISOString() ?? null) !== (urgent?.dueAt ?? null)) {
    mismatches.push(`case due_at ${row?.due_at?.toISOString() ?? null}, workflow's most urgent deadline ${urgent?.dueAt ?? null}`);
  }
  if (caseStatus === 'closed') {
    const closedEvent = rows.find((r) => r.stream === 'case' && r.type === 'case_closed');
    if (!closedEvent || row?.closed_at?.toISOString() !== closedEvent.occurredAt) {
      mismatches.push(`case closed_at ${row?.closed_at?.toISOString() ?? null}, case_closed event at ${closedEvent?.occurredAt ?? 'none'}`);
    }
  }
  if (!integrity.valid) mismatches.push(`hash chain broken: ${JSON.stringify(integrity)}`);
  return { caseId, mismatches, eventsChecked, snapshot, caseSnapshot, committed };
}
