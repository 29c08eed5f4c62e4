import { isDeepStrictEqual } from 'node:util';
import { rectificationStateQuery, rectificationWorkflowId, type RectificationSnapshot } from '@anjian/contracts';
import type { ArmedDeadline } from '@anjian/domain';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { http } from './http';

/** One transition the workflow committed, read back from its history (not from the projection). */
export interface CommittedTransition {
  seq: number;
  type: string;
  /** The event's time as the workflow computed it: the order's openedAt, else the workflow task's time. */
  at: string;
  /** The deadline the transition armed (the state right after it). */
  deadline: ArmedDeadline | null;
}

export interface ConvergenceReport {
  caseId: string;
  /** Each way the projection differs from what the workflow committed; empty when it converged. */
  mismatches: string[];
  /** Event rows compared field by field with a committed transition. */
  eventsChecked: number;
  snapshot: RectificationSnapshot;
  committed: CommittedTransition[];
}

type HistoryEvent = Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>['events'] extends
  (infer E)[] | null | undefined
  ? E
  : never;

function tsToIso(ts: { seconds?: unknown; nanos?: number | null } | null | undefined): string {
  if (!ts) throw new Error('history event without a time');
  const s = ts.seconds as number | { toNumber(): number } | null | undefined;
  const seconds = typeof s === 'number' ? s : (s?.toNumber() ?? 0);
  return new Date(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}

function decode<T>(payloads: { payloads?: unknown[] | null } | null | undefined, index = 0): T {
  const p = payloads?.payloads?.[index];
  if (!p) throw new Error('history event without the expected payload');
  return defaultPayloadConverter.fromPayload<T>(p as never);
}

/** The event type an accepted update produces (one event per transition, see rectification.machine.ts). */
function eventTypeOf(updateName: string, args: unknown[]): string {
  switch (updateName) {
    case 'opened':
      return 'order_issued';
    case 'submitReport':
      return 'report_submitted';
    case 'recordVerification':
      return (args[0] as { input: { result: string } }).input.result === 'passed' ? 'verification_passed' : 'verification_failed';
    case 'rearmDeadline':
      return 'deadline_rearmed';
    default:
      throw new Error(`unexpected update ${updateName}`);
  }
}

/**
 * What the workflow committed, from its history: each accepted update with its result (the snapshot
 * right after its transition) and the workflow time it ran at — the start of the workflow task that
 * completed with it. A workflow task that a killed worker never completed leaves its time nowhere
 * in these transitions; an event row carrying such a time was never committed.
 */
export async function committedTransitions(client: Client, caseId: string): Promise<CommittedTransition[]> {
  const history = await client.workflow.getHandle(rectificationWorkflowId(caseId)).fetchHistory();
  const events = (history.events ?? []) as HistoryEvent[];
  let openedAt: string | null = null;
  let lastTaskStartedAt: string | null = null;
  const accepted = new Map<string, { name: string; args: unknown[]; at: string }>();
  const out: CommittedTransition[] = [];
  for (const e of events) {
    if (e.workflowExecutionStartedEventAttributes) {
      openedAt = decode<{ openedAt: string }>(e.workflowExecutionStartedEventAttributes.input).openedAt;
    } else if (e.workflowTaskStartedEventAttributes) {
      lastTaskStartedAt = tsToIso(e.eventTime);
    } else if (e.workflowExecutionUpdateAcceptedEventAttributes) {
      const a = e.workflowExecutionUpdateAcceptedEventAttributes;
      const input = a.acceptedRequest?.input;
      const args = (input?.args?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p as never));
      accepted.set(a.protocolInstanceId ?? '', { name: input?.name ?? '', args, at: lastTaskStartedAt! });
    } else if (e.workflowExecutionUpdateCompletedEventAttributes) {
      const c = e.workflowExecutionUpdateCompletedEventAttributes;
      const a = accepted.get(c.meta?.updateId ?? '');
      if (!a || !c.outcome?.success) continue; // refused after acceptance: no transition
      const snapshot = decode<RectificationSnapshot>(c.outcome.success);
      if (out.some((t) => t.seq === snapshot.seq)) continue; // 'opened' repeated by update-with-start
      out.push({
        seq: snapshot.seq,
        type: eventTypeOf(a.name, a.args),
        at: a.name === 'opened' ? new Date(openedAt!).toISOString() : a.at,
        deadline: snapshot.state.deadline,
      });
    }
  }
  return out.sort((x, y) => x.seq - y.seq);
}

interface EventRow {
  seq: number;
  type: string;
  occurredAt: string;
  data: { deadline?: ArmedDeadline };
}

/**
 * Compares the projection (case row and event rows, read through the API as a caller who can reach
 * the case) with what the workflow committed: its state query and its history. Also checks the
 * hash chain through GET /cases/:id/integrity.
 */
export async function checkConvergence(
  client: Client,
  baseUrl: string,
  caseId: string,
  headers: Record<string, string>,
): Promise<ConvergenceReport> {
  const mismatches: string[] = [];
  const snapshot = await client.workflow.getHandle(rectificationWorkflowId(caseId)).query(rectificationStateQuery);
  const committed = await committedTransitions(client, caseId);
  const row = (await http(baseUrl, 'GET', `/cases/${caseId}`, undefined, headers)).body as Record<string, unknown>;
  const events = (await http(baseUrl, 'GET', `/cases/${caseId}/events`, undefined, headers)).body as EventRow[];
  const integrity = (await http(baseUrl, 'GET', `/cases/${caseId}/integrity`, undefined, headers)).body as { valid: boolean };

  // Nothing lost, nothing duplicated: exactly seq 1..n, n as the workflow counts.
  const seqs = events.map((e) => e.seq);
  const expectedSeqs = Array.from({ length: snapshot.seq }, (_, i) => i + 1);
  if (!isDeepStrictEqual(seqs, expectedSeqs)) mismatches.push(`event seqs ${JSON.stringify(seqs)}, workflow has ${snapshot.seq}`);
  if (
    !isDeepStrictEqual(
      committed.map((t) => t.seq),
      expectedSeqs,
    )
  ) {
    mismatches.push(`history accounts for seqs ${JSON.stringify(committed.map((t) => t.seq))} of ${snapshot.seq}`);
  }

  let eventsChecked = 0;
  for (const t of committed) {
    const ev = events.find((e) => e.seq === t.seq);
    if (!ev) continue;
    eventsChecked++;
    if (ev.type !== t.type) mismatches.push(`seq ${t.seq}: type ${ev.type}, workflow committed ${t.type}`);
    if (ev.occurredAt !== t.at) mismatches.push(`seq ${t.seq} (${t.type}): occurredAt ${ev.occurredAt}, workflow committed ${t.at}`);
    if (ev.data.deadline !== undefined && !isDeepStrictEqual(ev.data.deadline, t.deadline)) {
      mismatches.push(
        `seq ${t.seq} (${t.type}): deadline ${ev.data.deadline.start}→${ev.data.deadline.dueAt}, workflow committed ${t.deadline?.start}→${t.deadline?.dueAt}`,
      );
    }
  }

  const s = snapshot.state;
  const last = committed[committed.length - 1];
  const expectRow = {
    step: s.step,
    status: s.step === 'closed' ? 'closed' : 'open',
    overdue: s.overdue,
    failures: s.failures,
    lastSeq: snapshot.seq,
  };
  for (const [k, v] of Object.entries(expectRow)) {
    if (row[k] !== v) mismatches.push(`case ${k} ${JSON.stringify(row[k])}, workflow state ${JSON.stringify(v)}`);
  }
  const rowDeadline = row['deadline'] as (Record<string, unknown> & Partial<ArmedDeadline>) | null;
  if (!sameDeadline(rowDeadline, s.deadline)) {
    mismatches.push(`case deadline ${rowDeadline?.start}→${rowDeadline?.dueAt}, workflow state ${s.deadline?.start}→${s.deadline?.dueAt}`);
  }
  if (s.step === 'closed' && last && row['closedAt'] !== last.at) {
    mismatches.push(`case closedAt ${String(row['closedAt'])}, workflow committed ${last.at}`);
  }
  if (!integrity.valid) mismatches.push(`hash chain broken: ${JSON.stringify(integrity)}`);
  return { caseId, mismatches, eventsChecked, snapshot, committed };
}

/** The case view shows the deadline with the fields the workflow armed (it may add its own). */
function sameDeadline(view: Record<string, unknown> | null, armed: ArmedDeadline | null): boolean {
  if (view === null || armed === null) return view === armed;
  return Object.entries(armed).every(([k, v]) => isDeepStrictEqual(view[k], v));
}
