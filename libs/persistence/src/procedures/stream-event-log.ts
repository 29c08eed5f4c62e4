import type { SequencedEvent } from '@anjian/domain';
import type { EntityManager } from 'typeorm';
import { CORRECTION_REASON, hashedContent } from '../cases/case.repository';
import { canonicalJson, HASH_ALG, keyedEventHash } from '../cases/event-hash';
import type { EventRow } from './procedure.mapper';

export const RECHAIN_REASON = 'a correction earlier in the case chain changed the link of this row (content unchanged)';

/** A row to (re)write at the end of the chain: an incoming event, or a stored row of another stream keeping its content. */
type ChainEntry = { kind: 'incoming'; stream: string; event: SequencedEvent } | { kind: 'kept'; row: EventRow };

export interface StreamAppendResult {
  appended: number;
  corrected: number;
  rechained: number;
}

function storedContent(r: EventRow): Record<string, unknown> {
  const actor =
    r.actor_id && r.actor_role && r.actor_jurisdiction ? { id: r.actor_id, role: r.actor_role, jurisdiction: r.actor_jurisdiction } : null;
  return hashedContent(
    r.case_id,
    r.seq,
    { type: r.type, procedure: r.procedure, before: r.step_before, after: r.step_after, reason: r.reason, data: r.data },
    actor,
    r.occurred_at.toISOString(),
    r.stream,
  );
}

function incomingContent(caseId: string, stream: string, e: SequencedEvent): Record<string, unknown> {
  return hashedContent(caseId, e.seq, e, e.actor, e.at, stream);
}

/**
 * Appends one stream's events to the case's single hash chain (insertion order across streams),
 * converging like `CaseRepository.record`:
 * - a (stream, seq) not stored yet is appended at the chain's head;
 * - a stored (stream, seq) with the same content is left alone (a retried activity writes nothing twice);
 * - a stored (stream, seq) with different content (a killed workflow-task attempt wrote its own
 *   version) is replaced, with every later row of the same stream; rows of other streams inserted
 *   after it keep their content and place but get new links (re-chained). Every removed row is
 *   logged in `case_event_corrections` with its id, which is what the append-only guard accepts.
 *
 * The caller holds the case row's lock (SELECT … FOR UPDATE), which serialises the case's writers.
 */
export async function appendStreamEvents(
  m: EntityManager,
  chainKey: string,
  caseId: string,
  stream: string,
  events: SequencedEvent[],
): Promise<StreamAppendResult> {
  const incoming = [...events].sort((a, b) => a.seq - b.seq);
  if (incoming.length === 0) return { appended: 0, corrected: 0, rechained: 0 };

  // The stream's stored rows from the first incoming seq on, and the chain's head, in one round trip.
  const read = (await m.query(
    `(SELECT e.*, false AS is_head FROM case_events e WHERE e.case_id = $1 AND e.stream = $2 AND e.seq >= $3)
     UNION ALL
     (SELECT e.*, true AS is_head FROM case_events e WHERE e.case_id = $1 ORDER BY e.id DESC LIMIT 1)`,
    [caseId, stream, incoming[0]!.seq],
  )) as (EventRow & { is_head: boolean })[];
  const stored = read.filter((r) => !r.is_head).sort((a, b) => a.seq - b.seq);
  const head = read.find((r) => r.is_head);
  const bySeq = new Map(stored.map((r) => [r.seq, r]));
  const divergent = incoming.find((e) => {
    const s = bySeq.get(e.seq);
    return s !== undefined && canonicalJson(storedContent(s)) !== canonicalJson(incomingContent(caseId, stream, e));
  });

  if (!divergent) {
    const fresh = incoming.filter((e) => !bySeq.has(e.seq));
    if (fresh.length === 0) return { appended: 0, corrected: 0, rechained: 0 };
    await insertChained(
      m,
      chainKey,
      caseId,
      head?.hash ?? null,
      fresh.map((event) => ({ kind: 'incoming', stream, event })),
    );
    return { appended: fresh.length, corrected: 0, rechained: 0 };
  }

  // Replace from the divergent row on: take every row of the case inserted since, keep other streams' rows in place.
  const from = bySeq.get(divergent.seq)!;
  const tail = (await m.query('SELECT * FROM case_events WHERE case_id = $1 AND id >= $2 ORDER BY id', [caseId, from.id])) as EventRow[];
  // Everything from the divergent seq on, and any (unexpected) gap below it, is written by this call.
  const pending = new Map(incoming.filter((e) => e.seq >= divergent.seq || !bySeq.has(e.seq)).map((e) => [e.seq, e]));
  const plan: ChainEntry[] = [];
  const corrections: { row: EventRow; next: unknown; reason: string }[] = [];
  let corrected = 0;
  let rechained = 0;
  for (const row of tail) {
    if (row.stream === stream && row.seq >= divergent.seq) {
      const next = pending.get(row.seq);
      pending.delete(row.seq);
      if (next) plan.push({ kind: 'incoming', stream, event: next });
      corrections.push({ row, next: next ?? null, reason: CORRECTION_REASON });
      corrected += 1;
    } else {
      plan.push({ kind: 'kept', row });
      corrections.push({ row, next: { stream: row.stream, seq: row.seq, relinked: true }, reason: RECHAIN_REASON });
      rechained += 1;
    }
  }
  for (const event of pending.values()) plan.push({ kind: 'incoming', stream, event });

  await m.query(`SELECT set_config('anjian.projection_correction', 'on', true)`);
  for (const c of corrections) {
    await m.query(
      `INSERT INTO case_event_corrections (case_id, stream, seq, event_id, old_row, new_row, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [caseId, c.row.stream, c.row.seq, c.row.id, JSON.stringify(c.row), c.next === null ? null : JSON.stringify(c.next), c.reason],
    );
  }
  await m.query('DELETE FROM case_events WHERE case_id = $1 AND id >= $2', [caseId, from.id]);
  await m.query(`SELECT set_config('anjian.projection_correction', 'off', true)`);

  const [prev] = (await m.query('SELECT hash FROM case_events WHERE case_id = $1 AND id < $2 ORDER BY id DESC LIMIT 1', [
    caseId,
    from.id,
  ])) as { hash: string }[];
  await insertChained(m, chainKey, caseId, prev?.hash ?? null, plan);
  return { appended: plan.filter((p) => p.kind === 'incoming').length, corrected, rechained };
}

/** One multi-row INSERT; each row's HMAC links to the one before it (in this order). */
async function insertChained(
  m: EntityManager,
  chainKey: string,
  caseId: string,
  prevHash: string | null,
  plan: ChainEntry[],
): Promise<void> {
  const params: unknown[] = [];
  const tuples: string[] = [];
  let prev = prevHash;
  for (const entry of plan) {
    const values =
      entry.kind === 'incoming'
        ? {
            stream: entry.stream,
            seq: entry.event.seq,
            type: entry.event.type,
            procedure: entry.event.procedure,
            before: entry.event.before,
            after: entry.event.after,
            actor: entry.event.actor,
            reason: entry.event.reason,
            data: entry.event.data,
            at: entry.event.at,
            recordedAt: null as Date | null,
            content: incomingContent(caseId, entry.stream, entry.event),
          }
        : {
            stream: entry.row.stream,
            seq: entry.row.seq,
            type: entry.row.type,
            procedure: entry.row.procedure,
            before: entry.row.step_before,
            after: entry.row.step_after,
            actor:
              entry.row.actor_id && entry.row.actor_role && entry.row.actor_jurisdiction
                ? { id: entry.row.actor_id, role: entry.row.actor_role, jurisdiction: entry.row.actor_jurisdiction }
                : null,
            reason: entry.row.reason,
            data: entry.row.data,
            at: entry.row.occurred_at.toISOString(),
            recordedAt: entry.row.recorded_at,
            content: storedContent(entry.row),
          };
    const hash = keyedEventHash(chainKey, prev, values.content);
    const row = [
      caseId,
      values.stream,
      values.seq,
      values.type,
      values.procedure,
      values.before,
      values.after,
      values.actor?.id ?? null,
      values.actor?.role ?? null,
      values.actor?.jurisdiction ?? null,
      values.reason,
      JSON.stringify(values.data),
      values.at,
      values.recordedAt,
      prev,
      hash,
      HASH_ALG.keyed,
    ];
    const base = params.length;
    tuples.push(`(${row.map((_, i) => (i === 13 ? `COALESCE($${base + i + 1}::timestamptz, now())` : `$${base + i + 1}`)).join(',')})`);
    params.push(...row);
    prev = hash;
  }
  // Rows are inserted in the VALUES order, so ids follow the chain.
  await m.query(
    `INSERT INTO case_events (case_id, stream, seq, type, procedure, step_before, step_after, actor_id, actor_role,
       actor_jurisdiction, reason, data, occurred_at, recorded_at, prev_hash, hash, hash_alg)
     VALUES ${tuples.join(',')}`,
    params,
  );
}
